// k8ts simulate: N simulated nodes (the kubelet's pod workers over an in-memory runtime)
// against any API server, for tests and scale runs. Killing the process stops their heartbeats.

import { RestClient } from '../client/rest/client.ts';
import { withUserAgent } from '../client/rest/config.ts';
import { loadKubeconfig } from '../client/rest/kubeconfig.ts';
import { Simulator, simulatedNodeNames } from '../kubelet/simulate/index.ts';
import { FlagError, intFlag, parseFlags, usage, type FlagSpec } from './flags.ts';
import { runUntilSignalled } from './until-signalled.ts';

const specs: FlagSpec[] = [
  { name: 'kubeconfig', help: 'the kubeconfig to reach the API server with' },
  { name: 'nodes', help: 'how many nodes to simulate', default: '1' },
  { name: 'name-prefix', help: 'node names are PREFIX-0 … PREFIX-(N-1)', default: 'sim-node' },
  { name: 'node-lease-duration-seconds', help: 'how long a node lease lasts; it is renewed every quarter of it', default: '40' },
  { name: 'kube-api-qps', help: 'requests per second each node may send to the API server on average (0: no limit)', default: '50' },
  { name: 'kube-api-burst', help: 'requests each node may send at once after a quiet spell', default: '100' },
  { name: 'unpullable-images', help: 'a regular expression: images whose full name (docker.io/library/busybox:1.36) matches fail to pull (ErrImagePull)' },
  { name: 'help', help: 'print this help', boolean: true },
];

const SUMMARY = `Runs simulated nodes: kubelets whose containers exist only in memory. Each node
registers, heartbeats and runs the pods bound to it with the kubelet's own pod workers; a
container does what its command says, without running it:
  no command (the image's default)   runs until the pod is deleted (exits 0 on SIGTERM)
  true, exit N, sh -c 'exit N'       exits at once with that code (a Job's pod completes)
  sleep N                            exits 0 after N seconds
  echo WORDS                         prints WORDS to the container's log, exits 0
  sh -c 'A; B && C'                  the commands above in sequence; trap 'exit N' TERM exits N on SIGTERM
  anything else                      runs until the pod is deleted
A command ignores SIGTERM unless trapped (PID 1), so deletion waits out its grace period.
Exec probes run the same language (unknown commands succeed); httpGet, tcpSocket and grpc
probes always succeed. Every image can be pulled unless --unpullable-images matches it.
Pod IPs come from the node's spec.podCIDR (from node IPAM; a 100.64.0.0/10 range after 10 s
without one); nothing listens on them.`;

export async function simulateCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, specs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('simulate', SUMMARY, specs));
    return 0;
  }
  const kubeconfig = flags.values.get('kubeconfig') ?? process.env['KUBECONFIG'];
  if (kubeconfig === undefined || kubeconfig === '') throw new FlagError('--kubeconfig is required');
  const count = intFlag(flags, 'nodes') ?? 1;
  const prefix = flags.values.get('name-prefix') ?? 'sim-node';
  const unpullable = regexFlag(flags.values.get('unpullable-images'));
  const client = new RestClient(withUserAgent(await loadKubeconfig(kubeconfig), 'k8ts-simulate'));
  try {
    await runUntilSignalled((signal) => new Simulator({ client, nodeNames: simulatedNodeNames(prefix, count), log: (m) => process.stderr.write(`${new Date().toISOString()} k8ts ${m}\n`),
      leaseDurationSeconds: Math.max(1, intFlag(flags, 'node-lease-duration-seconds') ?? 40),
      kubeApiQps: intFlag(flags, 'kube-api-qps') ?? 50, kubeApiBurst: intFlag(flags, 'kube-api-burst') ?? 100,
      ...(unpullable === undefined ? {} : { unpullableImages: unpullable }) })
      .run(signal));
  } finally {
    client.close();
  }
  return 0;
}

function regexFlag(raw: string | undefined): RegExp | undefined {
  if (raw === undefined) return undefined;
  try {
    return new RegExp(raw);
  } catch (err) {
    throw new FlagError(`--unpullable-images: not a regular expression: ${err instanceof Error ? err.message : String(err)}`);
  }
}

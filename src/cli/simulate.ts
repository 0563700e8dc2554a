// k8ts simulate: N simulated nodes (kubelets with an in-memory runtime) against any API server,
// for tests and scale runs. Killing the process stops their heartbeats.

import { setMaxListeners } from 'node:events';
import { RestClient } from '../client/rest/client.ts';
import { withUserAgent } from '../client/rest/config.ts';
import { loadKubeconfig } from '../client/rest/kubeconfig.ts';
import { Simulator, simulatedNodeNames } from '../kubelet/simulate/index.ts';
import { FlagError, intFlag, parseFlags, usage, type FlagSpec } from './flags.ts';

const specs: FlagSpec[] = [
  { name: 'kubeconfig', help: 'the kubeconfig to reach the API server with' },
  { name: 'nodes', help: 'how many nodes to simulate', default: '1' },
  { name: 'name-prefix', help: 'node names are PREFIX-0 … PREFIX-(N-1)', default: 'sim-node' },
  { name: 'node-lease-duration-seconds', help: 'how long a node lease lasts; it is renewed every quarter of it', default: '40' },
  { name: 'help', help: 'print this help', boolean: true },
];

export async function simulateCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, specs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('simulate', 'Runs simulated nodes: kubelets whose containers exist only in memory.', specs));
    return 0;
  }
  const kubeconfig = flags.values.get('kubeconfig') ?? process.env['KUBECONFIG'];
  if (kubeconfig === undefined || kubeconfig === '') throw new FlagError('--kubeconfig is required');
  const count = intFlag(flags, 'nodes') ?? 1;
  const prefix = flags.values.get('name-prefix') ?? 'sim-node';
  const client = new RestClient(withUserAgent(await loadKubeconfig(kubeconfig), 'k8ts-simulate'));
  const stop = new AbortController();
  // Every node's requests listen on the one stop signal.
  setMaxListeners(0, stop.signal);
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await new Simulator({ client, nodeNames: simulatedNodeNames(prefix, count), log: (m) => process.stderr.write(`${new Date().toISOString()} k8ts ${m}\n`),
      leaseDurationSeconds: Math.max(1, intFlag(flags, 'node-lease-duration-seconds') ?? 40) })
      .run(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    client.close();
  }
  return 0;
}

// k8ts agent: one node's kubelet, joining a cluster with the server's token (k3s-style). The
// server's own agent runs the same Kubelet with the control-plane label (see server.ts).

import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseJoinToken } from '../client/pki/join-token.ts';
import { keepYoungGenerationSmall } from './agent-heap.ts';
import { FlagError, intFlag, parseFlags, usage, type FlagSpec, type ParsedFlags } from './flags.ts';
import { runUntilSignalled } from './until-signalled.ts';

export const defaultDataDir = process.getuid?.() === 0 ? '/var/lib/k8ts' : join(process.env['HOME'] ?? '.', '.k8ts');

/** The flags an agent shares with the server's built-in agent. */
export const agentFlagSpecs: FlagSpec[] = [
  { name: 'node-name', help: 'this node\'s name (default: the host name, lower case)' },
  { name: 'container-runtime-endpoint', help: 'unix:///… socket of an existing CRI runtime instead of k8ts\' own containerd' },
  { name: 'kubelet-port', help: 'the port of the kubelet\'s HTTPS API', default: '10250' },
  { name: 'cluster-dns', help: 'the cluster DNS address pods resolve with', default: '10.43.0.10' },
  { name: 'cluster-domain', help: 'the cluster\'s DNS domain', default: 'cluster.local' },
  { name: 'cni-bridge', help: 'the Linux bridge pods attach to', default: 'cni0' },
];

const specs: FlagSpec[] = [
  { name: 'server', help: 'https://HOST:PORT of the k8ts server to join' },
  { name: 'token', help: 'the join token the server printed (K10…::server:SECRET; also in the server\'s DATA/token; or $K8TS_TOKEN)' },
  { name: 'data-dir', help: 'where the agent keeps its state (DATA/agent)', default: defaultDataDir },
  ...agentFlagSpecs,
  { name: 'help', help: 'print this help', boolean: true },
];

export interface AgentSettings {
  readonly nodeName: string;
  readonly containerRuntimeEndpoint?: string;
  readonly kubeletPort: number;
  readonly clusterDNS: string;
  readonly clusterDomain: string;
  readonly cniBridge: string;
}

/** The agent settings the flags give; bad values are FlagErrors. */
export function agentSettings(flags: ParsedFlags): AgentSettings {
  const nodeName = (flags.values.get('node-name') ?? hostname()).toLowerCase();
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(nodeName) || nodeName.length > 253) throw new FlagError(`--node-name "${nodeName}" is not a valid node name (lower-case DNS subdomain)`);
  const port = intFlag(flags, 'kubelet-port') ?? 10250;
  if (port < 1 || port > 65535) throw new FlagError(`--kubelet-port ${port} is not a port`);
  const endpoint = flags.values.get('container-runtime-endpoint');
  if (endpoint !== undefined && !/^unix:\/\/\/./.test(endpoint)) throw new FlagError('--container-runtime-endpoint takes unix:///path/to/socket');
  const bridge = flags.values.get('cni-bridge') ?? 'cni0';
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(bridge)) throw new FlagError(`--cni-bridge "${bridge}" is not a Linux interface name (1–15 characters)`);
  return {
    nodeName, kubeletPort: port, cniBridge: bridge,
    clusterDNS: flags.values.get('cluster-dns') ?? '10.43.0.10', clusterDomain: flags.values.get('cluster-domain') ?? 'cluster.local',
    ...(endpoint === undefined ? {} : { containerRuntimeEndpoint: endpoint }),
  };
}

export async function agentCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, specs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('agent', 'Runs a node: the kubelet and its containerd, joined to a k8ts server with its token.', specs));
    return 0;
  }
  if (flags.args.length > 0) throw new FlagError(`unexpected argument: ${flags.args[0] ?? ''}`);
  const server = flags.values.get('server');
  if (server === undefined || !/^https:\/\/[^/]+/.test(server)) throw new FlagError('--server https://HOST:PORT is required');
  const token = flags.values.get('token') ?? process.env['K8TS_TOKEN'];
  if (token === undefined || token === '') throw new FlagError('--token is required (the server prints it, and keeps it in its DATA/token)');
  try {
    parseJoinToken(token);
  } catch (err) {
    throw new FlagError(`--token: ${err instanceof Error ? err.message : String(err)}`);
  }
  const settings = agentSettings(flags);
  // Before the kubelet's modules load and the heap grows (see agent-heap.ts); the kubelet is
  // imported here rather than statically for that reason.
  keepYoungGenerationSmall();
  const { Kubelet } = await import('../kubelet/kubelet.ts');
  await runUntilSignalled(
    (signal) => new Kubelet({ ...settings, server, token, dataDir: flags.values.get('data-dir') ?? defaultDataDir, controlPlane: false, log }).run(signal),
    (signal) => log(`${signal}: shutting down (pods keep running)`),
  );
  return 0;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} k8ts agent: ${message}\n`);
}

// What the kubelet acceptance tests share: one `k8ts server` with its node per file, each file
// on a bridge and cluster CIDR of its own (so the files may run at the same time), bounded
// polling, kubectl run to completion or kept running (logs -f, port-forward) and always killed
// by PID at the end.

import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { KUBECTL, type KubectlVersion, type RunResult, type TestServer } from './harness.ts';
import { startServerWithNode, stopServerWithNode, type ServerWithNode } from './kubelet-host.ts';

/** A test file's own pod network: the only node gets the first /24 of the cluster CIDR. */
export interface AcceptanceNetwork {
  readonly bridge: string;
  readonly clusterCidr: string;
  /** What the node's pod IPs start with. */
  readonly podPrefix: string;
}

export const ACCEPTANCE_NETWORK: AcceptanceNetwork = { bridge: 'k8tse0', clusterCidr: '10.244.128.0/18', podPrefix: '10.244.128.' };
export const CRASHES_NETWORK: AcceptanceNetwork = { bridge: 'k8tse1', clusterCidr: '10.244.0.0/18', podPrefix: '10.244.0.' };

/** A server with its node, and kubectl calls against it that fail loudly. */
export class AcceptanceCluster {
  readonly node: ServerWithNode;
  readonly nodeName: string;
  readonly network: AcceptanceNetwork;

  private constructor(node: ServerWithNode, nodeName: string, network: AcceptanceNetwork) {
    this.node = node;
    this.nodeName = nodeName;
    this.network = network;
  }

  static async start(nodeName: string, network: AcceptanceNetwork): Promise<AcceptanceCluster> {
    const node = await startServerWithNode({ bridge: network.bridge, clusterCidr: network.clusterCidr, nodeName });
    const cluster = new AcceptanceCluster(node, nodeName, network);
    await cluster.waitFor('the node Ready', 30_000, async () => {
      const n = await cluster.json<{ status: { conditions: { type: string; status: string }[] } }>(['get', 'node', nodeName]);
      return n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
    });
    return cluster;
  }

  get server(): TestServer {
    return this.node.server;
  }

  async stop(): Promise<void> {
    await stopServerWithNode(this.node, this.node.server, this.network.podPrefix);
  }

  /** Runs kubectl to completion (exit code and output as they are). */
  run(args: readonly string[], options: { version?: KubectlVersion; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
    const { version = '1.33', ...rest } = options;
    return this.server.kubectl(version, args, rest);
  }

  /** Runs kubectl and returns its stdout, throwing with its stderr when it fails. */
  async ok(args: readonly string[], options: { version?: KubectlVersion; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
    const r = await this.run(args, options);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  async json<T>(args: readonly string[]): Promise<T> {
    return JSON.parse(await this.ok([...args, '-o', 'json'])) as T;
  }

  pod(name: string): Promise<PodJson> {
    return this.json<PodJson>(['get', 'pod', name]);
  }

  /** Polls every 250 ms until probe answers (errors count as "not yet"), failing after timeoutMs with the server log's tail. */
  async waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}\n--- server log (tail) ---\n${this.server.log.slice(-3000)}`);
      }
      await sleep(250);
    }
  }

  /** Waits until the pod runs (its first container running). */
  waitRunning(name: string, timeoutMs = 60_000): Promise<PodJson> {
    return this.waitFor(`pod ${name} Running`, timeoutMs, async () => {
      const p = await this.pod(name);
      return p.status.phase === 'Running' && p.status.containerStatuses?.[0]?.state?.running !== undefined ? p : undefined;
    });
  }

  /** Starts a long-running kubectl (logs -f, port-forward); stop it with stopProcess. */
  spawn(args: readonly string[], version: KubectlVersion = '1.33'): LiveProcess {
    const child = spawn(KUBECTL[version], ['--kubeconfig', this.server.kubeconfig, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const live: LiveProcess = { child, stdout: '', stderr: '' };
    child.stdout?.setEncoding('utf8').on('data', (d: string) => { live.stdout += d; });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => { live.stderr += d; });
    return live;
  }
}

export interface LiveProcess {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
}

/** Kills a spawned process by its PID and waits for it to exit. */
export async function stopProcess(live: LiveProcess): Promise<void> {
  const { child } = live;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export interface ContainerStatusJson {
  name: string;
  ready: boolean;
  restartCount: number;
  state?: { running?: { startedAt?: string }; waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
  lastState?: { terminated?: { reason?: string; exitCode?: number; startedAt?: string; finishedAt?: string } };
}

export interface PodJson {
  metadata: { name: string; uid: string; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status: {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: ContainerStatusJson[];
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function httpGet(host: string, port: number, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host, port, path, timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET http://${host}:${port}${path} timed out`)));
    req.on('error', reject);
  });
}

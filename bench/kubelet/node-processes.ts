// The processes the kubelet benchmark measures: `k8ts server` with its built-in agent (real
// containerd, the benchmark's CNI bridge and cluster CIDR), and optionally a standalone
// `k8ts agent` joined to it with the server's token. Each is a child process whose PID is kept
// (RSS from /proc/<pid>/status, which counts the Node process only: containerd and the shims
// are separate processes). stop() ends it by PID and tears its node down as the end-to-end
// tests do (sandboxes removed, containerd stopped by PID, shims killed, bridge, ip_forward and
// the node's new CNI chains restored, mounts undone, data removed); it never throws.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RestClient } from '../../src/client/rest/client.ts';
import { loadKubeconfig } from '../../src/client/rest/kubeconfig.ts';
import type { KubeObject } from '../../src/client/rest/types.ts';
import { freePorts } from '../../src/storage/etcd/etcd-process.ts';
import { statusBytes } from '../apiserver/server-process.ts';
import type { K8tsCommand } from './build.ts';
import { onInterrupt, restoreHost, snapshotHost, tearDownNode, type HostSnapshot } from './host.ts';
/** USER_HZ, which Linux fixes at 100 for /proc on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
const NODE_TYPE = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;

interface NodeObject extends KubeObject {
  spec?: { podCIDR?: string };
  status?: { conditions?: { type: string; status: string }[] };
}

/** Processes still to be killed if the benchmark exits without stopping them (SIGKILL by PID). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
});

export interface NodeProcessOptions {
  readonly nodeName: string;
  readonly bridge: string;
  /** How to run k8ts (compiled or from source). */
  readonly k8ts: K8tsCommand;
  /** Node flags before the script (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  readonly log: (message: string) => void;
}

/** A `k8ts server` or `k8ts agent` child running one node. */
export class NodeProcess {
  readonly dataDir: string;
  readonly nodeName: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  readonly #host: HostSnapshot;
  readonly #bridge: string;
  #podCIDR: string | undefined;
  #output = '';
  readonly #unregister: () => void;

  private constructor(child: ChildProcess, dataDir: string, nodeName: string, host: HostSnapshot, bridge: string) {
    this.#child = child;
    this.dataDir = dataDir;
    this.nodeName = nodeName;
    this.#host = host;
    this.#bridge = bridge;
    this.#exited = new Promise((resolve) => child.once('close', () => resolve()));
    const keep = (d: string): void => { this.#output = (this.#output + d).slice(-20_000); };
    child.stdout?.setEncoding('utf8').on('data', keep);
    child.stderr?.setEncoding('utf8').on('data', keep);
    live.add(child);
    this.#unregister = onInterrupt(() => this.stop());
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** The last 20 kB the process wrote, for error messages. */
  get output(): string {
    return this.#output;
  }

  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  rssBytes(): number {
    return statusBytes(this.pid, 'VmRSS');
  }

  /** CPU time the process has used so far (user + system, from /proc/<pid>/stat), in ms; NaN once gone. */
  cpuMs(): number {
    try {
      // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS_PER_SECOND);
    } catch {
      return Number.NaN;
    }
  }

  /** `k8ts server` with its agent, on a fresh data dir with the offline demo images; returns once its kubeconfig exists. */
  static async server(o: NodeProcessOptions & { clusterCidr: string }): Promise<{ node: NodeProcess; port: number }> {
    const host = snapshotHost();
    const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-bench-kubelet-'));
    const [port, kubeletPort] = await freePorts(2);
    await buildDemoImages(o.k8ts, dataDir).catch((err: unknown) => { rmSync(dataDir, { recursive: true, force: true }); throw err; });
    const child = spawn(process.execPath, [
      ...(o.nodeArgs ?? []), ...o.k8ts.argv, 'server', '--data-dir', dataDir, '--port', String(port), '--bind-address', '127.0.0.1',
      '--cluster-cidr', o.clusterCidr, '--cni-bridge', o.bridge, '--kubelet-port', String(kubeletPort), '--node-name', o.nodeName,
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.k8ts.env } });
    const node = new NodeProcess(child, dataDir, o.nodeName, host, o.bridge);
    const kubeconfig = join(dataDir, 'kubeconfig.yaml');
    for (let i = 0; i < 600 && !existsSync(kubeconfig); i++) {
      if (node.exited) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!existsSync(kubeconfig)) {
      await node.stop();
      throw new Error(`k8ts server did not write its kubeconfig in 60 s:\n${node.output}`);
    }
    return { node, port: port as number };
  }

  /** `k8ts agent` joined to the server on `port` with the token in the server's data dir. */
  static async agent(o: NodeProcessOptions & { serverPort: number; serverDataDir: string }): Promise<NodeProcess> {
    const token = readFileSync(join(o.serverDataDir, 'token'), 'utf8').trim();
    const host = snapshotHost();
    const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-bench-agent-'));
    const [kubeletPort] = await freePorts(1);
    await buildDemoImages(o.k8ts, dataDir).catch((err: unknown) => { rmSync(dataDir, { recursive: true, force: true }); throw err; });
    const child = spawn(process.execPath, [
      ...(o.nodeArgs ?? []), ...o.k8ts.argv, 'agent', '--server', `https://127.0.0.1:${o.serverPort}`, '--token', token,
      '--node-name', o.nodeName, '--data-dir', dataDir, '--cni-bridge', o.bridge, '--kubelet-port', String(kubeletPort),
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.k8ts.env } });
    return new NodeProcess(child, dataDir, o.nodeName, host, o.bridge);
  }

  /** Waits until this process's Node is Ready; remembers its pod CIDR (for the clean-up of its chains). */
  async waitReady(client: RestClient, timeoutMs: number): Promise<void> {
    const nodes = client.resource<NodeObject>(NODE_TYPE);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) throw new Error(`${this.nodeName}: the process exited:\n${this.output}`);
      const node = await nodes.get(this.nodeName).catch(() => undefined);
      if (node?.spec?.podCIDR !== undefined) this.#podCIDR = node.spec.podCIDR;
      if (node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true && this.#podCIDR !== undefined) return;
      if (Date.now() > deadline) throw new Error(`node ${this.nodeName} not Ready with a pod CIDR after ${timeoutMs / 1000} s:\n${this.output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** An admin client from the server's kubeconfig. */
  async adminClient(): Promise<RestClient> {
    return new RestClient({ ...(await loadKubeconfig(join(this.dataDir, 'kubeconfig.yaml'))), timeoutMs: 60_000 });
  }

  /**
   * Ends the process (SIGTERM, so a --cpu-prof profile gets written; SIGKILL after 15 s), then
   * tears its node down and removes its data. Never throws: failures are logged to stderr.
   */
  async stop(): Promise<void> {
    this.#unregister();
    const pid = this.#child.pid;
    if (pid !== undefined && !this.exited) {
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => { if (!this.exited) process.kill(pid, 'SIGKILL'); }, 15_000);
      await this.#exited;
      clearTimeout(timer);
    }
    live.delete(this.#child);
    try {
      await tearDownNode(this.dataDir);
      // Without a pod CIDR no pod ever got an address: only the bridge and ip_forward to restore.
      const prefix = this.#podCIDR?.replace(/\.0\/\d+$/, '.') ?? 'no pod CIDR';
      restoreHost(this.#host, this.#bridge, prefix, this.dataDir);
    } catch (err) {
      process.stderr.write(`tearing down node ${this.nodeName} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** `k8ts images build-demo` into DATA/agent/images, so the agent imports busybox at start. */
async function buildDemoImages(k8ts: K8tsCommand, dataDir: string): Promise<void> {
  const child = spawn(process.execPath, [...k8ts.argv, 'images', 'build-demo', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...k8ts.env } });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`k8ts images build-demo failed (${String(code)}): ${err}`);
}

// Real etcd members for tests and benchmarks: the Debian package's /usr/bin/etcd, on free
// loopback ports, each member with a temporary data directory of its own.
//
// Only 127.0.0.1 is ever bound or dialled. Members fsync as in production unless
// `unsafeNoFsync` asks otherwise. Every member is stopped by its PID (SIGTERM, then SIGKILL)
// and its data directory removed; members still running when this process exits are killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ETCD_BINARY = '/usr/bin/etcd';

export interface EtcdClusterOptions {
  /** Members of the cluster (default 1). */
  readonly members?: number;
  /** Pass --unsafe-no-fsync: faster, but an acknowledged write may be lost on a crash. */
  readonly unsafeNoFsync?: boolean;
  /** --max-request-bytes (etcd's default, 1.5 MiB, when absent). */
  readonly maxRequestBytes?: number;
  /** --heartbeat-interval and --election-timeout in ms (etcd's defaults: 100 and 1000). */
  readonly heartbeatMs?: number;
  readonly electionMs?: number;
  /** How long to wait for the cluster to answer (default 30 s). */
  readonly startTimeoutMs?: number;
}

export interface EtcdMember {
  readonly name: string;
  /** host:port of the client URL, as EtcdStore.connect takes it. */
  readonly endpoint: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dataDir: string;
  readonly pid: number;
  /** False once the process has exited. */
  readonly running: boolean;
}

/** Clusters not yet stopped: killed and removed if this process exits first. */
const live = new Set<EtcdCluster>();
let exitHookInstalled = false;

class Member implements EtcdMember {
  readonly name: string;
  readonly endpoint: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dataDir: string;
  readonly #args: readonly string[];
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #log = '';

  constructor(name: string, clientPort: number, peerPort: number, dataDir: string, args: readonly string[]) {
    this.name = name;
    this.endpoint = `127.0.0.1:${clientPort}`;
    this.clientUrl = `http://${this.endpoint}`;
    this.peerUrl = `http://127.0.0.1:${peerPort}`;
    this.dataDir = dataDir;
    this.#args = args;
  }

  get pid(): number {
    return this.#child?.pid ?? -1;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The last lines etcd logged, for error messages. */
  get log(): string {
    return this.#log;
  }

  /** Starts the process (again, after a stop: the data directory is kept, so it rejoins). */
  start(): void {
    if (this.running) return;
    // ETCD_* variables would act as flags: start from a clean environment.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ETCD_')));
    const child = spawn(ETCD_BINARY, this.#args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.#log = (this.#log + chunk).slice(-4000);
    });
    child.once('error', (error) => {
      this.#log += `\nspawn failed: ${error.message}`;
    });
    this.#exited = new Promise((resolve) => child.once('close', () => resolve()));
    this.#child = child;
  }

  /** Sends `signal`, then SIGKILL if the member has not exited within `graceMs`. */
  async stop(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    if (!this.running) return;
    this.#signal(signal);
    let timer: NodeJS.Timeout | undefined;
    const escalate = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.#signal('SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([this.#exited, escalate]);
    clearTimeout(timer);
    await this.#exited;
  }

  killNow(): void {
    this.#signal('SIGKILL');
  }

  #signal(signal: NodeJS.Signals): void {
    const pid = this.#child?.pid;
    if (!this.running || pid === undefined) return;
    try {
      process.kill(pid, signal);
    } catch {
      // It exited meanwhile.
    }
  }
}

export class EtcdCluster {
  readonly members: readonly EtcdMember[];
  readonly #members: readonly Member[];
  readonly #root: string;
  readonly #startTimeoutMs: number;

  /** Starts the members and waits until every one of them answers /health. */
  static async start(options: EtcdClusterOptions = {}): Promise<EtcdCluster> {
    if (!existsSync(ETCD_BINARY)) {
      throw new Error(`${ETCD_BINARY} is missing: install the Debian package etcd-server (apt-get install etcd-server)`);
    }
    const count = options.members ?? 1;
    const ports = await freePorts(count * 2);
    const root = await mkdtemp(join(tmpdir(), 'k8ts-etcd-'));
    const token = `k8ts-${randomBytes(6).toString('hex')}`;
    const names = Array.from({ length: count }, (_, i) => `m${i}`);
    const peer = (i: number): string => `http://127.0.0.1:${ports[2 * i + 1]}`;
    const initialCluster = names.map((name, i) => `${name}=${peer(i)}`).join(',');
    installExitHook();
    const members = names.map((name, i) => {
      const client = `http://127.0.0.1:${ports[2 * i]}`;
      const dataDir = join(root, name);
      const args = [
        `--name=${name}`, `--data-dir=${dataDir}`,
        `--listen-client-urls=${client}`, `--advertise-client-urls=${client}`,
        `--listen-peer-urls=${peer(i)}`, `--initial-advertise-peer-urls=${peer(i)}`,
        `--initial-cluster=${initialCluster}`, '--initial-cluster-state=new', `--initial-cluster-token=${token}`,
        '--logger=zap', '--log-level=warn',
      ];
      if (options.unsafeNoFsync === true) args.push('--unsafe-no-fsync');
      if (options.maxRequestBytes !== undefined) args.push(`--max-request-bytes=${options.maxRequestBytes}`);
      if (options.heartbeatMs !== undefined) args.push(`--heartbeat-interval=${options.heartbeatMs}`);
      if (options.electionMs !== undefined) args.push(`--election-timeout=${options.electionMs}`);
      return new Member(name, ports[2 * i] ?? 0, ports[2 * i + 1] ?? 0, dataDir, args);
    });
    const cluster = new EtcdCluster(members, root, options.startTimeoutMs ?? 30_000);
    try {
      for (const member of members) member.start();
      await Promise.all(members.map((member) => waitHealthy(member, cluster.#startTimeoutMs)));
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  private constructor(members: readonly Member[], root: string, startTimeoutMs: number) {
    this.#members = members;
    this.members = members;
    this.#root = root;
    this.#startTimeoutMs = startTimeoutMs;
    live.add(this);
  }

  /** host:port of every member's client URL. */
  get endpoints(): string[] {
    return this.members.map((member) => member.endpoint);
  }

  /** Kills member `index` at once (SIGKILL), as a crash would; its data directory stays. */
  async kill(index: number): Promise<void> {
    await this.#member(index).stop('SIGKILL', 0);
  }

  /** Starts a stopped member again on its data directory and waits until it answers. */
  async restart(index: number): Promise<void> {
    const member = this.#member(index);
    member.start();
    await waitHealthy(member, this.#startTimeoutMs);
  }

  /** The index of the raft leader (asked over the JSON gateway), waiting up to 10 s for one. */
  async leaderIndex(): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const statuses = await Promise.all(this.#members.map(async (member) => (member.running ? await memberStatus(member) : undefined)));
      const index = statuses.findIndex((status) => status !== undefined && status.id === status.leader);
      if (index >= 0) return index;
      if (Date.now() > deadline) throw new Error('etcd cluster has no leader');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A gauge or counter from member `index`'s /metrics, e.g. etcd_debugging_mvcc_watcher_total. */
  async metric(index: number, name: string): Promise<number> {
    const response = await fetch(`${this.#member(index).clientUrl}/metrics`, { signal: AbortSignal.timeout(2_000) });
    const line = (await response.text()).split('\n').find((l) => l.startsWith(`${name} `));
    if (line === undefined) throw new Error(`etcd has no metric ${name}`);
    return Number(line.slice(name.length + 1));
  }

  /** Stops every member (SIGTERM, SIGKILL after 5 s) and removes their data. Idempotent. */
  async stop(): Promise<void> {
    // One at a time: a leader stopping hands its leadership to a live member, and waits
    // for the election timeout when every other member is stopping too.
    for (const member of this.#members) await member.stop('SIGTERM', 5_000);
    await rm(this.#root, { recursive: true, force: true });
    live.delete(this);
  }

  /** For the exit hook: SIGKILL to every member and the data removed, synchronously. */
  killAllNow(): void {
    for (const member of this.#members) member.killNow();
    rmSync(this.#root, { recursive: true, force: true });
  }

  #member(index: number): Member {
    const member = this.#members[index];
    if (member === undefined) throw new Error(`no etcd member ${index}`);
    return member;
  }
}

/** Free TCP ports on 127.0.0.1, all distinct: each is held open until every one is found. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function waitHealthy(member: Member, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!member.running) throw new Error(`etcd member ${member.name} exited during start-up:\n${member.log}`);
    try {
      const response = await fetch(`${member.clientUrl}/health`, { signal: AbortSignal.timeout(1_000) });
      const body = (await response.json()) as { health?: unknown };
      if (body.health === 'true') return;
    } catch {
      // Not listening yet, or no leader yet: ask again.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`etcd member ${member.name} did not become healthy in ${timeoutMs} ms:\n${member.log}`);
}

async function memberStatus(member: Member): Promise<{ id: string; leader: string } | undefined> {
  try {
    const response = await fetch(`${member.clientUrl}/v3/maintenance/status`, {
      method: 'POST', body: '{}', signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { header?: { member_id?: unknown }; leader?: unknown };
    const id = body.header?.member_id;
    return typeof id === 'string' && typeof body.leader === 'string' ? { id, leader: body.leader } : undefined;
  } catch {
    return undefined;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const cluster of live) cluster.killAllNow();
  });
}

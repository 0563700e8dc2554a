// `k8ts server` as its own process, started the way test/e2e/harness.ts starts it (a temporary
// data dir, a free loopback port, no agent), but keeping its PID: the benchmark reads the
// server's memory from /proc/<pid>/status. Stopped by that PID (SIGTERM, SIGKILL after 10 s);
// a server still running when the benchmark exits is killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EtcdCluster, freePorts } from '../../src/storage/etcd/etcd-process.ts';
import { readCredentials, Session, type Credentials } from './client.ts';

const root = new URL('../..', import.meta.url).pathname;
/** Servers started and not yet stopped: killed (SIGKILL by PID) and removed if the benchmark exits first. */
const live = new Map<ChildProcess, string>();
let exitHookInstalled = false;

export interface ServerOptions {
  /** --datastore-endpoint; the embedded sqlite store when absent. */
  readonly datastoreEndpoint?: string;
  /** Flags for node itself, before the script (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  /** More `k8ts server` flags (e.g. --disable controller-manager). */
  readonly serverArgs?: readonly string[];
  /** Appends everything the server writes (stdout and stderr) to this file. */
  readonly logFile?: string;
}

/**
 * Keeps the last `chars` characters a child writes (stdout and stderr), for the error when it
 * fails, and appends everything to `logFile` when given.
 */
export function keepOutput(child: ChildProcess, chars: number, logFile?: string): { text(): string } {
  let log = '';
  const keep = (d: string): void => {
    log = (log + d).slice(-chars);
    if (logFile !== undefined) appendFileSync(logFile, d);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  return { text: () => log };
}

export class ServerProcess {
  readonly dataDir: string;
  readonly credentials: Credentials;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;

  private constructor(dataDir: string, credentials: Credentials, child: ChildProcess, exited: Promise<void>) {
    this.dataDir = dataDir;
    this.credentials = credentials;
    this.#child = child;
    this.#exited = exited;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Starts the server and waits until /readyz answers 200 over the admin kubeconfig's credentials. */
  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-bench-apiserver-'));
    const [port] = await freePorts(1);
    const args = [
      ...(options.nodeArgs ?? []), join(root, 'bin/k8ts.js'), 'server',
      '--data-dir', dataDir, '--port', String(port), '--bind-address', '127.0.0.1', '--disable-agent',
      ...(options.datastoreEndpoint === undefined ? [] : ['--datastore-endpoint', options.datastoreEndpoint]),
      ...(options.serverArgs ?? []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = keepOutput(child, 8000, options.logFile);
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    installExitHook();
    live.set(child, dataDir);
    const kubeconfig = join(dataDir, 'kubeconfig.yaml');
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        rmSync(dataDir, { recursive: true, force: true });
        live.delete(child);
        throw new Error(`k8ts server exited with ${child.exitCode ?? child.signalCode}:\n${output.text()}`);
      }
      if (existsSync(kubeconfig)) {
        const credentials = readCredentials(kubeconfig);
        if (await isReady(credentials)) return new ServerProcess(dataDir, credentials, child, exited);
      }
      if (Date.now() > deadline) {
        killNow(child, dataDir);
        await exited;
        throw new Error(`k8ts server did not become ready in 60 s:\n${output.text()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The server process's resident set (VmRSS), in bytes. */
  rssBytes(): number {
    return statusBytes(this.pid, 'VmRSS');
  }

  /** SIGTERM (SIGKILL after 10 s) to the server's PID, then its data dir removed. */
  async stop(): Promise<void> {
    const pid = this.#child.pid;
    if (pid !== undefined && this.#child.exitCode === null && this.#child.signalCode === null) {
      signal(pid, 'SIGTERM');
      const timer = setTimeout(() => signal(pid, 'SIGKILL'), 10_000);
      await this.#exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
    live.delete(this.#child);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // It exited meanwhile.
  }
}

function killNow(child: ChildProcess, dataDir: string): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) signal(child.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  live.delete(child);
}

export type Backend = 'sqlite' | 'etcd';

/** A server on one Store backend, and the one-member etcd it uses (its own), if any. */
export interface RunningServer {
  readonly server: ServerProcess;
  /** The etcd member's PID, for the etcd backend. */
  readonly etcdPid?: number;
  /** Stops the server, then its etcd. */
  stop(): Promise<void>;
}

/** `k8ts server` on `backend`: the embedded sqlite store, or a one-member etcd started for it. */
export async function startOn(backend: Backend, options: Omit<ServerOptions, 'datastoreEndpoint'> = {}): Promise<RunningServer> {
  if (backend === 'sqlite') {
    const server = await ServerProcess.start(options);
    return { server, stop: () => server.stop() };
  }
  const etcd = await EtcdCluster.start();
  try {
    const server = await ServerProcess.start({ ...options, datastoreEndpoint: `etcd://${etcd.endpoints.join(',')}` });
    return { server, etcdPid: etcd.members[0]?.pid ?? -1, stop: async () => { await server.stop(); await etcd.stop(); } };
  } catch (error) {
    await etcd.stop();
    throw error;
  }
}

/** `--backend sqlite|etcd` as given (sqlite when absent); anything else is refused. */
export function backendOf(value: string | undefined): Backend {
  if (value === undefined || value === 'sqlite' || value === 'etcd') return value ?? 'sqlite';
  throw new Error(`--backend ${value}: expected sqlite or etcd`);
}

/** Node flags that write a V8 CPU profile of the server into `dir` (made if missing), named after `name` if given. */
export function cpuProfileArgs(dir: string | undefined, name?: string): string[] {
  if (dir === undefined) return [];
  const at = resolve(dir);
  mkdirSync(at, { recursive: true });
  return ['--cpu-prof', '--cpu-prof-dir', at, ...(name === undefined ? [] : ['--cpu-prof-name', `k8ts-server-${name}-${Date.now()}.cpuprofile`])];
}

/** A `Vm*` line of /proc/<pid>/status (kB there), in bytes; NaN once the process is gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? Number.NaN : Number(match[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}

async function isReady(credentials: Credentials): Promise<boolean> {
  let session: Session | undefined;
  try {
    session = await Session.connect(credentials);
    return (await session.request('GET', '/readyz')).status === 200;
  } catch {
    return false;
  } finally {
    await session?.close();
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [child, dataDir] of [...live]) killNow(child, dataDir);
  });
}

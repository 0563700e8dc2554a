// ManagedContainerd: containerd as a child process of the node agent, k3s-style. run(signal)
// writes the config, starts `containerd --config F`, and keeps it running: when it dies it is
// restarted after a bounded exponential backoff. On abort it is stopped by PID (SIGTERM, then
// SIGKILL after a grace period). Shims are not our children: they outlive containerd by
// design, and pods must be stopped through the CRI before the agent exits if they should go.
// A containerd left behind by an agent that was killed (SIGKILL leaves children running) is
// found by the PID file it wrote and stopped before a new one starts on the same data.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CriClient } from '../cri/client.ts';
import { containerdPaths, renderContainerdConfig, type ContainerdPaths } from './config.ts';

export interface ManagedContainerdOptions {
  /** Directory owned by this containerd: root, state, socket, config, CNI conf, log. */
  readonly dataDir: string;
  readonly containerdBinary?: string;
  readonly sandboxImage?: string;
  /** Longest wait between restarts; default 30 s. */
  readonly maxBackoffMs?: number;
  /** How long containerd may take to answer Version after a start; default 30 s. */
  readonly startTimeoutMs?: number;
  readonly onEvent?: (message: string) => void;
}

/** The binaries containerd with the CRI plugin needs, and the Debian package of each. */
const requiredBinaries = [
  { name: 'containerd', pkg: 'containerd' },
  { name: 'containerd-shim-runc-v2', pkg: 'containerd' },
  { name: 'runc', pkg: 'runc' },
] as const;

function findInPath(name: string): string | undefined {
  const dirs = (process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter);
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p));
}

/** Throws an error naming the Debian packages to install when a binary is missing. */
export function checkContainerdBinaries(): void {
  const missing: { name: string; pkg: string }[] = requiredBinaries.filter((b) => findInPath(b.name) === undefined);
  if (!existsSync('/usr/lib/cni/bridge')) missing.push({ name: '/usr/lib/cni/bridge', pkg: 'containernetworking-plugins' });
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  throw new Error(`missing ${missing.map((m) => m.name).join(', ')}: install the Debian packages ` +
    `${pkgs.join(' ')} (apt-get install -y containerd runc containernetworking-plugins)`);
}

export class ManagedContainerd {
  readonly paths: ContainerdPaths;
  readonly #options: ManagedContainerdOptions;
  #child: ChildProcess | undefined;
  #readyWaiters: (() => void)[] = [];
  #ready = false;

  constructor(options: ManagedContainerdOptions) {
    this.#options = options;
    this.paths = containerdPaths(options.dataDir);
  }

  /** `unix://` endpoint of the CRI socket. */
  get endpoint(): string {
    return `unix://${this.paths.socket}`;
  }

  /** PID of the running containerd, if any. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Resolves once containerd answers Version (after the first start, or after a restart). */
  ready(signal?: AbortSignal): Promise<void> {
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#readyWaiters.push(resolve);
      signal?.addEventListener('abort', () => reject(new Error('aborted while waiting for containerd')), { once: true });
    });
  }

  /** Runs until signal aborts; rejects only on set-up errors (missing binaries, unwritable dir). */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#options.containerdBinary === undefined) checkContainerdBinaries();
    const { paths } = this;
    for (const dir of [paths.root, paths.state, paths.cniConfDir, paths.registryConfigDir]) await mkdir(dir, { recursive: true });
    const configOptions = { paths, ...(this.#options.sandboxImage === undefined ? {} : { sandboxImage: this.#options.sandboxImage }) };
    await writeFile(paths.config, renderContainerdConfig(configOptions));
    await this.#stopLeftover(signal);
    const maxBackoff = this.#options.maxBackoffMs ?? 30_000;
    let backoff = 500;
    while (!signal.aborted) {
      const startedAt = Date.now();
      const exit = await this.#runOnce(signal);
      if (signal.aborted) break;
      // A containerd that ran for a while gets a fresh backoff; a crash loop waits longer each time.
      if (Date.now() - startedAt > 60_000) backoff = 500;
      this.#event(`containerd exited (${exit}); restarting in ${backoff} ms`);
      await sleep(backoff, undefined, { signal }).catch(() => undefined);
      backoff = Math.min(backoff * 2, maxBackoff);
    }
  }

  async #runOnce(signal: AbortSignal): Promise<string> {
    await rm(this.paths.socket, { force: true });
    const logFd = openSync(this.paths.log, 'a');
    const child = spawn(this.#options.containerdBinary ?? 'containerd', ['--config', this.paths.config], {
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    this.#child = child;
    if (child.pid !== undefined) await writeFile(this.#pidFile, `${child.pid}\n`);
    const exited = once(child, 'exit').then(([code, sig]) => (sig === null ? `code ${String(code)}` : `signal ${String(sig)}`),
      (error: unknown) => `spawn failed: ${error instanceof Error ? error.message : String(error)}`);
    const onAbort = (): void => this.#stop(child);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const readiness = this.#waitVersion(signal, exited);
      const result = await Promise.race([exited, readiness.then(() => exited)]);
      return result;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.#ready = false;
      this.#child = undefined;
    }
  }

  async #waitVersion(signal: AbortSignal, exited: Promise<string>): Promise<void> {
    let dead = false;
    void exited.then(() => { dead = true; });
    const client = new CriClient({ endpoint: this.endpoint, timeoutMs: 1000 });
    const deadline = Date.now() + (this.#options.startTimeoutMs ?? 30_000);
    try {
      while (!signal.aborted && !dead && Date.now() < deadline) {
        if (existsSync(this.paths.socket)) {
          try {
            const v = await client.version();
            this.#event(`containerd ${v.runtimeVersion} ready (pid ${String(this.#child?.pid)})`);
            this.#ready = true;
            for (const resolve of this.#readyWaiters.splice(0)) resolve();
            return;
          } catch {
            // Not answering yet.
          }
        }
        await sleep(100);
      }
      if (!signal.aborted && !dead) {
        this.#event(`containerd did not answer Version in time; see ${this.paths.log}`);
        if (this.#child !== undefined) this.#stop(this.#child);
      }
    } finally {
      client.close();
    }
  }

  get #pidFile(): string {
    return join(this.#options.dataDir, 'containerd.pid');
  }

  /**
   * Stops the containerd a previous agent started on this data dir, if it still runs: the PID
   * file names it, and /proc confirms it is a containerd on our config (PIDs get reused).
   * SIGTERM, then SIGKILL after 10 s.
   */
  async #stopLeftover(signal: AbortSignal): Promise<void> {
    const pid = Number((await readFile(this.#pidFile, 'utf8').catch(() => '')).trim());
    if (!Number.isSafeInteger(pid) || pid <= 1) return;
    const ours = async (): Promise<boolean> => {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      return cmdline.split('\0').includes(this.paths.config) && /containerd/.test(cmdline);
    };
    if (!(await ours())) return;
    this.#event(`stopping containerd pid ${pid} left by an earlier agent`);
    const kill = (sig: NodeJS.Signals): void => {
      try {
        process.kill(pid, sig);
      } catch {
        // Gone already.
      }
    };
    kill('SIGTERM');
    for (let i = 0; i < 100 && !signal.aborted; i++) {
      if (!(await ours())) return;
      await sleep(100);
    }
    if (await ours()) kill('SIGKILL');
    for (let i = 0; i < 50 && (await ours()); i++) await sleep(100);
  }

  /** SIGTERM by PID, SIGKILL after 10 s if it is still there. */
  #stop(child: ChildProcess): void {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 10_000);
    child.once('exit', () => clearTimeout(timer));
  }

  #event(message: string): void {
    this.#options.onEvent?.(message);
  }
}

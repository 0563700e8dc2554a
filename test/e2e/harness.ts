// End-to-end harness: starts `k8ts server` as a user would (its own process, a temp data dir,
// a free loopback port) and runs the real kubectl against it.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export const KUBECTL = {
  '1.33': '/usr/lib/google-cloud-sdk/bin/kubectl.1.33',
  '1.27': '/usr/lib/google-cloud-sdk/bin/kubectl.1.27',
} as const;
export type KubectlVersion = keyof typeof KUBECTL;

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export function run(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === null ? 1 : 128), stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface ServerOptions {
  /** Run the server's node agent (real containerd): needs root and the Debian packages. */
  readonly agent?: boolean;
}

export class TestServer {
  readonly dataDir: string;
  readonly port: number;
  readonly #child: ChildProcess;
  readonly #args: readonly string[];
  readonly #options: ServerOptions;
  #log = '';

  private constructor(dataDir: string, port: number, child: ChildProcess, args: readonly string[], options: ServerOptions) {
    this.dataDir = dataDir;
    this.port = port;
    this.#child = child;
    this.#args = args;
    this.#options = options;
    child.stderr?.setEncoding('utf8').on('data', (d: string) => { this.#log += d; });
    child.stdout?.setEncoding('utf8').on('data', (d: string) => { this.#log += d; });
  }

  get kubeconfig(): string {
    return join(this.dataDir, 'kubeconfig.yaml');
  }

  get log(): string {
    return this.#log;
  }

  /** Starts `k8ts server` (with --disable-agent unless options.agent) and waits until kubectl can reach it. */
  static async start(extraArgs: readonly string[] = [], reuse?: { dataDir: string; port: number }, options: ServerOptions = {}): Promise<TestServer> {
    const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), 'k8ts-e2e-'));
    const port = reuse?.port ?? (await freePort());
    const child = spawn(process.execPath, [join(root, 'bin/k8ts.js'), 'server', '--data-dir', dataDir, '--port', String(port), '--bind-address', '127.0.0.1', ...(options.agent === true ? [] : ['--disable-agent']), ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new TestServer(dataDir, port, child, extraArgs, options);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`k8ts server exited with ${child.exitCode}:\n${server.log}`);
      if (existsSync(server.kubeconfig)) {
        const ready = await server.kubectl('1.33', ['get', '--raw', '/readyz']);
        if (ready.code === 0) return server;
      }
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`k8ts server did not become ready in 30 s:\n${server.log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  kubectl(version: KubectlVersion, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
    return run(KUBECTL[version], ['--kubeconfig', this.kubeconfig, ...args], { ...options, env: { KUBECACHEDIR: join(this.dataDir, `kubectl-cache-${version}`), ...options.env } });
  }

  /** Stops the server and starts it again on the same data and port (clients keep their kubeconfig). */
  async restart(): Promise<TestServer> {
    await this.stop({ keepData: true });
    return TestServer.start(this.#args, { dataDir: this.dataDir, port: this.port }, this.#options);
  }

  /** Kills the server with SIGKILL, keeping its data; its children (the agent's containerd) live on. */
  async kill(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      const exited = new Promise((resolve) => this.#child.once('exit', resolve));
      this.#child.kill('SIGKILL');
      await exited;
    }
  }

  /** Kills the server with SIGKILL and starts it again on the same data. */
  async killAndRestart(): Promise<TestServer> {
    await this.kill();
    return TestServer.start(this.#args, { dataDir: this.dataDir, port: this.port }, this.#options);
  }

  /** Stops the server by its PID (SIGTERM, then SIGKILL) and removes its data. */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    if (this.#child.exitCode === null) {
      const exited = new Promise((resolve) => this.#child.once('exit', resolve));
      this.#child.kill('SIGTERM');
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (options.keepData !== true) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** One HTTPS request with the admin identity of a server's kubeconfig, for what kubectl cannot send. */
export async function rawRequest(
  server: TestServer, method: string, path: string, body?: string, contentType = 'application/json',
): Promise<{ status: number; body: string }> {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const { request } = await import('node:https');
  const config = parse(readFileSync(server.kubeconfig, 'utf8')) as {
    clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
    users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  };
  const cluster = config.clusters[0]?.cluster;
  const user = config.users[0]?.user;
  if (cluster === undefined || user === undefined) throw new Error('kubeconfig without a cluster or user');
  const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, cluster.server), {
      method,
      ca: b64(cluster['certificate-authority-data']),
      cert: b64(user['client-certificate-data']),
      key: b64(user['client-key-data']),
      headers: body === undefined ? {} : { 'content-type': contentType },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

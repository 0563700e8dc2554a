// The kubelet's HTTPS API (port 10250 by default), as upstream's kubelet server: /healthz,
// /pods, /containerLogs, /exec, /attach, /portForward, /stats/summary and /metrics. Clients
// authenticate with a certificate signed by the cluster CA (the API server uses its
// kubelet-client certificate); `authorize` decides per request, as the kubelet's webhook
// authorizer would (nodes/proxy, nodes/stats, …). Containers are found through the runtime
// by their CRI labels only.
//
// Lifecycle: the constructor does no I/O; run(signal) listens, serves until the signal fires,
// then closes the listener and every connection (upgraded streams included).

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { realClock, type Clock } from '../../api/clock.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { exposition004, MetricsRegistry } from '../../client/metrics/registry.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import { refuseUpgrade } from '../streaming/accept.ts';
import { certificateUser, requestAttributes, type KubeletUser } from './authn.ts';
import { podList, sendJson, sendText, serveCommand, serveContainerLogs, servePortForwardRequest, type HandlerContext } from './handlers.ts';
import { LookupError } from './lookup.ts';
import { SummaryProvider, type NodeUsage } from './stats-summary.ts';

export interface KubeletServerOptions {
  readonly runtime: RuntimeService;
  readonly nodeName: string;
  /** PEM. The serving certificate is signed by the cluster CA; clients must present one signed by `ca`. */
  readonly tls: { readonly key: string; readonly cert: string; readonly ca: string };
  /** Absent: every authenticated client is allowed. */
  readonly authorize?: (user: KubeletUser, verb: string, resource: string) => boolean | Promise<boolean>;
  /** Default 10250 on 0.0.0.0; port 0 picks a free one (see address()). */
  readonly port?: number;
  readonly host?: string;
  /** The pods this kubelet runs, for /pods. */
  readonly pods: () => readonly Pod[];
  readonly log: (message: string) => void;
  readonly clock?: Clock;
  /** Where the server's metrics go and what /metrics shows; the kubelet may add its own. */
  readonly metrics?: MetricsRegistry;
  /** The node's CPU and memory for /stats/summary; default reads /proc. */
  readonly nodeUsage?: () => Promise<NodeUsage>;
}

export class KubeletServer {
  readonly #o: KubeletServerOptions;
  readonly #ctx: HandlerContext;
  readonly #metrics: MetricsRegistry;
  readonly #requests;
  readonly #runningPods;
  readonly #summary: SummaryProvider;
  #address: AddressInfo | undefined;

  constructor(options: KubeletServerOptions) {
    this.#o = options;
    const clock = options.clock ?? realClock;
    this.#ctx = { runtime: options.runtime, pods: options.pods, clock };
    this.#metrics = options.metrics ?? new MetricsRegistry();
    this.#requests = this.#metrics.counter({ name: 'kubelet_http_requests_total', help: 'Number of HTTP requests received since the server started.', labelNames: ['method', 'path', 'server_type', 'long_running'] });
    this.#runningPods = this.#metrics.gauge({ name: 'kubelet_running_pods', help: 'Number of pods that have a running pod sandbox.' });
    this.#summary = new SummaryProvider({ runtime: options.runtime, nodeName: options.nodeName, now: () => clock.now(), ...(options.nodeUsage === undefined ? {} : { nodeUsage: options.nodeUsage }) });
  }

  /** Where the server listens; undefined until run() has bound the port. */
  address(): { host: string; port: number } | undefined {
    return this.#address === undefined ? undefined : { host: this.#address.address, port: this.#address.port };
  }

  /** Serves until `signal` fires; rejects if the port cannot be bound. */
  async run(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const o = this.#o;
    const server: Server = createServer({ key: o.tls.key, cert: o.tls.cert, ca: o.tls.ca, requestCert: true, rejectUnauthorized: false });
    const sockets = new Set<Duplex>();
    const track = (socket: Duplex): void => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    };
    server.on('secureConnection', track);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.#serve(req, res).catch((error: unknown) => this.#fail(res, error));
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      track(socket);
      socket.on('error', () => undefined);
      this.#upgrade(req, socket, head).catch((error: unknown) => {
        o.log(`kubelet server: ${req.url ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
        if (!socket.destroyed) socket.destroy();
      });
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 10250, o.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#address = server.address() as AddressInfo;
    o.log(`kubelet server listening on ${this.#address.address}:${this.#address.port}`);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    this.#address = undefined;
  }

  /** Authenticates and authorizes; answers 401/403 itself and returns false. */
  async #allowed(req: IncomingMessage, path: string, deny: (code: number, message: string) => void): Promise<boolean> {
    const user = certificateUser(req.socket as TLSSocket);
    if (user === undefined) {
      deny(401, 'Unauthorized');
      return false;
    }
    if (this.#o.authorize === undefined) return true;
    const { verb, resource } = requestAttributes(req, path);
    if (await this.#o.authorize(user, verb, resource)) return true;
    const [, sub] = resource.split('/');
    deny(403, `Forbidden (user=${user.name}, verb=${verb}, resource=nodes, subresource=${sub ?? ''})`);
    return false;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://kubelet');
    const path = url.pathname;
    const [, root = '', ...rest] = path.split('/');
    this.#requests.inc({ method: req.method ?? 'GET', path: root, server_type: 'readwrite', long_running: String(['containerLogs', 'exec', 'attach', 'portForward'].includes(root)) });
    if (!(await this.#allowed(req, path, (code, message) => sendText(res, code, message)))) return;
    const parts = decodeParts(rest);
    if (parts === undefined) return sendText(res, 400, 'malformed path\n');
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (path === '/healthz' && get) return sendText(res, 200, 'ok');
    if (path === '/pods' && get) return sendJson(res, 200, podList(this.#ctx));
    if (root === 'containerLogs' && get) return serveContainerLogs(this.#ctx, parts, url.searchParams, req, res);
    if (path === '/stats/summary' && get) return sendJson(res, 200, await this.#summary.summary());
    if (path === '/metrics' && get) {
      const running = await this.#o.runtime.listPodSandbox({ state: { state: 'SANDBOX_READY' } });
      this.#runningPods.set({}, running.length);
      const text = this.#metrics.text();
      res.writeHead(200, { 'Content-Type': exposition004, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (['exec', 'attach', 'portForward'].includes(root)) return sendText(res, 400, 'Upgrade request required\n');
    sendText(res, 404, '404 page not found\n');
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://kubelet');
    const [, root = '', ...rest] = url.pathname.split('/');
    this.#requests.inc({ method: req.method ?? 'GET', path: root, server_type: 'readwrite', long_running: 'true' });
    if (!(await this.#allowed(req, url.pathname, (code, message) => refuseUpgrade(socket, code, message)))) return;
    const parts = decodeParts(rest);
    if (parts === undefined) return refuseUpgrade(socket, 400, 'malformed path');
    if (root === 'exec' || root === 'attach') return serveCommand(this.#ctx, root, parts, url.searchParams, req.headers, socket, head);
    if (root === 'portForward') return servePortForwardRequest(this.#ctx, parts, url.searchParams, req.headers, socket, head);
    refuseUpgrade(socket, 404, '404 page not found');
  }

  #fail(res: ServerResponse, error: unknown): void {
    const code = error instanceof LookupError ? error.code : 500;
    if (code === 500) this.#o.log(`kubelet server: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) sendText(res, code, `${error instanceof Error ? error.message : String(error)}\n`);
    else res.destroy();
  }
}

/** Percent-decoded path segments; undefined when one is malformed. */
function decodeParts(segments: readonly string[]): string[] | undefined {
  try {
    return segments.map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

// The HTTPS server the API is served on. HTTP/2 by ALPN (kubectl multiplexes its requests and
// watches on one connection), HTTP/1.1 for everyone else and for protocol upgrades. Client
// certificates are requested but not required, so each request can be authenticated by one.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { realClock, type Clock } from '../../api/clock.ts';
import { StatusError, internalError, unauthorized } from '../../api/status.ts';
import { exposition004, type MetricsRegistry } from '../../client/metrics/registry.ts';
import { authenticate, type Authenticator } from './authn.ts';
import { Exchange } from './exchange.ts';
import { HealthChecks } from './health.ts';
import type { RequestMetrics } from './request-metrics.ts';
import type { ApiRequest, ApiResponse, Handler, UpgradeHandler } from './types.ts';
import { serveUpgrade } from './upgrade.ts';
import { versionInfo, type VersionInfo } from './version.ts';

/**
 * How much request body a client may send before the server acknowledges it: per stream,
 * kube-apiserver's 256 KiB (its MaxUploadBufferPerStream); per session, 64 MiB (kube-apiserver
 * allows 256 KiB for each of its 250 streams). Node's default of 64 KiB for a whole session made
 * a client sending hundreds of bodies at once (a hundred kubelets' status updates and events)
 * wait on WINDOW_UPDATEs.
 */
const UPLOAD_WINDOW_BYTES = 256 << 10;
const SESSION_UPLOAD_WINDOW_BYTES = 64 << 20;

export interface ApiServerOptions {
  /** Default 0.0.0.0. */
  readonly host?: string;
  /** Default 6443; 0 picks a free port (see `listening`). */
  readonly port?: number;
  /** The serving certificate and key, and the CA whose client certificates identify users. */
  readonly tls: { readonly certPem: string; readonly keyPem: string; readonly clientCaPem: string };
  /** Serves every request the server does not answer itself. */
  readonly handler: Handler;
  /** Takes HTTP/1.1 upgrade requests; without it they reach `handler` as plain requests. */
  readonly upgrade?: UpgradeHandler;
  /** Tried, in order, after the client certificate (bearer tokens, say). */
  readonly authenticators?: readonly Authenticator[];
  /** Served on /healthz, /livez, /readyz (default: ping and shutdown only). */
  readonly health?: HealthChecks;
  /** Served on /metrics when given. */
  readonly metrics?: MetricsRegistry;
  /** Records the server's own endpoints; the API layer records its requests with the same one. */
  readonly requestMetrics?: RequestMetrics;
  readonly version?: VersionInfo;
  readonly clock?: Clock;
  /**
   * Per HTTP/2 session, in MB (node's default is 10). Clients multiplex many watches on one
   * session, and past this node resets its streams (ENHANCE_YOUR_CALM): each watch bounds its
   * own buffer instead (RUNTIME.md).
   */
  readonly maxSessionMemoryMb?: number;
  /** Concurrent HTTP/2 streams per connection (upstream's default is 1000 too). */
  readonly maxConcurrentStreams?: number;
  /** How long shutdown waits for open requests after signalling them, before cutting connections. */
  readonly shutdownGraceMs?: number;
  /** Failures that are not Status errors (bugs); default: one line on stderr. */
  readonly onError?: (error: unknown, req: ApiRequest | undefined) => void;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export class ApiServer {
  /** Resolves once the server accepts connections; rejects if it cannot listen. */
  readonly listening: Promise<ListenAddress>;
  readonly #options: ApiServerOptions;
  readonly #health: HealthChecks;
  readonly #version: VersionInfo;
  readonly #clock: Clock;
  readonly #exchanges = new Set<Exchange>();
  readonly #sockets = new Set<Socket>();
  readonly #sessions = new Set<Http2Session>();
  readonly #shutdown = new AbortController();
  #settleListening: { resolve: (a: ListenAddress) => void; reject: (e: unknown) => void } | undefined;
  #started = false;

  constructor(options: ApiServerOptions) {
    this.#options = options;
    this.#health = options.health ?? new HealthChecks();
    this.#version = options.version ?? versionInfo();
    this.#clock = options.clock ?? realClock;
    this.listening = new Promise((resolve, reject) => {
      this.#settleListening = { resolve, reject };
    });
    this.listening.catch(() => undefined); // run() reports the same failure
  }

  /** Serves until `signal` fires, then closes every connection; resolves once all are closed. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#started) throw new Error('ApiServer.run: already started');
    this.#started = true;
    if (signal.aborted) {
      this.#settleListening?.reject(new Error('ApiServer: stopped before it listened'));
      return;
    }
    const o = this.#options;
    const server = createSecureServer({
      cert: o.tls.certPem,
      key: o.tls.keyPem,
      ca: o.tls.clientCaPem,
      requestCert: true,
      rejectUnauthorized: false,
      allowHTTP1: true,
      minVersion: 'TLSv1.2',
      maxSessionMemory: o.maxSessionMemoryMb ?? 256,
      settings: { maxConcurrentStreams: o.maxConcurrentStreams ?? 1000, initialWindowSize: UPLOAD_WINDOW_BYTES },
    });
    // HTTP/1.1 arrives as node:http requests. Listening for them also makes node set up its
    // HTTP/2 compatibility layer, a 'stream' listener that wraps every stream in request and
    // response objects: it is taken off, and HTTP/2 streams are served from the core API.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#serveHttp1(req, res));
    for (const listener of server.listeners('stream')) server.off('stream', listener as (...args: unknown[]) => void);
    server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => this.#serveHttp2(stream, headers));
    if (o.upgrade !== undefined) {
      const upgrade = o.upgrade;
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
        void serveUpgrade(req, socket, head, { upgrade, authenticators: o.authenticators ?? [], shutdown: this.#shutdown.signal, onError: this.#onError }));
    }
    // Raw connections too: one stuck in its handshake would otherwise hold close() for the
    // TLS handshake timeout (two minutes).
    const track = (socket: Socket): void => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    };
    server.on('connection', track);
    server.on('secureConnection', track);
    server.on('session', (session: Http2Session) => {
      session.setLocalWindowSize(SESSION_UPLOAD_WINDOW_BYTES);
      this.#sessions.add(session);
      session.once('close', () => this.#sessions.delete(session));
      session.on('error', () => undefined); // a broken client connection is not the server's failure
    });
    server.on('tlsClientError', () => undefined); // failed handshakes: the client hears about it
    try {
      await this.#listen(server, o.host ?? '0.0.0.0', o.port ?? 6443);
    } catch (error) {
      this.#settleListening?.reject(error);
      throw error;
    }
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    await this.#close(server);
  }

  #listen(server: Http2SecureServer, host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address();
        const bound = typeof address === 'object' && address !== null ? address.port : port;
        this.#settleListening?.resolve({ host, port: bound });
        resolve();
      });
    });
  }

  /**
   * Readyz turns unready; no new connections; open requests are signalled (watches end); HTTP/2
   * sessions get GOAWAY and close when their streams have; after the grace period whatever is
   * left is cut.
   */
  async #close(server: Http2SecureServer): Promise<void> {
    this.#health.markShuttingDown();
    this.#shutdown.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const exchange of this.#exchanges) exchange.abort(new Error('the server is shutting down'));
    for (const session of this.#sessions) session.close();
    const pending = [...this.#exchanges].map((e) => e.closed());
    let timer: { cancel(): void } | undefined;
    await Promise.race([
      Promise.all(pending),
      new Promise<void>((resolve) => (timer = this.#clock.after(this.#options.shutdownGraceMs ?? 5000, resolve))),
    ]);
    timer?.cancel();
    for (const session of this.#sessions) session.destroy();
    for (const socket of this.#sockets) socket.destroy(); // idle HTTP/1 keep-alive connections, unfinished handshakes
    await closed;
  }

  #serveHttp1(req: IncomingMessage, res: ServerResponse): void {
    if (!(req.url ?? '').startsWith('/')) {
      res.statusCode = 400;
      res.end();
      return;
    }
    void this.#serve(Exchange.http1(req, res), req.socket as TLSSocket).catch((error: unknown) => this.#onError(error, undefined));
  }

  #serveHttp2(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    const tls = stream.session?.socket;
    if (!(headers[':path'] ?? '').startsWith('/') || tls === undefined) {
      stream.on('error', () => undefined);
      if (!stream.destroyed) stream.respond({ ':status': 400 }, { endStream: true });
      return;
    }
    // Node sends the interim answer itself only through its compatibility layer.
    if (headers['expect'] === '100-continue' && !stream.destroyed) stream.additionalHeaders({ ':status': 100 });
    void this.#serve(Exchange.http2(stream, headers), tls as TLSSocket).catch((error: unknown) => this.#onError(error, undefined));
  }

  /** `tls`: the connection's socket, which the per-connection certificate cache is keyed on. */
  async #serve(exchange: Exchange, tls: TLSSocket): Promise<void> {
    this.#exchanges.add(exchange);
    if (this.#shutdown.signal.aborted) exchange.abort(new Error('the server is shutting down'));
    try {
      const auth = await authenticate(tls, exchange.request.headers, this.#options.authenticators ?? []);
      if ('error' in auth) throw unauthorized('Unauthorized');
      exchange.setUser(auth.user);
      await this.#route(exchange.request, exchange.response);
    } catch (error) {
      this.#fail(exchange, error);
    } finally {
      exchange.end();
      this.#exchanges.delete(exchange);
    }
  }

  async #route(req: ApiRequest, res: ApiResponse): Promise<void> {
    const builtin = this.#builtin(req);
    if (builtin === undefined) return this.#options.handler(req, res);
    const metrics = this.#options.requestMetrics;
    if (metrics === undefined) return builtin(req, res);
    return metrics.measure({ verb: req.method }, res, () => builtin(req, res));
  }

  #builtin(req: ApiRequest): Handler | undefined {
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (this.#health.handles(req.path)) {
      return async (rq, rs) => void (await this.#health.serve(rq, rs));
    }
    if (read && req.path === '/version') {
      // Indented, without a trailing newline: upstream's WriteRawJSON.
      return async (_rq, rs) => rs.send(200, JSON.stringify(this.#version, null, 2), 'application/json');
    }
    const registry = this.#options.metrics;
    if (read && req.path === '/metrics' && registry !== undefined) {
      return async (_rq, rs) => rs.send(200, registry.text(), exposition004);
    }
    return undefined;
  }

  #fail(exchange: Exchange, error: unknown): void {
    if (!(error instanceof StatusError)) this.#onError(error, exchange.request);
    if (exchange.response.headersSent) {
      exchange.destroy();
      return;
    }
    const status = error instanceof StatusError ? error.status : internalError(error instanceof Error ? error : String(error)).status;
    exchange.response.json(status.code ?? 500, status);
  }

  readonly #onError = (error: unknown, req: ApiRequest | undefined): void => {
    if (this.#options.onError !== undefined) {
      this.#options.onError(error, req);
      return;
    }
    const where = req === undefined ? '' : ` (${req.method} ${req.path})`;
    process.stderr.write(`apiserver: request failed${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  };
}

// Channel: gRPC calls to one target over one HTTP/2 connection (node:http2), made lazily on
// the first call. After the connection closes or fails, the next call makes a new one; while
// connecting keeps failing, calls fail at once with UNAVAILABLE (unprocessed) until a short
// back-off (100 ms doubling to 2 s) has passed, so a caller with other servers moves on.
// A keepalive ping is sent only while calls are open (servers such as etcd refuse pings
// without calls and more often than every 5 s); an unanswered ping closes the connection.
//
// Contracts: the constructor does no I/O; every call settles exactly once (a unary promise, or
// a stream's onClose); close() ends the connection, its timers and every open call.

import { connect, constants, type ClientHttp2Session, type OutgoingHttpHeaders, type SecureClientSessionOptions } from 'node:http2';
import { connect as netConnect } from 'node:net';
import { Call, type CallConnection, type CallHandlers, type RequestCodec, type ResponseCodec } from './call.ts';
import { GrpcError, Status } from './status.ts';

export interface ChannelOptions {
  /** TLS for https:// targets: trusted CAs, and a client certificate and key. */
  readonly ca?: string | Buffer;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Largest response message accepted (default 4 MiB, gRPC's). */
  readonly maxReceiveMessageBytes?: number;
  /** Ping the server this often while calls are open (default: never). */
  readonly keepaliveTimeMs?: number;
  /** Close the connection when a ping is not answered within this (default 20 s). */
  readonly keepaliveTimeoutMs?: number;
  /** Give up a connection not made within this (default 20 s): its calls fail UNAVAILABLE, unprocessed. */
  readonly connectTimeoutMs?: number;
  readonly userAgent?: string;
}

export interface CallOptions {
  /** The call's deadline, from now: sent as grpc-timeout and enforced locally (DEADLINE_EXCEEDED). */
  readonly timeoutMs?: number;
  /** Aborting cancels the call (CANCELLED) and resets its stream. */
  readonly signal?: AbortSignal;
  /** Extra request headers (lowercase ASCII names). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A method a Channel calls: MethodDescriptor from ProtoSchema fits. */
export interface Method<Req, Res> {
  readonly path: string;
  readonly requestCodec: RequestCodec<Req>;
  readonly responseCodec: ResponseCodec<Res>;
}

/** The sending side of a streaming call; responses arrive through its CallHandlers. */
export interface ClientStream<Req> {
  /** Sends a message; false once the call is over (the message is dropped). */
  write(message: Req): boolean;
  /** Half-closes: the server sees the end of the requests. */
  end(): void;
  /** Ends the call with CANCELLED and resets the stream. */
  cancel(): void;
}

interface Connection extends CallConnection {
  readonly session: ClientHttp2Session;
  connected: boolean;
  failure: Error | undefined;
  /** GOAWAY received: no new calls on it. */
  draining: boolean;
  /** The calls open on it. */
  readonly calls: Set<Call<unknown, unknown>>;
  pinging: boolean;
  keepalive: NodeJS.Timeout | undefined;
  connectTimer: NodeJS.Timeout | undefined;
}

const WINDOW_BYTES = 8 << 20;

export class Channel {
  readonly target: string;
  readonly #url: string;
  readonly #socketPath: string | undefined;
  readonly #options: ChannelOptions;
  readonly #maxReceive: number;
  #conn: Connection | undefined;
  #failures = 0;
  #retryAt = 0;
  #lastFailure = '';
  #closed = false;

  /** `target`: http://host:port, https://host:port, unix:///path (or unix:/path), or host:port. */
  constructor(target: string, options: ChannelOptions = {}) {
    this.target = target;
    this.#options = options;
    this.#maxReceive = options.maxReceiveMessageBytes ?? 4 << 20;
    if (target.startsWith('unix:')) {
      this.#socketPath = target.replace(/^unix:(\/\/)?/, '');
      if (!this.#socketPath.startsWith('/')) throw new Error(`gRPC target ${JSON.stringify(target)}: a unix socket path must be absolute`);
      this.#url = 'http://localhost';
    } else {
      const url = new URL(/^[a-z]+:\/\//i.test(target) ? target : `http://${target}`);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.port === '' || (url.pathname !== '/' && url.pathname !== '')) {
        throw new Error(`gRPC target ${JSON.stringify(target)} is not http://host:port, https://host:port or unix:///path`);
      }
      this.#url = `${url.protocol}//${url.host}`;
    }
  }

  /**
   * Whether a connection to the target is established now. A caller that must tell "could not
   * connect" from "connected, no answer" (the kubelet's gRPC probe, as grpc-go's blocking dial
   * does) reads it when its deadline passes.
   */
  get connected(): boolean {
    const conn = this.#conn;
    return conn !== undefined && conn.connected && !conn.session.destroyed;
  }

  /** One request, one response. Rejects with GrpcError. */
  unary<Req, Res>(method: Method<Req, Res>, request: Req, options: CallOptions = {}): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      let response: Res | undefined;
      let count = 0;
      const call = this.#start(method, {
        onMessage: (message) => {
          response = message;
          count++;
        },
        onClose: (error) => {
          if (error !== undefined) reject(error);
          else if (count === 1) resolve(response as Res);
          else reject(new GrpcError(count === 0 ? Status.UNIMPLEMENTED : Status.INTERNAL, count === 0 ? 'no response message for a unary call' : `${count} response messages for a unary call`));
        },
      }, options);
      call?.write(request, true);
    });
  }

  /** A call whose requests are written as they come (bidirectional, or client-streaming). */
  stream<Req, Res>(method: Method<Req, Res>, handlers: CallHandlers<Res>, options: CallOptions = {}): ClientStream<Req> {
    const call = this.#start(method, handlers, options);
    return {
      write: (message) => call?.write(message, false) ?? false,
      end: () => call?.end(),
      cancel: () => call?.fail(new GrpcError(Status.CANCELLED, 'Cancelled on client')),
    };
  }

  /** Server-streaming: one request, the responses to `handlers`. */
  serverStream<Req, Res>(method: Method<Req, Res>, request: Req, handlers: CallHandlers<Res>, options: CallOptions = {}): { cancel(): void } {
    const call = this.#start(method, handlers, options);
    call?.write(request, true);
    return { cancel: () => call?.fail(new GrpcError(Status.CANCELLED, 'Cancelled on client')) };
  }

  /** Closes the connection and fails every open call; later calls fail with UNAVAILABLE. */
  close(): void {
    this.#closed = true;
    const conn = this.#conn;
    this.#conn = undefined;
    if (conn !== undefined) this.#drop(conn, new Error('the channel was closed'));
  }

  #start<Req, Res>(method: Method<Req, Res>, handlers: CallHandlers<Res>, options: CallOptions): Call<Req, Res> | undefined {
    const early = (error: GrpcError): undefined => {
      queueMicrotask(() => handlers.onClose(error));
      return undefined;
    };
    if (options.signal?.aborted === true) return early(new GrpcError(Status.CANCELLED, 'The call was cancelled before it started', { unprocessed: true }));
    const headers: OutgoingHttpHeaders = {
      ...options.metadata,
      ':method': 'POST',
      ':path': method.path,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-accept-encoding': 'identity',
      'user-agent': this.#options.userAgent ?? 'k8ts-grpc/1',
    };
    if (options.timeoutMs !== undefined) headers['grpc-timeout'] = grpcTimeout(options.timeoutMs);
    let conn: Connection;
    let stream;
    try {
      conn = this.#connection();
      stream = conn.session.request(headers, { endStream: false });
    } catch (e) {
      if (e instanceof GrpcError) return early(e);
      // The session went away between our check and the request (GOAWAY, out of stream ids).
      if (this.#conn !== undefined) this.#conn.draining = true;
      return early(new GrpcError(Status.UNAVAILABLE, `cannot start a call to ${this.target}: ${(e as Error).message}`, { unprocessed: true, cause: e }));
    }
    const call = new Call(stream, conn, method.requestCodec, method.responseCodec, handlers, this.#maxReceive);
    const open = call as Call<unknown, unknown>;
    if (conn.calls.size === 0) conn.session.ref();
    conn.calls.add(open);
    const timer = options.timeoutMs === undefined ? undefined
      // Nothing was sent if the connection was never made.
      : setTimeout(() => call.fail(new GrpcError(Status.DEADLINE_EXCEEDED, 'Deadline exceeded', { unprocessed: !conn.connected })), Math.max(0, options.timeoutMs));
    const signal = options.signal;
    const onAbort = (): void => call.fail(new GrpcError(Status.CANCELLED, 'Cancelled on client'));
    signal?.addEventListener('abort', onAbort, { once: true });
    call.onSettled(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      conn.calls.delete(open);
      if (conn.calls.size === 0 && !conn.session.destroyed) conn.session.unref();
    });
    return call;
  }

  /** The open connection, or a new one; throws GrpcError (unprocessed) during back-off or after close. */
  #connection(): Connection {
    if (this.#closed) throw new GrpcError(Status.UNAVAILABLE, `the channel to ${this.target} is closed`, { unprocessed: true });
    const conn = this.#conn;
    if (conn !== undefined && !conn.draining && !conn.session.closed && !conn.session.destroyed) return conn;
    const wait = this.#retryAt - Date.now();
    if (wait > 0) {
      throw new GrpcError(Status.UNAVAILABLE, `No connection established to ${this.target}: ${this.#lastFailure} (next attempt in ${wait} ms)`, { unprocessed: true });
    }
    return this.#connect();
  }

  #connect(): Connection {
    const { ca, cert, key } = this.#options;
    const socketPath = this.#socketPath;
    const options: SecureClientSessionOptions = {
      settings: { enablePush: false, initialWindowSize: WINDOW_BYTES },
      ...(ca === undefined ? {} : { ca }),
      ...(cert === undefined ? {} : { cert }),
      ...(key === undefined ? {} : { key }),
      ...(socketPath === undefined ? {} : { createConnection: () => netConnect(socketPath) }),
    };
    const session = connect(this.#url, options);
    const conn: Connection = {
      session, target: this.target, connected: false, failure: undefined, draining: false, calls: new Set(), pinging: false, keepalive: undefined,
      connectTimer: undefined,
    };
    const connectTimeoutMs = this.#options.connectTimeoutMs ?? 20_000;
    conn.connectTimer = setTimeout(() => this.#drop(conn, new Error(`no connection within ${connectTimeoutMs} ms`)), connectTimeoutMs).unref();
    session.on('connect', () => {
      clearTimeout(conn.connectTimer);
      conn.connected = true;
      this.#failures = 0;
      this.#retryAt = 0;
      session.setLocalWindowSize(WINDOW_BYTES);
      const every = this.#options.keepaliveTimeMs;
      if (every !== undefined && every > 0) conn.keepalive = setInterval(() => this.#ping(conn), every).unref();
    });
    session.on('error', (error: Error) => {
      conn.failure ??= error;
    });
    session.on('goaway', () => {
      conn.draining = true;
    });
    session.on('close', () => {
      clearTimeout(conn.connectTimer);
      clearInterval(conn.keepalive);
      if (!conn.connected) {
        this.#failures++;
        this.#retryAt = Date.now() + Math.min(100 * 2 ** (this.#failures - 1), 2_000);
        this.#lastFailure = conn.failure?.message ?? 'the connection closed';
      }
      if (this.#conn === conn) this.#conn = undefined;
    });
    session.unref();
    this.#conn = conn;
    return conn;
  }

  #ping(conn: Connection): void {
    if (conn.calls.size === 0 || conn.pinging || conn.session.destroyed) return;
    conn.pinging = true;
    const timeoutMs = this.#options.keepaliveTimeoutMs ?? 20_000;
    const timer = setTimeout(() => this.#drop(conn, new Error(`keepalive ping not answered within ${timeoutMs} ms`)), timeoutMs).unref();
    const sent = conn.session.ping((error) => {
      conn.pinging = false;
      clearTimeout(timer);
      if (error !== null && !conn.session.destroyed) this.#drop(conn, error);
    });
    if (!sent) {
      conn.pinging = false;
      clearTimeout(timer);
    }
  }

  /** Ends a connection now: its open calls fail with UNAVAILABLE saying `error`. */
  #drop(conn: Connection, error: Error): void {
    clearTimeout(conn.connectTimer);
    clearInterval(conn.keepalive);
    conn.draining = true;
    conn.failure ??= error;
    if (this.#conn === conn) this.#conn = undefined;
    const unprocessed = !conn.connected;
    for (const call of [...conn.calls]) call.fail(new GrpcError(Status.UNAVAILABLE, `${error.message} (${this.target})`, { cause: error, unprocessed }));
    conn.session.destroy(undefined, constants.NGHTTP2_CANCEL);
  }
}

/** grpc-timeout: at most 8 digits and a unit. */
function grpcTimeout(ms: number): string {
  const n = Math.max(0, Math.ceil(ms));
  return n < 1e8 ? `${n}m` : `${Math.min(Math.ceil(n / 1000), 99_999_999)}S`;
}

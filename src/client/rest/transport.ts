// One HTTP/2 session to one API server, shared by every request and watch of a client (as
// client-go's HTTP/2 transport multiplexes). The session is opened on first use and forgotten
// when it goes away (GOAWAY, error, close), so the next request dials again. While streams are
// open the session keeps the process alive and is health-checked with PINGs (client-go's
// ReadIdleTimeout 30 s / PingTimeout 15 s), so a dead peer is noticed even with no traffic;
// when idle it is unref'd and costs nothing.

import http2 from 'node:http2';
import type { Clock, Timer } from '../../api/clock.ts';
import { AbortListeners } from './abort-listeners.ts';

/**
 * How much the server may send before this client acknowledges it: per stream, client-go's 4 MiB
 * (Go's HTTP/2 transport default); per session, 64 MiB (Go allows 1 GiB). Node's default of
 * 64 KiB for both held every watch and response of a busy client to a few events per round
 * trip of WINDOW_UPDATEs, and the small frames cost both ends CPU: with the defaults a scale-up
 * of 10,000 pods took 17 % more CPU (docs/performance.md).
 */
export const STREAM_WINDOW_BYTES = 4 << 20;
export const SESSION_WINDOW_BYTES = 64 << 20;

export interface TransportOptions {
  readonly server: string;
  readonly caData?: string;
  readonly certData?: string;
  readonly keyData?: string;
  readonly insecureSkipTLSVerify?: boolean;
  readonly tlsServerName?: string;
  readonly clock: Clock;
  /** Ms between health-check PINGs while streams are open (default 30 s). */
  readonly pingIntervalMs?: number;
  /** Ms to wait for a PING's answer before the session is given up (default 15 s). */
  readonly pingTimeoutMs?: number;
}

export interface OpenRequest {
  readonly method: string;
  /** Path and query, starting with "/"; the server URL's own path is put in front. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** Aborting closes the stream, before or after the response headers arrived. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Closes the stream if it is still open this many ms after the request was sent, before or
   * after the response headers arrived (0 or absent: never). Before them, open() rejects with a
   * StreamTimeoutError; after them, the body ends early and OpenResponse.timedOut() says why.
   */
  readonly timeoutMs?: number | undefined;
}

export interface ExchangeRequest extends OpenRequest {
  /** The body of a 2xx answer is read to the end but not kept (ExchangeResponse.body is ''). */
  readonly discardSuccess?: boolean | undefined;
}

/** A whole answer: status, headers and the body as text. */
export interface ExchangeResponse {
  readonly status: number;
  readonly headers: http2.IncomingHttpHeaders;
  readonly body: string;
}

export interface OpenResponse {
  readonly status: number;
  readonly headers: http2.IncomingHttpHeaders;
  /** The response body; the caller reads it to the end or closes it. */
  readonly stream: http2.ClientHttp2Stream;
  /** Whether timeoutMs closed the stream (then whatever of the body was read is partial). */
  timedOut(): boolean;
}

/** The stream outlived OpenRequest.timeoutMs before its response arrived. */
export class StreamTimeoutError extends Error {
  constructor(ms: number) {
    super(`http2 transport: no response within ${ms} ms`);
    this.name = 'StreamTimeoutError';
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * The options of every request: node's defaults for the stream priority written out, so that
 * http2 only checks them instead of adding them to its copy of the options, request by request.
 */
const PRIORITY = { weight: http2.constants.NGHTTP2_DEFAULT_WEIGHT, parent: 0, exclusive: false, silent: false } as const;
const WITHOUT_BODY: http2.ClientSessionRequestOptions = Object.freeze({ endStream: true, ...PRIORITY });
const WITH_BODY: http2.ClientSessionRequestOptions = Object.freeze({ endStream: false, ...PRIORITY });

/** A request's stream and the session it was opened on. */
class SentRequest {
  readonly stream: http2.ClientHttp2Stream;
  readonly session: http2.ClientHttp2Session;

  constructor(stream: http2.ClientHttp2Stream, session: http2.ClientHttp2Session) {
    this.stream = stream;
    this.session = session;
  }
}

/** The error of a stream that closed before its response headers came. */
function closedUnanswered(stream: http2.ClientHttp2Stream): Error {
  return new Error(`http2 transport: stream closed before a response (code ${stream.rstCode ?? 0})`);
}

function decodeBody(chunks: readonly Buffer[]): string {
  if (chunks.length === 0) return '';
  return chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
}

export class Http2Transport {
  readonly #options: TransportOptions;
  readonly #origin: string;
  readonly #prefix: string;
  #session: http2.ClientHttp2Session | undefined;
  #health: Timer | undefined;
  #active = 0;
  #closed = false;
  readonly #aborts = new AbortListeners();

  constructor(options: TransportOptions) {
    this.#options = options;
    const url = new URL(options.server);
    this.#origin = url.origin;
    this.#prefix = url.pathname.replace(/\/+$/, '');
  }

  /**
   * Sends a request and resolves once the response headers arrive. Every listener and timer it
   * sets up is released when the stream closes, however that happens.
   */
  open(req: OpenRequest): Promise<OpenResponse> {
    const started = this.#send(req);
    if (!(started instanceof SentRequest)) return Promise.reject(started.error);
    const { stream, session } = started;
    const signal = req.signal;
    return new Promise<OpenResponse>((resolve, reject) => {
      const onAbort = (): void => {
        if (signal !== undefined) reject(abortReason(signal));
        stream.close(http2.constants.NGHTTP2_CANCEL);
      };
      if (signal !== undefined) this.#aborts.add(signal, onAbort);
      const timeoutMs = req.timeoutMs ?? 0;
      let timedOut = false;
      const timer = timeoutMs > 0
        ? this.#options.clock.after(timeoutMs, () => { timedOut = true; stream.close(http2.constants.NGHTTP2_CANCEL); })
        : undefined;
      // Errors after the response reach whoever reads the body; this listener keeps an
      // unread stream's error from becoming an uncaught exception.
      stream.on('error', reject);
      let answered = false;
      stream.once('close', () => {
        timer?.cancel();
        if (signal !== undefined) this.#aborts.remove(signal, onAbort);
        this.#closedStream(session);
        // An Error (and its stack) only for a stream that never answered: every other stream closes too.
        if (!answered) reject(timedOut ? new StreamTimeoutError(timeoutMs) : closedUnanswered(stream));
      });
      stream.once('response', (headers) => {
        answered = true;
        resolve({ status: Number(headers[':status'] ?? 0), headers, stream, timedOut: () => timedOut });
      });
      if (req.body !== undefined) stream.end(req.body);
    });
  }

  /**
   * Sends a request and reads its whole answer. Rejects with the signal's reason when it aborts,
   * with a StreamTimeoutError when timeoutMs passes before the body's end, and with an error when
   * the stream fails or closes before the end: a partial body is never an answer. Everything it
   * sets up is released when the stream closes.
   */
  exchange(req: ExchangeRequest): Promise<ExchangeResponse> {
    const started = this.#send(req);
    if (!(started instanceof SentRequest)) return Promise.reject(started.error);
    const { stream, session } = started;
    const signal = req.signal;
    // One set of plain listeners (no once-wrappers) for the whole exchange: this runs for every
    // request of every component.
    return new Promise<ExchangeResponse>((resolve, reject) => {
      let settled = false;
      let status = 0;
      let headers: http2.IncomingHttpHeaders | undefined;
      let keep = true;
      const chunks: Buffer[] = [];
      const fail = (err: unknown): void => {
        if (settled) return;
        settled = true;
        reject(err);
        if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
      };
      const onAbort = (): void => { if (signal !== undefined) fail(abortReason(signal)); };
      if (signal !== undefined) this.#aborts.add(signal, onAbort);
      const timeoutMs = req.timeoutMs ?? 0;
      const timer = timeoutMs > 0 ? this.#options.clock.after(timeoutMs, () => fail(new StreamTimeoutError(timeoutMs))) : undefined;
      stream.on('response', (h) => {
        headers = h;
        status = Number(h[':status'] ?? 0);
        keep = req.discardSuccess !== true || status < 200 || status > 299;
      });
      stream.on('data', (chunk: Buffer | string) => { if (keep) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk); });
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        if (headers === undefined) reject(closedUnanswered(stream));
        else resolve({ status, headers, body: decodeBody(chunks) });
      });
      stream.on('error', fail);
      stream.on('close', () => {
        timer?.cancel();
        if (signal !== undefined) this.#aborts.remove(signal, onAbort);
        this.#closedStream(session);
        // An Error (and its stack) only for a stream closed before its end: every stream closes.
        if (settled) return;
        fail(headers === undefined
          ? closedUnanswered(stream)
          : new Error('the response body ended early'));
      });
      if (req.body !== undefined) stream.end(req.body);
    });
  }

  /** Opens the request's stream on the current session (dialling one if need be), or answers why not. */
  #send(req: OpenRequest): SentRequest | { readonly error: unknown } {
    if (this.#closed) return { error: new Error('http2 transport: closed') };
    const signal = req.signal;
    if (signal?.aborted === true) return { error: abortReason(signal) };
    const session = this.#current();
    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request({ ':method': req.method, ':path': this.#prefix + req.path, ...req.headers }, req.body === undefined ? WITHOUT_BODY : WITH_BODY);
    } catch (err) {
      this.#drop(session);
      return { error: err };
    }
    if (session === this.#session && this.#active++ === 0) session.ref();
    return new SentRequest(stream, session);
  }

  /** A stream of `session` closed: an idle session stops keeping the process alive. */
  #closedStream(session: http2.ClientHttp2Session): void {
    if (session === this.#session && --this.#active === 0 && !session.destroyed) session.unref();
  }

  /** Tears the session down at once: open streams fail, sockets and timers are freed. */
  close(): void {
    this.#closed = true;
    const session = this.#session;
    if (session !== undefined) {
      this.#drop(session);
      session.destroy();
    }
  }

  #current(): http2.ClientHttp2Session {
    const existing = this.#session;
    if (existing !== undefined && !existing.closed && !existing.destroyed) return existing;
    const o = this.#options;
    const session = http2.connect(this.#origin, {
      ...(o.caData === undefined ? {} : { ca: o.caData }),
      ...(o.certData === undefined ? {} : { cert: o.certData }),
      ...(o.keyData === undefined ? {} : { key: o.keyData }),
      ...(o.tlsServerName === undefined ? {} : { servername: o.tlsServerName }),
      rejectUnauthorized: o.insecureSkipTLSVerify !== true,
      settings: { initialWindowSize: STREAM_WINDOW_BYTES },
    });
    session.once('connect', () => session.setLocalWindowSize(SESSION_WINDOW_BYTES));
    // The error also reaches every pending stream, where callers see it.
    session.on('error', () => this.#drop(session));
    session.on('goaway', () => this.#drop(session));
    session.on('close', () => this.#drop(session));
    session.unref();
    this.#session = session;
    this.#active = 0;
    this.#health = o.clock.every(o.pingIntervalMs ?? 30_000, () => this.#ping(session));
    return session;
  }

  #ping(session: http2.ClientHttp2Session): void {
    if (this.#active === 0 || session.destroyed || session.connecting) return;
    const deadline = this.#options.clock.after(this.#options.pingTimeoutMs ?? 15_000, () => {
      session.destroy(new Error('http2 transport: health-check PING timed out'));
    });
    try {
      session.ping((err) => {
        deadline.cancel();
        if (err !== null) session.destroy(err);
      });
    } catch {
      deadline.cancel();
    }
  }

  #drop(session: http2.ClientHttp2Session): void {
    if (this.#session !== session) return;
    this.#session = undefined;
    this.#health?.cancel();
    this.#health = undefined;
    this.#active = 0;
  }
}

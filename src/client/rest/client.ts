// The HTTP client for the Kubernetes API (upstream's rest.RESTClient): JSON requests over one
// HTTP/2 session, failures as StatusErrors, watches as async iterables of events. Typed verbs
// per resource live in ResourceClient; this file owns the wire.

import type { Readable } from 'node:stream';
import { realClock, type Clock } from '../../api/clock.ts';
import type { GroupResource } from '../../api/status.ts';
import { CLIENT_VERSION, type RestConfig } from './config.ts';
import { errorFromResponse } from './errors.ts';
import { ResourceClient } from './resource-client.ts';
import { RequestThrottle } from './throttle.ts';
import { Http2Transport, StreamTimeoutError } from './transport.ts';
import type { KubeObject, Query, ResourceType, WatchEvent } from './types.ts';
import { decodeWatchEvents } from './watch-stream.ts';

/** The API server's own default request timeout: the client never gives up before the server would. */
const DEFAULT_TIMEOUT_MS = 60_000;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiCall {
  readonly method: Method;
  /** The API path, e.g. /api/v1/namespaces/default/configmaps/x. */
  readonly path: string;
  readonly query?: Query;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** The body already serialized as JSON, sent as it is (in place of `body`). */
  readonly bodyJson?: string;
  /** Defaults to application/json when there is a body. */
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this call (ms); 0: none. */
  readonly timeoutMs?: number;
  /** What the call is about, for the message of a synthesized error. */
  readonly resource?: GroupResource;
  readonly name?: string;
  /**
   * The caller has no use for a successful answer (an event recorder): its body is read to the
   * end but not kept or decoded, and request() resolves to undefined. Failures are decoded as
   * always.
   */
  readonly discardResponse?: boolean;
  /**
   * Decodes a successful answer's text in place of JSON.parse: a caller that keeps one field of a
   * large answer (resourceVersionOf) need not build the whole object. Failures are decoded as always.
   */
  readonly decode?: (body: string) => unknown;
}

export interface WatchCall extends Omit<ApiCall, 'method' | 'body' | 'bodyJson' | 'contentType' | 'timeoutMs' | 'discardResponse' | 'decode'> {
  /** The events' objects come without metadata.managedFields (a client-side choice: the request is the same). */
  readonly dropManagedFields?: boolean | undefined;
}

/** A request that outlived its timeout. */
export class RequestTimeoutError extends Error {
  constructor(method: string, path: string, ms: number) {
    super(`${method} ${path}: no answer within ${ms} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** `path?query` with undefined parameters left out. */
export function withQuery(path: string, query: Query | undefined): string {
  if (query === undefined) return path;
  // Most writes carry only unset options (dryRun, fieldManager, …): no URLSearchParams for those.
  let params: URLSearchParams | undefined;
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value !== undefined) (params ??= new URLSearchParams()).append(key, String(value));
  }
  const text = params === undefined ? '' : params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/**
 * The whole body of a watch that failed to start, as text. Rejects if the stream closes before
 * its end (a cancel: the caller must not take a partial body for an answer) or fails.
 */
function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    stream.on('data', (chunk: Buffer | string) => { chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk); });
    stream.once('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    stream.once('error', reject);
    stream.once('close', () => { if (!ended) reject(new Error('the response body ended early')); });
  });
}

function retryAfter(value: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(seconds) && seconds > 0 ? seconds : 0;
}

/**
 * A client of one API server. The constructor does no I/O: the connection is made on the first
 * call. close() frees the connection; calls made afterwards fail.
 */
export class RestClient {
  readonly config: RestConfig;
  readonly #transport: Http2Transport;
  /** False for a client made by withRateLimit(): the connection is its parent's to close. */
  readonly #ownsTransport: boolean;
  readonly #throttle: RequestThrottle | undefined;
  readonly #clock: Clock;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #withContentType = new Map<string, Readonly<Record<string, string>>>();

  /** `shared` is for withRateLimit() only. */
  constructor(config: RestConfig, shared?: Http2Transport) {
    this.config = config;
    this.#clock = config.clock ?? realClock;
    this.#transport = shared ?? new Http2Transport({ ...config, clock: this.#clock });
    this.#ownsTransport = shared === undefined;
    const qps = config.qps ?? 0;
    this.#throttle = qps > 0 ? new RequestThrottle(qps, config.burst ?? Math.ceil(qps), this.#clock) : undefined;
    this.#headers = {
      accept: 'application/json',
      'user-agent': config.userAgent ?? `k8ts/${CLIENT_VERSION}`,
      ...(config.bearerToken === undefined ? {} : { authorization: `Bearer ${config.bearerToken}` }),
    };
  }

  /**
   * A client over the same connection with a rate limit of its own (qps ≤ 0: none), as each of
   * upstream's controllers gets a clientset of its own: one busy user of the connection cannot
   * spend the others' budget. close() on it leaves the connection to this client.
   */
  withRateLimit(qps: number, burst: number): RestClient {
    return new RestClient({ ...this.config, qps, burst }, this.#transport);
  }

  /** The verbs of one resource. */
  resource<T extends KubeObject>(type: ResourceType): ResourceClient<T> {
    return new ResourceClient<T>(this, type);
  }

  /** Sends a call and decodes the JSON answer; a non-2xx answer throws a StatusError. */
  async request<R>(call: ApiCall): Promise<R> {
    const signal = call.signal;
    const waiting = this.#throttle?.take(signal);
    if (waiting !== undefined) await waiting;
    const path = withQuery(call.path, call.query);
    const timeoutMs = call.timeoutMs ?? this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // The transport times the whole exchange and listens on the caller's signal itself: no
    // AbortController, listener or timer of our own per request.
    try {
      const body = call.bodyJson ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
      const headers = body === undefined ? this.#headers : this.#headersWith(call.contentType ?? 'application/json');
      const response = await this.#transport.exchange({ method: call.method, path, headers, timeoutMs, signal, body, discardSuccess: call.discardResponse });
      if (signal?.aborted === true) throw signal.reason;
      if (response.status < 200 || response.status > 299) {
        throw errorFromResponse(response.status, response.body, { method: call.method, ...(call.resource === undefined ? {} : { resource: call.resource }), ...(call.name === undefined ? {} : { name: call.name }) },
          retryAfter(response.headers['retry-after']));
      }
      if (call.decode !== undefined) return call.decode(response.body) as R;
      return (response.body.trim() === '' ? undefined : JSON.parse(response.body)) as R;
    } catch (err) {
      if (err instanceof StreamTimeoutError) throw new RequestTimeoutError(call.method, path, timeoutMs);
      if (signal?.aborted === true) throw signal.reason;
      throw err;
    }
  }

  /** The client's headers with a content type (one object per content type, made once). */
  #headersWith(contentType: string): Readonly<Record<string, string>> {
    let headers = this.#withContentType.get(contentType);
    if (headers === undefined) {
      headers = { ...this.#headers, 'content-type': contentType };
      // A handful of patch types in practice; a caller inventing types must not grow this forever.
      if (this.#withContentType.size < 16) this.#withContentType.set(contentType, headers);
    }
    return headers;
  }

  /**
   * Opens a watch (the caller puts watch=true or uses ResourceClient.watch) and yields its
   * events. A failed start throws (a StatusError for an HTTP answer); an abort, the server's
   * timeout or the connection going away end the iteration cleanly. Stopping early (break)
   * closes the stream.
   */
  async *watch<T>(call: WatchCall): AsyncGenerator<WatchEvent<T>, void, undefined> {
    const signal = call.signal;
    // A function, so the compiler does not narrow it across awaits.
    const aborted = (): boolean => signal?.aborted === true;
    if (aborted()) return;
    try {
      await this.#throttle?.wait(signal);
    } catch (err) {
      if (aborted()) return;
      throw err;
    }
    const path = withQuery(call.path, call.query);
    let response;
    try {
      response = await this.#transport.open({ method: 'GET', path, headers: this.#headers, ...(signal === undefined ? {} : { signal }) });
    } catch (err) {
      if (aborted()) return;
      throw err;
    }
    try {
      if (response.status !== 200) {
        let text: string;
        try {
          text = await readAll(response.stream);
        } catch (err) {
          if (aborted()) return;
          throw err;
        }
        throw errorFromResponse(response.status, text, { method: 'GET', ...(call.resource === undefined ? {} : { resource: call.resource }) },
          retryAfter(response.headers['retry-after']));
      }
      yield* decodeWatchEvents<T>(response.stream, { dropManagedFields: call.dropManagedFields });
    } finally {
      if (!response.stream.closed) response.stream.close();
    }
  }

  /** Frees the connection; open requests and watches end. */
  close(): void {
    if (this.#ownsTransport) this.#transport.close();
  }
}

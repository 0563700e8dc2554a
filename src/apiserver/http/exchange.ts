// One request and its response over either protocol, adapted to ApiRequest and ApiResponse.
// node:http2's compatibility API gives HTTP/2 requests the shape of HTTP/1 ones; the few
// places they differ (end of a stream, who to close) are handled here and nowhere else.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants as h2, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { Writable } from 'node:stream';
import { requestEntityTooLarge } from '../../api/status.ts';
import { anonymousUser } from './authn.ts';
import type { ApiRequest, ApiResponse, ResponseStream, User } from './types.ts';

export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** Upstream's limit on a request body (3 MiB), the default of ApiRequest.body(). */
export const defaultBodyLimit = 3 * 1024 * 1024;

export class Exchange {
  readonly request: ApiRequest;
  readonly response: ApiResponse;
  readonly #req: NodeRequest;
  readonly #res: NodeResponse;
  /** Made on first use of the request's signal: most requests never look at it. */
  #controller: AbortController | undefined;
  #abortReason: Error | undefined;
  readonly #transport: Writable;
  #body: Promise<Buffer> | undefined;
  #abandonedBody = false;
  #user: User = anonymousUser;
  readonly #closed: Promise<void>;

  /** `req.url` has been checked to start with "/". The user is anonymous until setUser(). */
  constructor(req: NodeRequest, res: NodeResponse) {
    this.#req = req;
    this.#res = res;
    // What finishes or dies with the response: the HTTP/2 stream, or the HTTP/1 response.
    this.#transport = 'stream' in req ? req.stream : (res as ServerResponse);
    const transport = this.#transport;
    this.#closed = new Promise((resolve) => (transport.destroyed ? resolve() : transport.once('close', () => resolve())));
    const gone = (): void => this.abort(new Error('the client went away'));
    if ('stream' in req) {
      // An HTTP/2 stream emits 'finish' even when reset, so its close code tells instead.
      const stream = req.stream;
      const onClose = (): void => {
        if (stream.rstCode !== h2.NGHTTP2_NO_ERROR || !res.writableEnded) gone();
      };
      if (stream.closed || stream.destroyed) onClose();
      else stream.once('close', onClose);
      stream.once('finish', () => {
        if (this.#abandonedBody) stream.close(h2.NGHTTP2_NO_ERROR);
      });
    } else {
      let finished = false;
      res.once('finish', () => (finished = true));
      if (res.destroyed) gone();
      else res.once('close', () => finished || gone());
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const currentUser = (): User => this.#user;
    const signal = (): AbortSignal => this.#signal();
    res.setHeader('audit-id', randomUUID());
    res.setHeader('cache-control', 'no-cache, private');
    this.request = {
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
      headers: plainHeaders(req),
      httpVersion: req.httpVersion,
      remoteAddress: req.socket.remoteAddress ?? '',
      get user() {
        return currentUser();
      },
      get signal() {
        return signal();
      },
      body: (limit = defaultBodyLimit) => (this.#body ??= this.#readBody(limit)),
    };
    this.response = new NodeApiResponse(res, this.#transport, signal);
  }

  setUser(user: User): void {
    this.#user = user;
  }

  /** Ends the request's work: its signal fires (server shutdown). */
  abort(reason: Error): void {
    this.#abortReason ??= reason;
    this.#controller?.abort(reason);
  }

  #signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#abortReason !== undefined) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  /** Resolves when the response is complete or the transport is gone. */
  closed(): Promise<void> {
    return this.#closed;
  }

  /** Gives up on a response that has started (a handler failed mid-stream): the client sees a broken stream. */
  destroy(): void {
    if ('stream' in this.#req) this.#req.stream.close(h2.NGHTTP2_INTERNAL_ERROR);
    else (this.#res as ServerResponse).destroy();
  }

  /** Ends a response the handler left open. */
  end(): void {
    if (!this.#res.writableEnded) this.#res.end();
  }

  #readBody(limit: number): Promise<Buffer> {
    const req = this.#req;
    const tooLarge = (): Error => {
      // The rest of the body is never read: HTTP/1 closes the connection after the answer,
      // HTTP/2 resets the stream once the answer is out (see the constructor).
      this.#abandonedBody = true;
      if (!('stream' in req) && !this.#res.headersSent) this.#res.setHeader('connection', 'close');
      return requestEntityTooLarge(`limit is ${limit}`);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const cleanup = (): void => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('close', onClose);
      };
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size > limit) {
          cleanup();
          req.pause();
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(Buffer.concat(chunks, size));
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const onClose = (): void => onError(new Error('the client went away before sending the whole body'));
      req.on('data', onData);
      req.once('end', onEnd);
      req.once('error', onError);
      req.once('close', onClose);
    });
  }
}

export function plainHeaders(req: NodeRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const headers = req.headers;
  for (const name in headers) {
    const value = headers[name];
    if (name.startsWith(':') || value === undefined || !Object.hasOwn(headers, name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const authority = req.headers[':authority'];
  if (out['host'] === undefined && typeof authority === 'string') out['host'] = authority;
  return out;
}

class NodeApiResponse implements ApiResponse {
  readonly #res: NodeResponse;
  readonly #transport: Writable;
  readonly #signal: () => AbortSignal;

  constructor(res: NodeResponse, transport: Writable, signal: () => AbortSignal) {
    this.#res = res;
    this.#transport = transport;
    this.#signal = signal;
  }

  get statusCode(): number {
    return this.#res.statusCode;
  }

  get headersSent(): boolean {
    return this.#res.headersSent;
  }

  setHeader(name: string, value: string | readonly string[]): void {
    this.#res.setHeader(name, typeof value === 'string' ? value : [...value]);
  }

  send(status: number, body: string | Uint8Array, contentType: string): void {
    this.#begin(status, contentType);
    // Encoded once: the length and the bytes come from the same pass over a (large) string.
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.#res.setHeader('content-length', bytes.byteLength);
    this.#res.end(bytes);
  }

  json(status: number, value: unknown): void {
    this.send(status, JSON.stringify(value) + '\n', 'application/json');
  }

  stream(status: number, contentType: string): ResponseStream {
    this.#begin(status, contentType);
    this.#res.writeHead(status);
    // HTTP/2 sends the headers on writeHead; HTTP/1 holds them for the first chunk unless told.
    if ('flushHeaders' in this.#res) this.#res.flushHeaders();
    return new NodeResponseStream(this.#res, this.#transport, this.#signal());
  }

  #begin(status: number, contentType: string): void {
    if (this.#res.headersSent || this.#res.writableEnded) throw new Error('the response has already been sent');
    this.#res.statusCode = status;
    this.#res.setHeader('content-type', contentType);
  }
}

class NodeResponseStream implements ResponseStream {
  readonly #res: NodeResponse;
  readonly #transport: Writable;
  readonly #signal: AbortSignal;

  constructor(res: NodeResponse, transport: Writable, signal: AbortSignal) {
    this.#res = res;
    this.#transport = transport;
    this.#signal = signal;
  }

  get buffered(): number {
    return this.#transport.writableLength;
  }

  write(chunk: string | Uint8Array): Promise<void> {
    if (this.#signal.aborted || this.#res.writableEnded || this.#transport.destroyed) return Promise.resolve();
    const events: Writable = this.#res;
    if (events.write(chunk)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        events.off('drain', done);
        this.#signal.removeEventListener('abort', done);
        resolve();
      };
      events.once('drain', done);
      this.#signal.addEventListener('abort', done, { once: true });
    });
  }

  end(): void {
    if (!this.#res.writableEnded) this.#res.end();
  }
}

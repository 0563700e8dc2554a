// One request and its response, adapted to ApiRequest and ApiResponse, over either protocol:
// HTTP/1.1 through node:http's request and response objects, HTTP/2 straight on the stream
// (node:http2's core API; its compatibility objects would cost a request and a response object,
// their listeners and a trailers frame on every request). What differs between the two (how a
// response is sent, how the end of an exchange shows) is in the two Wire classes below; the
// request side (path, query, headers, the signal, the body) is shared.

import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { constants as h2, type IncomingHttpHeaders as Http2Headers, type OutgoingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { Readable, Writable } from 'node:stream';
import { requestEntityTooLarge } from '../../api/status.ts';
import { anonymousUser } from './authn.ts';
import type { ApiRequest, ApiResponse, ResponseStream, User } from './types.ts';

/** Upstream's limit on a request body (3 MiB), the default of ApiRequest.body(). */
export const defaultBodyLimit = 3 * 1024 * 1024;

/** A response as an exchange drives it: ApiResponse, plus ending it and giving up on it. */
interface Wire extends ApiResponse {
  /** Ends a response the handler left open (an empty 200 if nothing was sent). */
  end(): void;
  /** Gives up on a response that has started: the client sees a broken stream. */
  destroy(): void;
  /** The request body will not be read to its end (it is too large). */
  abandonBody(): void;
  /** Resolves when the response is complete or the transport is gone. */
  readonly closed: Promise<void>;
}

/** What an exchange is made from, per protocol. */
interface Incoming {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly httpVersion: string;
  readonly remoteAddress: string;
  /** The request body. */
  readonly body: Readable;
}

export class Exchange {
  readonly request: ApiRequest;
  readonly #wire: Wire;
  readonly #body: Readable;
  /** Made on first use of the request's signal: most requests never look at it. */
  #controller: AbortController | undefined;
  #abortReason: Error | undefined;
  #bodyRead: Promise<Buffer> | undefined;
  #user: User = anonymousUser;

  /** An HTTP/1.1 request; `req.url` has been checked to start with "/". */
  static http1(req: IncomingMessage, res: ServerResponse): Exchange {
    const incoming = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, httpVersion: req.httpVersion, remoteAddress: req.socket.remoteAddress ?? '', body: req };
    return new Exchange(incoming, (gone, signal) => new Http1Wire(res, gone, signal));
  }

  /** An HTTP/2 stream; its `:path` has been checked to start with "/". */
  static http2(stream: ServerHttp2Stream, headers: Http2Headers): Exchange {
    const method = headers[':method'] ?? 'GET';
    const incoming = { method, url: headers[':path'] ?? '/', headers, httpVersion: '2.0', remoteAddress: stream.session?.socket?.remoteAddress ?? '', body: stream };
    return new Exchange(incoming, (gone, signal) => new Http2Wire(stream, method === 'HEAD', gone, signal));
  }

  private constructor(incoming: Incoming, wire: (gone: () => void, signal: () => AbortSignal) => Wire) {
    this.#body = incoming.body;
    const signal = (): AbortSignal => this.#signal();
    this.#wire = wire(() => this.abort(new Error('the client went away')), signal);
    const url = incoming.url;
    const q = url.indexOf('?');
    const currentUser = (): User => this.#user;
    this.#wire.setHeader('audit-id', randomUUID());
    this.#wire.setHeader('cache-control', 'no-cache, private');
    this.request = {
      method: incoming.method,
      path: q === -1 ? url : url.slice(0, q),
      query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
      headers: plainHeaders(incoming.headers),
      httpVersion: incoming.httpVersion,
      remoteAddress: incoming.remoteAddress,
      get user() {
        return currentUser();
      },
      get signal() {
        return signal();
      },
      body: (limit = defaultBodyLimit) => (this.#bodyRead ??= this.#readBody(limit)),
    };
  }

  get response(): ApiResponse {
    return this.#wire;
  }

  setUser(user: User): void {
    this.#user = user;
  }

  /** Ends the request's work: its signal fires (the client went away, or the server shuts down). */
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
    return this.#wire.closed;
  }

  /** Gives up on a response that has started (a handler failed mid-stream): the client sees a broken stream. */
  destroy(): void {
    this.#wire.destroy();
  }

  /** Ends a response the handler left open. */
  end(): void {
    this.#wire.end();
  }

  #readBody(limit: number): Promise<Buffer> {
    const body = this.#body;
    const tooLarge = (): Error => {
      // The rest of the body is never read: HTTP/1 closes the connection after the answer,
      // HTTP/2 resets the stream once the answer is out.
      this.#wire.abandonBody();
      return requestEntityTooLarge(`limit is ${limit}`);
    };
    const declared = Number(this.request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const cleanup = (): void => {
        body.off('data', onData);
        body.off('end', onEnd);
        body.off('error', onError);
        body.off('close', onClose);
      };
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size > limit) {
          cleanup();
          body.pause();
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
      body.on('data', onData);
      body.once('end', onEnd);
      body.once('error', onError);
      body.once('close', onClose);
    });
  }
}

/** Lower-case names, repeated headers joined with ", ", pseudo-headers left out (`:authority` becomes `host` when there is none). */
export function plainHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name in headers) {
    const value = headers[name];
    if (name.startsWith(':') || value === undefined || !Object.hasOwn(headers, name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const authority = headers[':authority'];
  if (out['host'] === undefined && typeof authority === 'string') out['host'] = authority;
  return out;
}

/** A response over node:http's ServerResponse. */
class Http1Wire implements Wire {
  readonly closed: Promise<void>;
  readonly #res: ServerResponse;
  readonly #signal: () => AbortSignal;

  constructor(res: ServerResponse, gone: () => void, signal: () => AbortSignal) {
    this.#res = res;
    this.#signal = signal;
    this.closed = new Promise((resolve) => (res.destroyed ? resolve() : res.once('close', () => resolve())));
    let finished = false;
    res.once('finish', () => (finished = true));
    if (res.destroyed) gone();
    else res.once('close', () => finished || gone());
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
    // HTTP/1 holds the headers for the first chunk unless told.
    this.#res.flushHeaders();
    const res = this.#res;
    return new BodyStream(res, this.#signal(), () => res.writableEnded, () => res.end());
  }

  end(): void {
    if (!this.#res.writableEnded) this.#res.end();
  }

  destroy(): void {
    this.#res.destroy();
  }

  abandonBody(): void {
    if (!this.#res.headersSent) this.#res.setHeader('connection', 'close');
  }

  #begin(status: number, contentType: string): void {
    if (this.#res.headersSent || this.#res.writableEnded) throw new Error('the response has already been sent');
    this.#res.statusCode = status;
    this.#res.setHeader('content-type', contentType);
  }
}

/** A response straight on an HTTP/2 stream: headers are gathered, then sent in one HEADERS frame. */
class Http2Wire implements Wire {
  readonly closed: Promise<void>;
  readonly #stream: ServerHttp2Stream;
  readonly #head: boolean;
  readonly #headers: OutgoingHttpHeaders = {};
  #status = 200;
  #sent = false;
  #ended = false;
  #abandonedBody = false;
  readonly #signal: () => AbortSignal;

  constructor(stream: ServerHttp2Stream, head: boolean, gone: () => void, signal: () => AbortSignal) {
    this.#stream = stream;
    this.#head = head;
    this.#signal = signal;
    this.closed = new Promise((resolve) => (stream.destroyed ? resolve() : stream.once('close', () => resolve())));
    // A reset stream emits 'error' too; its 'close' tells the exchange, so the error needs no more.
    stream.on('error', () => undefined);
    // A stream closes normally once both sides have ended; a reset, or a close before this side
    // ended, means the client went away.
    const onClose = (): void => {
      if (stream.rstCode !== h2.NGHTTP2_NO_ERROR || !this.#ended) gone();
    };
    if (stream.closed || stream.destroyed) onClose();
    else stream.once('close', onClose);
    stream.once('finish', () => {
      if (this.#abandonedBody) stream.close(h2.NGHTTP2_NO_ERROR);
    });
  }

  get statusCode(): number {
    return this.#status;
  }

  get headersSent(): boolean {
    return this.#sent;
  }

  setHeader(name: string, value: string | readonly string[]): void {
    if (this.#sent) throw new Error('the response has already been sent');
    this.#headers[name.toLowerCase()] = typeof value === 'string' ? value : [...value];
  }

  send(status: number, body: string | Uint8Array, contentType: string): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.#headers['content-length'] = bytes.byteLength;
    // No body after HEAD, nor with the statuses that have none (node ends those streams itself).
    const bodiless = this.#head || status === 204 || status === 205 || status === 304;
    if (!this.#respond(status, contentType, bodiless)) return;
    this.#ended = true;
    if (!bodiless) this.#stream.end(bytes);
  }

  json(status: number, value: unknown): void {
    this.send(status, JSON.stringify(value) + '\n', 'application/json');
  }

  stream(status: number, contentType: string): ResponseStream {
    this.#respond(status, contentType, false);
    const stream = this.#stream;
    return new BodyStream(stream, this.#signal(), () => this.#ended || stream.destroyed, () => this.end());
  }

  end(): void {
    if (this.#ended) return;
    if (!this.#sent) {
      this.#respond(this.#status, undefined, true);
    } else if (!this.#stream.destroyed) {
      this.#stream.end();
    }
    this.#ended = true;
  }

  destroy(): void {
    this.#ended = true;
    if (!this.#stream.destroyed) this.#stream.close(h2.NGHTTP2_INTERNAL_ERROR);
  }

  abandonBody(): void {
    this.#abandonedBody = true;
  }

  /** Sends the status and headers; false when the stream is already gone (nothing can be sent). */
  #respond(status: number, contentType: string | undefined, endStream: boolean): boolean {
    if (this.#sent || this.#ended) throw new Error('the response has already been sent');
    this.#sent = true;
    this.#status = status;
    const headers = this.#headers;
    headers[':status'] = status;
    if (contentType !== undefined) headers['content-type'] = contentType;
    const stream = this.#stream;
    if (stream.destroyed || stream.closed) {
      this.#ended = true;
      return false;
    }
    if (endStream) {
      stream.respond(headers, { endStream: true });
      return true;
    }
    // The stream ends with an (empty) trailers frame, as node's compatibility layer ends it: ended
    // by its last DATA frame instead, the stream closes before node's callback for that write
    // runs, and node then makes an error object (stack trace and all) for nobody.
    stream.respond(headers, { waitForTrailers: true });
    stream.on('wantTrailers', sendNoTrailers);
    return true;
  }
}

function sendNoTrailers(this: ServerHttp2Stream): void {
  this.sendTrailers({});
}

/**
 * How much of a streaming response may wait in node's buffer before a write waits for it to
 * drain. Node's own mark (16 KiB for an HTTP/2 stream, four pods' watch events) let a watch
 * forward only that much per turn of a busy event loop: with a scale-up under way, a
 * controller's pod watch fell behind by up to a second, and the ReplicaSet controller waited
 * that long for its own pods before creating more. The client's flow-control window (4 MiB for
 * client-go) still bounds what is sent ahead of it.
 */
const STREAM_BUFFER_BYTES = 256 << 10;

/** The body of a streaming response (a watch), on either protocol. */
class BodyStream implements ResponseStream {
  readonly #out: Writable;
  readonly #signal: AbortSignal;
  readonly #ended: () => boolean;
  readonly #end: () => void;

  /** `signal`: the request's; once it fires, writes resolve at once and drop their chunk. */
  constructor(out: Writable, signal: AbortSignal, ended: () => boolean, end: () => void) {
    this.#out = out;
    this.#signal = signal;
    this.#ended = ended;
    this.#end = end;
  }

  get buffered(): number {
    return this.#out.writableLength;
  }

  write(chunk: string | Uint8Array): Promise<void> {
    const out = this.#out;
    const signal = this.#signal;
    if (signal.aborted || this.#ended() || out.destroyed || out.writableEnded) return Promise.resolve();
    if (out.write(chunk) || out.writableLength <= STREAM_BUFFER_BYTES) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        out.off('drain', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      out.once('drain', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  end(): void {
    this.#end();
  }
}

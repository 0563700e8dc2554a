// The request and response the API layer sees: one shape for HTTP/1.1 and HTTP/2, so nothing
// above this folder touches node:http or node:http2.

import type { Duplex } from 'node:stream';

/** Who made a request (upstream's user.Info). */
export interface User {
  readonly name: string;
  readonly groups: readonly string[];
  readonly uid?: string;
}

export interface ApiRequest {
  /** Upper case, as sent. */
  readonly method: string;
  /**
   * The URL path exactly as sent, percent-encoding kept: split on "/" first, then decode each
   * segment, so an encoded "/" inside a name stays inside it.
   */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case names; repeated headers joined with ", "; HTTP/2 pseudo-headers left out. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly httpVersion: string;
  readonly remoteAddress: string;
  readonly user: User;
  /**
   * Fires when the client goes away before the response is complete, or when the server shuts
   * down: a watch ends its stream then.
   */
  readonly signal: AbortSignal;
  /**
   * The whole request body. More than `limit` bytes (default: 3 MiB, upstream's limit for
   * JSON) rejects with a 413 RequestEntityTooLarge StatusError, before reading if the
   * Content-Length says so. Calling it again returns the same body.
   */
  body(limit?: number): Promise<Buffer>;
}

export interface ApiResponse {
  /** The status sent, or to be sent (200 until set). */
  readonly statusCode: number;
  /** True once the status line and headers have gone out. */
  readonly headersSent: boolean;
  /** Adds a header to what the next send, json or stream sends. */
  setHeader(name: string, value: string | readonly string[]): void;
  /** A complete response. */
  send(status: number, body: string | Uint8Array, contentType: string): void;
  /** A complete JSON response (compact, ending in a newline, as Go's json.Encoder writes). */
  json(status: number, value: unknown): void;
  /**
   * Sends status and headers at once (a watch's client waits for them before it reports the
   * watch as started) and returns the body stream.
   */
  stream(status: number, contentType: string): ResponseStream;
}

/** The body of a streaming response. */
export interface ResponseStream {
  /**
   * Queues a chunk and resolves at once while at most 256 KiB wait for the transport (HTTP/2
   * flow control or the socket's buffer), else once that backlog has drained: a writer that
   * awaits each write never buffers much more than that beyond the transport's own window.
   * Once the client is gone it resolves at once and drops the chunk; check the request's signal.
   */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Bytes queued and not yet taken by the transport: how far behind this client is. */
  readonly buffered: number;
  end(): void;
}

/**
 * Serves one request. It may throw a StatusError (written as the response if nothing was sent
 * yet); any other error answers 500. A response not ended when the promise settles is ended.
 */
export type Handler = (req: ApiRequest, res: ApiResponse) => Promise<void>;

/**
 * Takes over an HTTP/1.1 connection that asked to switch protocols (exec, attach and
 * port-forward use SPDY or WebSocket upgrades). `head` holds bytes already read past the
 * request. The handler owns `socket` from then on and must end it.
 */
export type UpgradeHandler = (req: Omit<ApiRequest, 'body'>, socket: Duplex, head: Buffer) => Promise<void>;

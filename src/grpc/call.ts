// One gRPC call on one HTTP/2 stream: frames requests, deframes and decodes responses, and
// settles the call's status exactly once — from the trailers (or the headers of a
// Trailers-Only response), from a non-200 HTTP status, from a reset or a dead connection, or
// locally (deadline, cancel, a message too large or undecodable).

import { constants, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { Deframer, frame, HEADER_BYTES } from './framing.ts';
import { decodeGrpcMessage, GrpcError, grpcStatusOf, Status, statusOfHttp } from './status.ts';

export interface RequestCodec<Req> {
  /** Encodes after `reserve` leading bytes (filled in with the frame header). */
  encode(message: Req, reserve: number): Buffer;
}
export interface ResponseCodec<Res> {
  decode(bytes: Buffer): Res;
}

export interface CallHandlers<Res> {
  /** Each response message, in order. */
  readonly onMessage: (message: Res) => void;
  /** Once, last: undefined for status OK, else why the call failed. */
  readonly onClose: (error: GrpcError | undefined) => void;
}

/** What the call needs to know about its connection when it fails. */
export interface CallConnection {
  /** Whether the connection was ever established (if not, nothing was sent). */
  readonly connected: boolean;
  /** Why the connection failed, if it did. */
  readonly failure: Error | undefined;
  readonly target: string;
}

export class Call<Req, Res> {
  readonly #stream: ClientHttp2Stream;
  readonly #connection: CallConnection;
  readonly #encoder: RequestCodec<Req>;
  readonly #decoder: ResponseCodec<Res>;
  readonly #handlers: CallHandlers<Res>;
  readonly #deframer: Deframer;
  #done = false;
  /** The status from trailers (or Trailers-Only headers), applied once every message before it was read. */
  #status: { readonly code: number; readonly metadata: IncomingHttpHeaders } | undefined;
  #error: Error | undefined;
  #cleanup: (() => void) | undefined;

  constructor(stream: ClientHttp2Stream, connection: CallConnection, encoder: RequestCodec<Req>, decoder: ResponseCodec<Res>,
    handlers: CallHandlers<Res>, maxReceiveBytes: number) {
    this.#stream = stream;
    this.#connection = connection;
    this.#encoder = encoder;
    this.#decoder = decoder;
    this.#handlers = handlers;
    this.#deframer = new Deframer(maxReceiveBytes);
    stream.on('response', (headers) => this.#onHeaders(headers));
    stream.on('data', (chunk: Buffer) => this.#onData(chunk));
    stream.on('trailers', (trailers) => {
      this.#status ??= { code: grpcStatusOf(trailers) ?? Status.UNKNOWN, metadata: trailers };
    });
    // 'trailers' may come before the last 'data' events: the status applies at 'end'.
    stream.on('end', () => this.#applyStatus());
    stream.on('error', (error: Error) => {
      this.#error ??= error;
    });
    stream.on('close', () => this.#onClose());
  }

  get done(): boolean {
    return this.#done;
  }

  /** Runs `cleanup` when the call settles (timers, abort listeners). */
  onSettled(cleanup: () => void): void {
    this.#cleanup = cleanup;
  }

  /** Sends one request message; `last` half-closes the stream after it. False (and dropped) once the call is over or half-closed. */
  write(message: Req, last: boolean): boolean {
    if (this.#done || this.#stream.destroyed || !this.#stream.writable) return false;
    let bytes: Buffer;
    try {
      bytes = frame(this.#encoder.encode(message, HEADER_BYTES));
    } catch (e) {
      this.fail(new GrpcError(Status.INTERNAL, `cannot encode the request: ${(e as Error).message}`, { cause: e }));
      return false;
    }
    if (last) this.#stream.end(bytes);
    else this.#stream.write(bytes);
    return true;
  }

  /** Half-closes: no more requests. */
  end(): void {
    if (!this.#done && !this.#stream.destroyed && this.#stream.writable) this.#stream.end();
  }

  /** Ends the call with `error` now, resetting the stream (CANCEL) so the server stops too. */
  fail(error: GrpcError): void {
    if (this.#done) return;
    this.#settle(error);
    if (!this.#stream.destroyed) this.#stream.close(constants.NGHTTP2_CANCEL);
  }

  #onHeaders(headers: IncomingHttpHeaders): void {
    const http = Number(headers[':status']);
    if (http !== 200) {
      this.fail(new GrpcError(statusOfHttp(http), `Received HTTP status code ${http}`, { metadata: headers }));
      return;
    }
    const status = grpcStatusOf(headers);
    if (status !== undefined) {
      // Trailers-Only: the status in the only headers.
      this.#status = { code: status, metadata: headers };
      return;
    }
    const type = headers['content-type'];
    if (typeof type !== 'string' || !type.startsWith('application/grpc')) {
      this.fail(new GrpcError(Status.UNKNOWN, `invalid gRPC content-type ${JSON.stringify(type ?? '')}`, { metadata: headers }));
    }
  }

  #onData(chunk: Buffer): void {
    if (this.#done) return;
    try {
      this.#deframer.push(chunk, (bytes) => {
        if (this.#done) return;
        let message: Res;
        try {
          message = this.#decoder.decode(bytes);
        } catch (e) {
          throw new GrpcError(Status.INTERNAL, `cannot decode the response: ${(e as Error).message}`, { cause: e });
        }
        this.#handlers.onMessage(message);
      });
    } catch (e) {
      this.fail(e instanceof GrpcError ? e : new GrpcError(Status.INTERNAL, String(e), { cause: e }));
    }
  }

  #applyStatus(): void {
    if (this.#done || this.#status === undefined) return;
    const { code, metadata } = this.#status;
    if (code === Status.OK && this.#deframer.partial) {
      this.#settle(new GrpcError(Status.INTERNAL, 'the stream ended inside a message', { metadata }));
      return;
    }
    const details = code === Status.OK ? '' : decodeGrpcMessage(metadata['grpc-message']) || (metadata['grpc-status'] === undefined ? 'no grpc-status in the trailers' : '');
    this.#settle(code === Status.OK ? undefined : new GrpcError(code, details, { metadata }));
  }

  /** The stream closed: without a status so far, say why from the reset code or the connection. */
  #onClose(): void {
    this.#applyStatus();
    if (this.#done) return;
    const rst = this.#stream.rstCode;
    const { connected, failure, target } = this.#connection;
    if (!connected) {
      const why = failure?.message ?? this.#error?.message ?? 'the connection closed';
      this.#settle(new GrpcError(Status.UNAVAILABLE, `No connection established to ${target}: ${why}`, { unprocessed: true, cause: failure }));
      return;
    }
    if (rst === constants.NGHTTP2_REFUSED_STREAM) {
      this.#settle(new GrpcError(Status.UNAVAILABLE, 'the server refused the stream (REFUSED_STREAM)', { unprocessed: true }));
      return;
    }
    const session = this.#stream.session;
    if (session === undefined || session.destroyed || session.closed) {
      // The connection went (its streams close with CANCEL): not the server's answer.
      const why = (failure ?? this.#error)?.message ?? 'the connection closed';
      this.#settle(new GrpcError(Status.UNAVAILABLE, `${why} (${target})`, { cause: failure ?? this.#error }));
      return;
    }
    if (rst === constants.NGHTTP2_CANCEL) {
      this.#settle(new GrpcError(Status.CANCELLED, 'the server cancelled the call'));
      return;
    }
    if (rst === constants.NGHTTP2_ENHANCE_YOUR_CALM) {
      this.#settle(new GrpcError(Status.RESOURCE_EXHAUSTED, 'the server reset the stream (ENHANCE_YOUR_CALM)'));
      return;
    }
    const why = rst !== undefined && rst !== constants.NGHTTP2_NO_ERROR
      ? `the stream was reset with code ${rst}`
      : (this.#error ?? failure)?.message ?? 'the stream ended without a status';
    this.#settle(new GrpcError(rst === constants.NGHTTP2_INTERNAL_ERROR || rst === undefined || rst === constants.NGHTTP2_NO_ERROR
      ? Status.UNAVAILABLE : Status.INTERNAL, `${why} (${target})`, { cause: this.#error ?? failure }));
  }

  #settle(error: GrpcError | undefined): void {
    this.#done = true;
    this.#cleanup?.();
    this.#cleanup = undefined;
    this.#handlers.onClose(error);
  }
}

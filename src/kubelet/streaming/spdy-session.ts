// A SPDY/3.1 connection as Kubernetes uses it (the role of Go's spdystream): many
// bidirectional streams, each opened with a header block, over one upgraded socket. Either
// end may be the server (accepts streams, answers each with SYN_REPLY) or the client (opens
// streams and waits for the reply). Flow-control windows are not enforced, as spdystream does
// not: backpressure comes from the socket (a stream whose reader is slow pauses the socket).
//
// Lifetime: the session ends when the socket closes, on GOAWAY, on a protocol error, or on
// close(); every stream is then ended. Frames are handled strictly in arrival order.

import type { Duplex } from 'node:stream';
import { decodeFrames, decodeHeaderBlock, encodeFrame, encodeHeaderBlock, FLAG_FIN, RstStatus, SpdyProtocolError, type SpdyFrame, type SpdyHeaders } from './spdy-frames.ts';
import { SpdyStream } from './spdy-stream.ts';
import { HeaderCompressor, HeaderDecompressor } from './spdy-zlib.ts';

export interface SpdySessionOptions {
  readonly role: 'server' | 'client';
  /** Server role: called for each stream the peer opens, after the reply was queued. */
  readonly onStream?: (stream: SpdyStream) => void;
  /** Streams open at once before new ones are refused. Default 1000. */
  readonly maxStreams?: number;
}

/** Frames waiting for header decompression before the socket is paused. */
const MAX_PENDING = 256;
/** Go writes data frames of at most this size; so do we. */
const MAX_DATA_FRAME = 32 * 1024;

export class SpdySession {
  readonly #socket: Duplex;
  readonly #options: SpdySessionOptions;
  readonly #streams = new Map<number, SpdyStream>();
  readonly #replies = new Map<number, { resolve: (s: SpdyStream) => void; reject: (e: Error) => void }>();
  readonly #compressor = new HeaderCompressor();
  readonly #decompressor = new HeaderDecompressor();
  #nextId: number;
  #buffer: Buffer = Buffer.alloc(0);
  #inbound: Promise<void> = Promise.resolve();
  #pending = 0;
  #outbound: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;

  constructor(socket: Duplex, options: SpdySessionOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#nextId = options.role === 'client' ? 1 : 2;
    this.#done = new Promise((resolve) => { this.#resolveDone = resolve; });
  }

  /** Resolves once the session has ended. */
  get done(): Promise<void> {
    return this.#done;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Starts reading; `head` holds bytes already read past the upgrade. */
  start(head?: Buffer): void {
    this.#socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    // Frames already received are handled before the session ends: a peer that writes its
    // last output and closes at once must not lose it.
    const closeAfterInbound = (): void => void this.#inbound.then(() => this.close());
    this.#socket.once('end', closeAfterInbound);
    this.#socket.once('close', closeAfterInbound);
    this.#socket.on('error', closeAfterInbound);
    if (head !== undefined && head.length > 0) this.#receive(head);
  }

  /** Opens a stream (client role) and resolves once the peer replied. */
  openStream(headers: SpdyHeaders, options: { fin?: boolean } = {}): Promise<SpdyStream> {
    if (this.#closed) return Promise.reject(new Error('the SPDY connection is closed'));
    const id = this.#nextId;
    this.#nextId += 2;
    const stream = new SpdyStream(this, id, headers);
    this.#streams.set(id, stream);
    const replied = new Promise<SpdyStream>((resolve, reject) => this.#replies.set(id, { resolve, reject }));
    const flags = options.fin === true ? FLAG_FIN : 0;
    if (options.fin === true) stream.markLocalEnd();
    void this.#queue(async () => encodeFrame({ kind: 'synStream', streamId: id, associatedId: 0, priority: 0, flags, headerBlock: await this.#compressor.compress(encodeHeaderBlock(headers)) }));
    return replied;
  }

  /** Ends the session: GOAWAY is not sent (the peer sees the socket close), every stream ends. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#replies.values()) pending.reject(new Error('the SPDY connection closed before the stream was accepted'));
    this.#replies.clear();
    for (const stream of this.#streams.values()) stream.remoteGone(false);
    this.#streams.clear();
    void this.#outbound.finally(() => {
      this.#socket.end();
      this.#compressor.close();
      this.#decompressor.close();
      this.#resolveDone();
    });
    setTimeout(() => this.#socket.destroy(), 5_000).unref();
  }

  // ── used by SpdyStream ──

  /** Queues data frames; resolves once the socket took them (its buffer is below the mark). */
  sendData(streamId: number, data: Buffer, fin: boolean): Promise<void> {
    const frames: Buffer[] = [];
    for (let at = 0; at < data.length || (fin && frames.length === 0); at += MAX_DATA_FRAME) {
      const part = data.subarray(at, at + MAX_DATA_FRAME);
      const last = at + MAX_DATA_FRAME >= data.length;
      frames.push(encodeFrame({ kind: 'data', streamId, flags: fin && last ? FLAG_FIN : 0, data: part }));
      if (data.length === 0) break;
    }
    return this.#queue(() => Buffer.concat(frames));
  }

  reset(streamId: number, status: number = RstStatus.Cancel): void {
    this.#streams.delete(streamId);
    if (!this.#closed) void this.#queue(() => encodeFrame({ kind: 'rstStream', streamId, status }));
  }

  forget(streamId: number): void {
    this.#streams.delete(streamId);
  }

  resume(): void {
    if (this.#pending < MAX_PENDING) this.#socket.resume();
  }

  // ── internals ──

  #queue(build: () => Buffer | Promise<Buffer>): Promise<void> {
    const step = this.#outbound.then(async () => {
      if (this.#socket.destroyed) return;
      const bytes = await build();
      if (!this.#socket.write(bytes)) {
        await new Promise<void>((resolve) => {
          const done = (): void => { this.#socket.off('drain', done); this.#socket.off('close', done); resolve(); };
          this.#socket.on('drain', done);
          this.#socket.once('close', done);
        });
      }
    });
    this.#outbound = step.catch(() => undefined);
    return step.catch(() => undefined);
  }

  #receive(chunk: Buffer): void {
    if (this.#closed) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let frames: SpdyFrame[];
    try {
      const decoded = decodeFrames(this.#buffer);
      frames = decoded.frames;
      this.#buffer = Buffer.from(decoded.rest);
    } catch {
      this.close();
      return;
    }
    for (const frame of frames) {
      this.#pending++;
      this.#inbound = this.#inbound.then(() => this.#handle(frame)).catch(() => this.close()).finally(() => {
        this.#pending--;
        if (this.#pending === MAX_PENDING - 1) this.#socket.resume();
      });
    }
    if (this.#pending >= MAX_PENDING) this.#socket.pause();
  }

  async #handle(frame: SpdyFrame): Promise<void> {
    if (this.#closed) return;
    switch (frame.kind) {
      case 'data': {
        const stream = this.#streams.get(frame.streamId);
        if (stream === undefined) return;
        if (!stream.deliver(frame.data, (frame.flags & FLAG_FIN) !== 0)) this.#socket.pause();
        return;
      }
      case 'synStream': {
        const headers = decodeHeaderBlock(await this.#decompressor.decompress(frame.headerBlock));
        if (this.#options.role !== 'server' || this.#options.onStream === undefined || this.#streams.has(frame.streamId) || frame.streamId % 2 === this.#nextId % 2) {
          this.reset(frame.streamId, RstStatus.ProtocolError);
          return;
        }
        if (this.#streams.size >= (this.#options.maxStreams ?? 1000)) {
          this.reset(frame.streamId, RstStatus.RefusedStream);
          return;
        }
        const stream = new SpdyStream(this, frame.streamId, headers);
        this.#streams.set(frame.streamId, stream);
        void this.#queue(async () => encodeFrame({ kind: 'synReply', streamId: frame.streamId, flags: 0, headerBlock: await this.#compressor.compress(encodeHeaderBlock(new Map())) }));
        this.#options.onStream(stream);
        if ((frame.flags & FLAG_FIN) !== 0) stream.deliver(Buffer.alloc(0), true);
        return;
      }
      case 'synReply': {
        await this.#decompressor.decompress(frame.headerBlock);
        const pending = this.#replies.get(frame.streamId);
        const stream = this.#streams.get(frame.streamId);
        this.#replies.delete(frame.streamId);
        if (pending !== undefined && stream !== undefined) pending.resolve(stream);
        if (stream !== undefined && (frame.flags & FLAG_FIN) !== 0) stream.deliver(Buffer.alloc(0), true);
        return;
      }
      case 'headers': {
        await this.#decompressor.decompress(frame.headerBlock); // keeps the shared zlib context in step
        if ((frame.flags & FLAG_FIN) !== 0) this.#streams.get(frame.streamId)?.deliver(Buffer.alloc(0), true);
        return;
      }
      case 'rstStream': {
        const pending = this.#replies.get(frame.streamId);
        this.#replies.delete(frame.streamId);
        pending?.reject(new Error(`the peer refused the stream (status ${frame.status})`));
        const stream = this.#streams.get(frame.streamId);
        this.#streams.delete(frame.streamId);
        stream?.remoteGone(true);
        return;
      }
      case 'ping':
        // Pings the peer started have the other parity than our own stream ids: echo them.
        if (frame.id % 2 !== this.#nextId % 2) void this.#queue(() => encodeFrame(frame));
        return;
      case 'goAway':
        this.close();
        return;
      case 'settings':
      case 'windowUpdate':
      case 'unknown':
        return;
    }
  }
}

export { SpdyProtocolError };

// WebSocket (RFC 6455) without extensions: the opening handshake's accept key, frame encoding
// and decoding, and a connection that turns a socket into whole messages. Enough for the
// Kubernetes channel protocols, which send binary (or base64 text) messages and never
// negotiate compression.

import { createHash, randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** Largest message accepted; a peer sending more is cut off with 1009 (message too big). */
export const MAX_MESSAGE = 16 * 1024 * 1024;

export const Opcode = { Continuation: 0, Text: 1, Binary: 2, Close: 8, Ping: 9, Pong: 10 } as const;

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

export interface WsFrame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly payload: Buffer;
}

/** Encodes one frame; `mask` is required from clients and forbidden from servers. */
export function encodeWsFrame(opcode: number, payload: Buffer, options: { fin?: boolean; mask?: boolean } = {}): Buffer {
  const masked = options.mask === true;
  const len = payload.length;
  const extra = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + extra + (masked ? 4 : 0));
  head[0] = (options.fin === false ? 0 : 0x80) | (opcode & 0x0f);
  head[1] = (masked ? 0x80 : 0) | (extra === 0 ? len : extra === 2 ? 126 : 127);
  if (extra === 2) head.writeUInt16BE(len, 2);
  if (extra === 8) head.writeBigUInt64BE(BigInt(len), 2);
  if (!masked) return Buffer.concat([head, payload]);
  const key = randomBytes(4);
  key.copy(head, 2 + extra);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i & 3] ?? 0);
  return Buffer.concat([head, body]);
}

export class WebSocketProtocolError extends Error {
  override readonly name = 'WebSocketProtocolError';
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

/** Splits whole frames off `input` (unmasking them); `expectMasked` is true on the server. */
export function decodeWsFrames(input: Buffer, expectMasked: boolean): { frames: WsFrame[]; rest: Buffer } {
  const frames: WsFrame[] = [];
  let at = 0;
  for (;;) {
    if (input.length - at < 2) break;
    const b0 = input[at] ?? 0;
    const b1 = input[at + 1] ?? 0;
    if ((b0 & 0x70) !== 0) throw new WebSocketProtocolError(1002, 'reserved bits set without an extension');
    const masked = (b1 & 0x80) !== 0;
    if (masked !== expectMasked) throw new WebSocketProtocolError(1002, expectMasked ? 'client frames must be masked' : 'server frames must not be masked');
    let len = b1 & 0x7f;
    let offset = at + 2;
    if (len === 126) {
      if (input.length < offset + 2) break;
      len = input.readUInt16BE(offset);
      offset += 2;
    } else if (len === 127) {
      if (input.length < offset + 8) break;
      const big = input.readBigUInt64BE(offset);
      if (big > BigInt(MAX_MESSAGE)) throw new WebSocketProtocolError(1009, 'frame too large');
      len = Number(big);
      offset += 8;
    }
    if (len > MAX_MESSAGE) throw new WebSocketProtocolError(1009, 'frame too large');
    const keyAt = offset;
    if (masked) offset += 4;
    if (input.length < offset + len) break;
    const payload = Buffer.from(input.subarray(offset, offset + len));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (input[keyAt + (i & 3)] ?? 0);
    frames.push({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload });
    at = offset + len;
  }
  return { frames, rest: input.subarray(at) };
}

export interface WsMessage {
  readonly binary: boolean;
  readonly data: Buffer;
}

/**
 * An open WebSocket over an upgraded socket. Messages arrive through `onMessage`; pings are
 * answered; a close frame is answered and ends the socket. `closed` resolves when it is over.
 */
export class WebSocketConnection {
  readonly #socket: Duplex;
  readonly #isServer: boolean;
  #buffer: Buffer = Buffer.alloc(0);
  #fragments: Buffer[] = [];
  #fragmentOpcode = 0;
  #fragmentSize = 0;
  #closing = false;
  readonly closed: Promise<void>;
  onMessage: (message: WsMessage) => void = () => undefined;

  constructor(socket: Duplex, role: 'server' | 'client') {
    this.#socket = socket;
    this.#isServer = role === 'server';
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => socket.destroy());
  }

  start(head?: Buffer): void {
    this.#socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#socket.once('end', () => this.#socket.end());
    if (head !== undefined && head.length > 0) this.#receive(head);
  }

  /** Sends one message; resolves once the socket can take more. */
  send(data: Buffer, binary = true): Promise<void> {
    return this.#write(encodeWsFrame(binary ? Opcode.Binary : Opcode.Text, data, { mask: !this.#isServer }));
  }

  /** Sends a close frame and ends the socket (the peer's close frame is not awaited). */
  close(code = 1000, reason = ''): void {
    if (this.#closing) return;
    this.#closing = true;
    const body = Buffer.alloc(2 + Buffer.byteLength(reason));
    body.writeUInt16BE(code, 0);
    body.write(reason, 2);
    if (!this.#socket.destroyed) this.#socket.end(encodeWsFrame(Opcode.Close, body, { mask: !this.#isServer }));
    setTimeout(() => this.#socket.destroy(), 5_000).unref();
  }

  get closing(): boolean {
    return this.#closing || this.#socket.destroyed;
  }

  pause(): void { this.#socket.pause(); }
  resume(): void { this.#socket.resume(); }

  #write(bytes: Buffer): Promise<void> {
    if (this.#closing || this.#socket.destroyed) return Promise.resolve();
    if (this.#socket.write(bytes)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => { this.#socket.off('drain', done); this.#socket.off('close', done); resolve(); };
      this.#socket.on('drain', done);
      this.#socket.once('close', done);
    });
  }

  #receive(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    try {
      const { frames, rest } = decodeWsFrames(this.#buffer, this.#isServer);
      this.#buffer = Buffer.from(rest);
      for (const frame of frames) this.#frame(frame);
    } catch (error) {
      this.#buffer = Buffer.alloc(0);
      this.close(error instanceof WebSocketProtocolError ? error.code : 1002, error instanceof Error ? error.message : 'protocol error');
    }
  }

  #frame(frame: WsFrame): void {
    switch (frame.opcode) {
      case Opcode.Ping:
        void this.#write(encodeWsFrame(Opcode.Pong, frame.payload, { mask: !this.#isServer }));
        return;
      case Opcode.Pong:
        return;
      case Opcode.Close:
        this.close(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1000);
        return;
      case Opcode.Text:
      case Opcode.Binary:
      case Opcode.Continuation: {
        if (frame.opcode !== Opcode.Continuation) {
          if (this.#fragments.length > 0) throw new WebSocketProtocolError(1002, 'new message inside a fragmented one');
          this.#fragmentOpcode = frame.opcode;
        } else if (this.#fragments.length === 0) throw new WebSocketProtocolError(1002, 'continuation without a message');
        this.#fragments.push(frame.payload);
        this.#fragmentSize += frame.payload.length;
        if (this.#fragmentSize > MAX_MESSAGE) throw new WebSocketProtocolError(1009, 'message too large');
        if (!frame.fin) return;
        const data = this.#fragments.length === 1 ? (this.#fragments[0] ?? Buffer.alloc(0)) : Buffer.concat(this.#fragments);
        this.#fragments = [];
        this.#fragmentSize = 0;
        if (!this.#closing) this.onMessage({ binary: this.#fragmentOpcode === Opcode.Binary, data });
        return;
      }
      default:
        throw new WebSocketProtocolError(1002, `unknown opcode ${frame.opcode}`);
    }
  }
}

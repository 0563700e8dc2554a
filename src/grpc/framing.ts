// gRPC's length-prefixed messages: a 1-byte compressed flag, a 4-byte big-endian length, then
// the message. This client never compresses and asks for no compression, so a compressed
// message is an error; so is one longer than the receive limit, which is refused from its
// header, before its bytes are buffered.

import { GrpcError, Status } from './status.ts';

export const HEADER_BYTES = 5;

/** Fills in the header of a message encoded after HEADER_BYTES reserved bytes. */
export function frame(encoded: Buffer): Buffer {
  encoded[0] = 0;
  encoded.writeUInt32BE(encoded.length - HEADER_BYTES, 1);
  return encoded;
}

/**
 * Splits a byte stream into messages. Whole messages inside one chunk are handed out as
 * views of it, without copying; a message split across chunks is gathered once.
 */
export class Deframer {
  readonly #maxMessageBytes: number;
  /** Bytes of an incomplete header or message, in arrival order. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** The length of the message being gathered, once its header is in (else -1). */
  #need = -1;

  constructor(maxMessageBytes: number) {
    this.#maxMessageBytes = maxMessageBytes;
  }

  /** True when part of a message was received (a stream ending now was cut short). */
  get partial(): boolean {
    return this.#pendingBytes > 0 || this.#need >= 0;
  }

  /** Feeds a chunk; calls `onMessage` for each complete message. Throws GrpcError on a bad header. */
  push(chunk: Buffer, onMessage: (message: Buffer) => void): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#need < 0) {
        const available = this.#pendingBytes + chunk.length - at;
        if (available < HEADER_BYTES) {
          this.#hold(chunk.subarray(at));
          return;
        }
        if (this.#pendingBytes === 0) {
          this.#need = this.#header(chunk, at);
          at += HEADER_BYTES;
        } else {
          const missing = HEADER_BYTES - this.#pendingBytes;
          const header = Buffer.concat([...this.#pending, chunk.subarray(at, at + missing)]);
          this.#release();
          this.#need = this.#header(header, 0);
          at += missing;
        }
      }
      const missing = this.#need - this.#pendingBytes;
      if (chunk.length - at < missing) {
        this.#hold(chunk.subarray(at));
        return;
      }
      const body = this.#pendingBytes === 0 ? chunk.subarray(at, at + missing) : Buffer.concat([...this.#pending, chunk.subarray(at, at + missing)]);
      at += missing;
      this.#release();
      this.#need = -1;
      onMessage(body);
    }
  }

  #hold(bytes: Buffer): void {
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
  }

  #release(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** The length in the header at `at`, after checking the flag and the limit. */
  #header(bytes: Buffer, at: number): number {
    const flag = bytes[at];
    if (flag !== 0) {
      throw new GrpcError(Status.INTERNAL, flag === 1
        ? 'received a compressed message, but this client asks for none and cannot decompress'
        : `received a message with an invalid compressed flag ${flag}`);
    }
    const length = bytes.readUInt32BE(at + 1);
    if (length > this.#maxMessageBytes) {
      throw new GrpcError(Status.RESOURCE_EXHAUSTED, `Received message larger than max (${length} vs. ${this.#maxMessageBytes})`);
    }
    return length;
  }
}

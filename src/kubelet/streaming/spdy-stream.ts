// One SPDY stream as a Node Duplex: what the peer sends is readable (ending at its FIN),
// what is written goes out as data frames, end() sends FIN (a half-close: the other direction
// stays open), destroy() before both sides finished resets the stream.

import { Duplex } from 'node:stream';
import { headerValue, RstStatus, type SpdyHeaders } from './spdy-frames.ts';

/** What SpdyStream needs from its session (kept narrow to avoid an import cycle). */
export interface SpdyStreamOwner {
  sendData(streamId: number, data: Buffer, fin: boolean): Promise<void>;
  reset(streamId: number, status?: number): void;
  forget(streamId: number): void;
  resume(): void;
}

export class SpdyStream extends Duplex {
  readonly id: number;
  /** The headers the stream was opened with (names in lower case). */
  readonly headers: SpdyHeaders;
  readonly #owner: SpdyStreamOwner;
  #remoteEnded = false;
  #localEnded = false;
  #gone = false;

  constructor(owner: SpdyStreamOwner, id: number, headers: SpdyHeaders) {
    super({ allowHalfOpen: true });
    this.#owner = owner;
    this.id = id;
    this.headers = headers;
  }

  header(name: string): string | undefined {
    return headerValue(this.headers, name);
  }

  /** Session → stream: data from the peer; false asks the session to stop reading for now. */
  deliver(data: Buffer, fin: boolean): boolean {
    if (this.#remoteEnded) return true;
    let more = true;
    if (data.length > 0) more = this.push(data);
    if (fin) {
      this.#remoteEnded = true;
      this.push(null);
      this.#maybeForget();
    }
    return more;
  }

  /** The stream was opened with FIN already set on our side. */
  markLocalEnd(): void {
    this.#localEnded = true;
  }

  /**
   * The peer reset the stream (`reset`: what was not yet read is dropped) or the connection
   * ended (what arrived before stays readable, then the stream ends).
   */
  remoteGone(reset: boolean): void {
    this.#gone = true;
    this.#localEnded = true;
    if (reset || this.#remoteEnded && this.readableEnded) {
      this.destroy();
      return;
    }
    if (!this.#remoteEnded) {
      this.#remoteEnded = true;
      this.push(null);
    }
    this.once('end', () => this.destroy());
  }

  override _read(): void {
    this.#owner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.#localEnded || this.#gone) {
      callback();
      return;
    }
    this.#owner.sendData(this.id, chunk, false).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.#localEnded || this.#gone) {
      callback();
      return;
    }
    this.#localEnded = true;
    this.#owner.sendData(this.id, Buffer.alloc(0), true).then(() => {
      this.#maybeForget();
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.#gone && !(this.#localEnded && this.#remoteEnded)) this.#owner.reset(this.id, RstStatus.Cancel);
    else this.#owner.forget(this.id);
    this.#gone = true;
    callback(error);
  }

  #maybeForget(): void {
    if (this.#localEnded && this.#remoteEnded) this.#owner.forget(this.id);
  }
}

// A byte stream carried in WebSocket binary messages, as kubectl 1.31+ tunnels SPDY for
// port-forward (subprotocol SPDY/3.1+portforward.k8s.io): message boundaries mean nothing,
// the concatenated payloads are the stream.

import { Duplex } from 'node:stream';
import type { WebSocketConnection } from './websocket.ts';

export class WebSocketDuplex extends Duplex {
  readonly #ws: WebSocketConnection;

  constructor(ws: WebSocketConnection) {
    super({ allowHalfOpen: false });
    this.#ws = ws;
    ws.onMessage = (message): void => {
      if (!this.push(message.data)) ws.pause();
    };
    void ws.closed.then(() => {
      this.push(null);
      this.destroy();
    });
  }

  override _read(): void {
    this.#ws.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#ws.send(chunk, true).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#ws.close(1000);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#ws.close(1000);
    callback(error);
  }
}

// The server half of the two upgrades Kubernetes streaming clients send: WebSocket (with a
// channel or tunnelling subprotocol, echoed in the 101 as kubectl requires) and SPDY/3.1 (with
// X-Stream-Protocol-Version negotiation). Either way the socket is ours afterwards.

import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { SpdySession } from './spdy-session.ts';
import type { SpdyStream } from './spdy-stream.ts';
import { acceptKey, WebSocketConnection } from './websocket.ts';

function headerList(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function isWebSocketUpgrade(headers: IncomingHttpHeaders): boolean {
  return headerList(headers.upgrade).some((v) => v.toLowerCase() === 'websocket');
}

export function isSpdyUpgrade(headers: IncomingHttpHeaders): boolean {
  return headerList(headers.upgrade).some((v) => v.toLowerCase() === 'spdy/3.1');
}

/** Answers a request that will not be upgraded, and ends the connection. */
export function refuseUpgrade(socket: Duplex, code: number, message: string, extraHeaders: Record<string, string> = {}): void {
  const body = `${message}\n`;
  const extra = Object.entries(extraHeaders).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * Completes the WebSocket handshake with `protocol` ('' → none echoed). The caller sets
 * onMessage and then calls start(head), so no message is lost.
 */
export function acceptWebSocket(headers: IncomingHttpHeaders, socket: Duplex, protocol: string): WebSocketConnection | undefined {
  const key = headers['sec-websocket-key'];
  if (typeof key !== 'string' || key === '') {
    refuseUpgrade(socket, 400, 'missing Sec-WebSocket-Key');
    return undefined;
  }
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n` + (protocol === '' ? '' : `Sec-WebSocket-Protocol: ${protocol}\r\n`) + '\r\n',
  );
  return new WebSocketConnection(socket, 'server');
}

/** The protocols the client offered over WebSocket, in its order. */
export function offeredWebSocketProtocols(headers: IncomingHttpHeaders): string[] {
  return headerList(headers['sec-websocket-protocol']);
}

/**
 * Negotiates X-Stream-Protocol-Version (the client's first choice that `supported` has) and
 * completes the SPDY upgrade. The session's streams go to `onStream`.
 */
export function acceptSpdy(headers: IncomingHttpHeaders, socket: Duplex, head: Buffer, supported: readonly string[], onStream: (stream: SpdyStream) => void): { session: SpdySession; protocol: string } | undefined {
  const offered = headerList(headers['x-stream-protocol-version']);
  if (offered.length === 0) {
    refuseUpgrade(socket, 400, 'unable to upgrade: X-Stream-Protocol-Version is required');
    return undefined;
  }
  const protocol = offered.find((p) => supported.includes(p));
  if (protocol === undefined) {
    refuseUpgrade(socket, 403, `unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}, server accepts ${JSON.stringify(supported)}`,
      { 'X-Accepted-Stream-Protocol-Versions': supported.join(', ') });
    return undefined;
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
  const session = new SpdySession(socket, { role: 'server', onStream });
  session.start(head);
  return { session, protocol };
}

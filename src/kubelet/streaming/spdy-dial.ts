// The client half of a SPDY/3.1 upgrade: how the kubelet reaches the runtime's stream server
// (containerd answers exec, attach and port-forward URLs with SPDY as kubectl ≤ 1.29 spoke it).

import { connect, type Socket } from 'node:net';
import { SpdySession } from './spdy-session.ts';

export interface DialedSpdy {
  readonly session: SpdySession;
  /** The X-Stream-Protocol-Version the server chose. */
  readonly protocol: string;
}

/** The response head is bounded, so a peer that never ends it cannot hold memory. */
const MAX_HEAD = 16 * 1024;

/** Upgrades `url` (http://host:port/path) to SPDY/3.1 offering `protocols`, in order of preference. */
export function dialSpdy(url: string, protocols: readonly string[], signal: AbortSignal, timeoutMs = 30_000): Promise<DialedSpdy> {
  const target = new URL(url);
  if (target.protocol !== 'http:') return Promise.reject(new Error(`unsupported stream server URL ${url}: only http is supported`));
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: target.hostname, port: Number(target.port || 80) });
    let head = Buffer.alloc(0);
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      cleanup();
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`timed out upgrading ${target.host} to SPDY`)), timeoutMs);
    const onAbort = (): void => fail(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.off('data', onData);
    };
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_HEAD) fail(new Error('the stream server sent an oversized response head'));
        return;
      }
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
      const headers = new Map(lines.slice(1).map((l) => {
        const i = l.indexOf(':');
        return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()] as const;
      }));
      if (status?.[1] !== '101') {
        fail(new Error(`the stream server answered ${lines[0] ?? '(nothing)'}: ${head.subarray(end + 4).toString('utf8').trim()}`));
        return;
      }
      settled = true;
      cleanup();
      const session = new SpdySession(socket, { role: 'client' });
      session.start(head.subarray(end + 4));
      resolve({ session, protocol: headers.get('x-stream-protocol-version') ?? '' });
    };
    socket.on('data', onData);
    socket.once('error', (error) => fail(error));
    socket.once('close', () => fail(new Error('the stream server closed the connection during the upgrade')));
    socket.once('connect', () => {
      socket.write(
        `POST ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n` +
        protocols.map((p) => `X-Stream-Protocol-Version: ${p}\r\n`).join('') + 'Content-Length: 0\r\n\r\n',
      );
    });
  });
}

// Port forwarding as the kubelet serves it, bridged to the runtime's stream server:
// - SPDY/3.1 (`portforward.k8s.io`): the client opens an error and a data stream per
//   connection, paired by the `requestID` header and aimed at the `port` header;
// - the same SPDY carried inside WebSocket binary messages (`SPDY/3.1+portforward.k8s.io`,
//   kubectl 1.31+);
// - WebSocket v4 (`v4.channel.k8s.io`): ports from the `port` query, two channels per port
//   (data, error), each starting with the port as two little-endian bytes.
// Each pair becomes a pair on one SPDY connection to the runtime (containerd dials the port
// inside the pod's network namespace, so a process on the pod's 127.0.0.1 is reachable).

import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { acceptSpdy, acceptWebSocket, isSpdyUpgrade, isWebSocketUpgrade, offeredWebSocketProtocols, refuseUpgrade } from './accept.ts';
import { decodeChannelMessage, encodeChannelMessage, negotiateChannelProtocol } from './channels.ts';
import { dialSpdy, type DialedSpdy } from './spdy-dial.ts';
import { spdyHeaders } from './spdy-frames.ts';
import { SpdySession } from './spdy-session.ts';
import type { SpdyStream } from './spdy-stream.ts';
import { WebSocketDuplex } from './ws-duplex.ts';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
export const PORT_FORWARD_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
const WEBSOCKET_V4_PROTOCOLS = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'];

/** Returns a fresh stream-server URL for the pod (each URL is good for one connection). */
export type PortForwardUrl = (ports: readonly number[]) => Promise<string>;

/** One SPDY connection to the runtime, opened on first use, shared by the pairs of one client. */
class RuntimeForwarder {
  readonly #url: PortForwardUrl;
  readonly #signal: AbortSignal;
  #dialed: Promise<DialedSpdy> | undefined;

  constructor(url: PortForwardUrl, signal: AbortSignal) {
    this.#url = url;
    this.#signal = signal;
  }

  async pair(port: number, requestId: string): Promise<{ data: SpdyStream; error: SpdyStream }> {
    this.#dialed ??= this.#url([port]).then((url) => dialSpdy(url, [PORT_FORWARD_PROTOCOL], this.#signal));
    const { session } = await this.#dialed;
    const headers = (type: string): Map<string, string[]> => spdyHeaders({ streamType: type, port: String(port), requestID: requestId });
    const error = await session.openStream(headers('error'));
    const data = await session.openStream(headers('data'));
    error.end(); // nothing goes to the runtime on the error stream
    error.on('error', () => undefined);
    data.on('error', () => undefined);
    return { data, error };
  }

  close(): void {
    void this.#dialed?.then((d) => d.session.close(), () => undefined);
  }
}

/** Joins two byte streams with half-close in both directions; a reset of either ends both. */
function splice(a: Duplex, b: Duplex): void {
  a.pipe(b);
  b.pipe(a);
  const destroyBoth = (): void => { a.destroy(); b.destroy(); };
  a.once('close', () => { if (!b.writableFinished) b.end(); });
  b.once('close', () => { if (!a.writableFinished) a.end(); });
  a.once('error', destroyBoth);
  b.once('error', destroyBoth);
}

function parsePort(value: string | undefined): number | string {
  if (value === undefined || value === '') return 'port header is required';
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) return `unable to parse "${value}" as a port`;
  return port;
}

/** Half of a pair, waiting for the other; dropped after STREAM_CREATION_TIMEOUT_MS. */
interface PendingPair { data?: SpdyStream; error?: SpdyStream; timer?: NodeJS.Timeout }

/** How long the second stream of a pair may take (upstream's streamCreationTimeout). */
const STREAM_CREATION_TIMEOUT_MS = 30_000;

/** Serves one SPDY port-forward session (direct or tunnelled) until it ends. */
async function serveSpdyPairs(session: SpdySession, forwarder: RuntimeForwarder, pending: Map<string, PendingPair>): Promise<void> {
  await session.done;
  forwarder.close();
  for (const entry of pending.values()) clearTimeout(entry.timer);
  pending.clear();
}

function onPairStream(stream: SpdyStream, forwarder: RuntimeForwarder, pending: Map<string, PendingPair>): void {
  stream.on('error', () => undefined);
  const type = stream.header('streamtype');
  const requestId = stream.header('requestid') ?? '';
  if (type !== 'data' && type !== 'error') {
    stream.destroy();
    return;
  }
  const entry = pending.get(requestId) ?? {};
  if (entry[type] !== undefined) {
    stream.destroy();
    return;
  }
  entry[type] = stream;
  pending.set(requestId, entry);
  const { data, error } = entry;
  if (data === undefined || error === undefined) {
    entry.timer = setTimeout(() => {
      pending.delete(requestId);
      entry.data?.destroy();
      entry.error?.destroy();
    }, STREAM_CREATION_TIMEOUT_MS);
    entry.timer.unref();
    return;
  }
  clearTimeout(entry.timer);
  pending.delete(requestId);
  const port = parsePort(data.header('port'));
  if (typeof port === 'string') {
    error.end(port);
    data.destroy();
    return;
  }
  forwarder.pair(port, requestId).then((remote) => {
    remote.error.pipe(error);
    splice(data, remote.data);
    // Once the connection is over both ways, the pair is done (upstream closes both streams).
    remote.data.once('close', () => { if (!error.writableEnded) error.end(); });
  }, (cause: unknown) => {
    error.end(`error forwarding port ${port} to pod: ${cause instanceof Error ? cause.message : String(cause)}`);
    data.destroy();
  });
}

/** Serves a port-forward upgrade; resolves when the client's session is over. */
export async function servePortForward(headers: IncomingHttpHeaders, query: URLSearchParams, socket: Duplex, head: Buffer, url: PortForwardUrl): Promise<void> {
  const abort = new AbortController();
  const forwarder = new RuntimeForwarder(url, abort.signal);
  const pending = new Map<string, PendingPair>();
  try {
    if (isSpdyUpgrade(headers)) {
      const accepted = acceptSpdy(headers, socket, head, [PORT_FORWARD_PROTOCOL], (s) => onPairStream(s, forwarder, pending));
      if (accepted !== undefined) await serveSpdyPairs(accepted.session, forwarder, pending);
      return;
    }
    if (!isWebSocketUpgrade(headers)) {
      refuseUpgrade(socket, 400, 'Upgrade request required');
      return;
    }
    const offered = offeredWebSocketProtocols(headers);
    if (offered.includes(PORT_FORWARD_TUNNEL_PROTOCOL)) {
      const ws = acceptWebSocket(headers, socket, PORT_FORWARD_TUNNEL_PROTOCOL);
      if (ws === undefined) return;
      const tunnel = new WebSocketDuplex(ws);
      const session = new SpdySession(tunnel, { role: 'server', onStream: (s) => onPairStream(s, forwarder, pending) });
      session.start();
      ws.start(head);
      await serveSpdyPairs(session, forwarder, pending);
      return;
    }
    await serveWebSocketV4(headers, query, socket, head, forwarder);
  } finally {
    abort.abort();
    forwarder.close();
  }
}

async function serveWebSocketV4(headers: IncomingHttpHeaders, query: URLSearchParams, socket: Duplex, head: Buffer, forwarder: RuntimeForwarder): Promise<void> {
  const chosen = negotiateChannelProtocol(offeredWebSocketProtocols(headers).join(','), WEBSOCKET_V4_PROTOCOLS);
  const ports: number[] = [];
  for (const value of query.getAll('port').flatMap((v) => v.split(','))) {
    const port = parsePort(value);
    if (typeof port === 'string') {
      refuseUpgrade(socket, 400, port);
      return;
    }
    ports.push(port);
  }
  if (chosen === undefined || ports.length === 0) {
    refuseUpgrade(socket, 400, chosen === undefined ? 'unable to upgrade: unsupported WebSocket protocol' : 'query parameter "port" is required');
    return;
  }
  const ws = acceptWebSocket(headers, socket, chosen.echo);
  if (ws === undefined) return;
  const send = (channel: number, data: Buffer): Promise<void> => {
    const m = encodeChannelMessage(chosen.protocol, channel, data);
    return ws.send(m.data, m.binary);
  };
  // Each channel starts with its port, before any data.
  for (const [i, port] of ports.entries()) {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port);
    await send(i * 2, prefix);
    await send(i * 2 + 1, prefix);
  }
  // One pair per port, opened at once; data the client sends before a pair is ready waits
  // on its promise (then-callbacks run in order, so bytes keep their order).
  const remotes = ports.map((port, i) => forwarder.pair(port, String(i)).then((remote) => {
    remote.data.on('data', (chunk: Buffer) => void send(i * 2, chunk));
    remote.error.on('data', (chunk: Buffer) => void send(i * 2 + 1, chunk));
    return remote;
  }, async (error: unknown) => {
    await send(i * 2 + 1, Buffer.from(`error forwarding port ${port} to pod: ${error instanceof Error ? error.message : String(error)}`));
    return undefined;
  }));
  ws.onMessage = (message): void => {
    const decoded = decodeChannelMessage(chosen.protocol, message);
    if (decoded === undefined || decoded.channel % 2 !== 0) return;
    void remotes[decoded.channel / 2]?.then((remote) => remote?.data.write(decoded.data));
  };
  ws.start(head);
  await ws.closed;
  for (const remote of await Promise.all(remotes)) remote?.data.destroy();
}

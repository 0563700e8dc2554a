// The client side of exec and attach as the kubelet serves it: a WebSocket channel protocol
// (v5, v4, the unversioned ones) or SPDY/3.1 with one stream per purpose (streamType header),
// both turned into the same CommandStreams so the runtime bridge is written once.
//
// Status reporting by protocol generation: v4 and v5 send a Status JSON on the error channel
// (Success, or NonZeroExitCode with an ExitCode cause); older ones send only a failure's text.

import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, Writable, type Readable } from 'node:stream';
import type { Duplex } from 'node:stream';
import { acceptSpdy, acceptWebSocket, isSpdyUpgrade, isWebSocketUpgrade, offeredWebSocketProtocols, refuseUpgrade } from './accept.ts';
import {
  CHANNEL_CLOSE, CHANNEL_ERROR, CHANNEL_RESIZE, CHANNEL_STDERR, CHANNEL_STDIN, CHANNEL_STDOUT, decodeChannelMessage, encodeChannelMessage,
  negotiateChannelProtocol, type ChannelProtocol,
} from './channels.ts';
import type { SpdyStream } from './spdy-stream.ts';
import type { WebSocketConnection } from './websocket.ts';

export interface CommandOptions {
  readonly stdin: boolean;
  readonly stdout: boolean;
  readonly stderr: boolean;
  readonly tty: boolean;
}

/** The client's end of an exec or attach, whatever protocol carries it. */
export interface CommandStreams {
  /** Ends when the client closes stdin (v5 close signal, SPDY FIN) or goes away. */
  readonly stdin: Readable | undefined;
  readonly stdout: Writable | undefined;
  readonly stderr: Writable | undefined;
  /** Raw resize messages ({"Width":…,"Height":…} JSON), passed on as they come. */
  readonly resize: Readable | undefined;
  /** Fires when the client disconnects. */
  readonly gone: AbortSignal;
  /** Sends the final status (a v4 Status JSON as the runtime wrote it) and closes. */
  finish(status: Buffer): Promise<void>;
}

export const WEBSOCKET_COMMAND_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'channel.k8s.io', 'base64.channel.k8s.io'];
export const SPDY_COMMAND_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

/** How long a SPDY client has to open the streams it asked for (upstream's streamCreationTimeout). */
const STREAM_CREATION_TIMEOUT_MS = 30_000;

/** Parses the stdin/stdout/stderr/tty query as upstream: a tty has no separate stderr. */
export function commandOptions(query: URLSearchParams): CommandOptions | string {
  const flag = (name: string): boolean => ['true', '1'].includes((query.get(name) ?? '').toLowerCase());
  const tty = flag('tty');
  const options = { stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr') && !tty, tty };
  if (!options.stdin && !options.stdout && !options.stderr) return 'you must specify at least 1 of stdin, stdout, stderr';
  return options;
}

/** The text older protocols send for a failure; empty for success. */
function legacyStatusText(status: Buffer): string {
  try {
    const parsed = JSON.parse(status.toString('utf8')) as { status?: string; message?: string };
    return parsed.status === 'Success' ? '' : parsed.message ?? '';
  } catch {
    return status.toString('utf8');
  }
}

/**
 * Upgrades the connection and resolves with the client's streams, or undefined after answering
 * an error (the socket is then closed).
 */
export async function acceptCommandClient(headers: IncomingHttpHeaders, socket: Duplex, head: Buffer, options: CommandOptions): Promise<CommandStreams | undefined> {
  if (isWebSocketUpgrade(headers)) {
    const chosen = negotiateChannelProtocol(offeredWebSocketProtocols(headers).join(','), WEBSOCKET_COMMAND_PROTOCOLS);
    if (chosen === undefined) {
      refuseUpgrade(socket, 400, `unable to upgrade: none of the requested protocols is supported (${WEBSOCKET_COMMAND_PROTOCOLS.join(', ')})`);
      return undefined;
    }
    const ws = acceptWebSocket(headers, socket, chosen.echo);
    if (ws === undefined) return undefined;
    const streams = webSocketCommand(ws, chosen.protocol, options);
    ws.start(head);
    return streams;
  }
  if (isSpdyUpgrade(headers)) return spdyCommand(headers, socket, head, options);
  refuseUpgrade(socket, 400, 'Upgrade request required');
  return undefined;
}

function webSocketCommand(ws: WebSocketConnection, protocol: ChannelProtocol, options: CommandOptions): CommandStreams {
  const gone = new AbortController();
  void ws.closed.then(() => gone.abort());
  const stdin = options.stdin ? new PassThrough() : undefined;
  const resize = options.tty ? new PassThrough() : undefined;
  const send = (channel: number, data: Buffer): Promise<void> => {
    const m = encodeChannelMessage(protocol, channel, data);
    return ws.send(m.data, m.binary);
  };
  const writer = (channel: number): Writable => new Writable({
    write(chunk: Buffer, _e, callback): void { send(channel, chunk).then(() => callback(), callback); },
  });
  ws.onMessage = (message): void => {
    const decoded = decodeChannelMessage(protocol, message);
    if (decoded === undefined) return;
    if (decoded.channel === CHANNEL_STDIN && stdin !== undefined && !stdin.writableEnded) {
      if (!stdin.write(decoded.data)) { ws.pause(); stdin.once('drain', () => ws.resume()); }
    } else if (decoded.channel === CHANNEL_RESIZE && resize !== undefined) resize.write(decoded.data);
    else if (decoded.channel === CHANNEL_CLOSE && protocol.version >= 5 && decoded.data[0] === CHANNEL_STDIN) stdin?.end();
  };
  gone.signal.addEventListener('abort', () => { stdin?.end(); resize?.end(); }, { once: true });
  return {
    stdin, resize, gone: gone.signal,
    stdout: options.stdout ? writer(CHANNEL_STDOUT) : undefined,
    stderr: options.stderr ? writer(CHANNEL_STDERR) : undefined,
    async finish(status): Promise<void> {
      const body = protocol.version >= 4 ? status : Buffer.from(legacyStatusText(status));
      if (body.length > 0) await send(CHANNEL_ERROR, body);
      ws.close(1000);
    },
  };
}

function spdyCommand(headers: IncomingHttpHeaders, socket: Duplex, head: Buffer, options: CommandOptions): Promise<CommandStreams | undefined> {
  const streams = new Map<string, SpdyStream>();
  let check: () => void = () => undefined;
  const accepted = acceptSpdy(headers, socket, head, SPDY_COMMAND_PROTOCOLS, (stream) => {
    const type = stream.header('streamtype') ?? '';
    stream.on('error', () => undefined);
    if (streams.has(type) || !['error', 'stdin', 'stdout', 'stderr', 'resize'].includes(type)) {
      stream.destroy();
      return;
    }
    streams.set(type, stream);
    check();
  });
  if (accepted === undefined) return Promise.resolve(undefined);
  const { session, protocol } = accepted;
  const version = protocol === 'channel.k8s.io' ? 1 : Number(protocol.slice(1, 2));
  const wanted = ['error', ...(options.stdin ? ['stdin'] : []), ...(options.stdout ? ['stdout'] : []), ...(options.stderr ? ['stderr'] : []), ...(options.tty && version >= 3 ? ['resize'] : [])];
  return new Promise((resolve) => {
    const timer = setTimeout(() => { session.close(); resolve(undefined); }, STREAM_CREATION_TIMEOUT_MS);
    void session.done.then(() => { clearTimeout(timer); resolve(undefined); });
    check = (): void => {
      if (!wanted.every((t) => streams.has(t))) return;
      clearTimeout(timer);
      check = () => undefined;
      const gone = new AbortController();
      void session.done.then(() => gone.abort());
      const error = streams.get('error');
      resolve({
        stdin: streams.get('stdin'), stdout: streams.get('stdout'), stderr: streams.get('stderr'), resize: streams.get('resize'),
        gone: gone.signal,
        async finish(status): Promise<void> {
          const body = version >= 4 ? status : Buffer.from(legacyStatusText(status));
          if (error !== undefined && body.length > 0) await new Promise<void>((r) => error.write(body, () => r()));
          for (const s of streams.values()) s.end();
          session.close();
        },
      });
    };
    check();
  });
}

// The client protocols the kubelet terminates, each bridged to a stand-in for containerd's
// SPDY stream server: exec over WebSocket v5 (close signal), v4, base64 and SPDY; resize;
// port-forward over SPDY, SPDY tunnelled in WebSocket, and WebSocket v4.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, test } from 'node:test';
import { CHANNEL_CLOSE } from './channels.ts';
import { EXIT_3_STATUS, FakeStreamServer } from './fake-stream-server.fixture.ts';
import { servePortForward } from './port-forward.ts';
import { acceptCommandClient, commandOptions } from './remote-command.ts';
import { bridgeCommand } from './runtime-command.ts';
import { dialSpdy } from './spdy-dial.ts';
import { spdyHeaders } from './spdy-frames.ts';
import { SpdySession } from './spdy-session.ts';
import type { SpdyStream } from './spdy-stream.ts';
import { WebSocketConnection, type WsMessage } from './websocket.ts';
import { WebSocketDuplex } from './ws-duplex.ts';

const runtime = new FakeStreamServer();
let kubelet: Server;
const sockets = new Set<Duplex>();
let base = '';

before(async () => {
  await runtime.listen();
  kubelet = createServer((_req, res) => { res.writeHead(400); res.end(); });
  kubelet.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://kubelet');
    if (url.pathname.startsWith('/exec')) {
      const options = commandOptions(url.searchParams);
      assert.ok(typeof options !== 'string');
      void acceptCommandClient(req.headers, socket, head, options).then((client) => {
        if (client !== undefined) return bridgeCommand(runtime.url(`/exec/${options.stdin ? 'x' : 'nostdin'}${options.tty ? '-tty' : ''}`), options, client);
        return undefined;
      });
    } else {
      void servePortForward(req.headers, url.searchParams, socket, head, () => Promise.resolve(runtime.url('/portforward/x')));
    }
  });
  await new Promise<void>((resolve) => kubelet.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(kubelet.address() as AddressInfo).port}`;
});

after(() => {
  kubelet.close();
  for (const s of sockets) s.destroy();
  runtime.close();
});

/** Opens a WebSocket to the test kubelet; resolves with the connection and the echoed protocol. */
function wsConnect(path: string, protocols: string): Promise<{ ws: WebSocketConnection; protocol: string; messages: WsMessage[] }> {
  return new Promise((resolve, reject) => {
    const [host, port] = base.split(':');
    const socket = connect(Number(port), host ?? '127.0.0.1');
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      const text = head.subarray(0, end).toString();
      if (!text.startsWith('HTTP/1.1 101')) {
        reject(new Error(text + head.subarray(end).toString()));
        return;
      }
      const ws = new WebSocketConnection(socket, 'client');
      const messages: WsMessage[] = [];
      ws.onMessage = (m): void => { messages.push(m); };
      ws.start(head.subarray(end + 4));
      resolve({ ws, protocol: /sec-websocket-protocol: (.*)/i.exec(text)?.[1]?.trim() ?? '', messages });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${base}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Protocol: ${protocols}\r\n\r\n`);
  });
}

const byChannel = (messages: readonly WsMessage[], channel: number): string =>
  messages.filter((m) => m.data[0] === channel).map((m) => m.data.subarray(1).toString()).join('');

test('exec over WebSocket v5: stdin, the close signal, output and the exit status', async () => {
  const { ws, protocol, messages } = await wsConnect('/exec?command=x&stdin=true&stdout=true&stderr=true', 'v5.channel.k8s.io');
  assert.equal(protocol, 'v5.channel.k8s.io');
  await ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('abc')]));
  await ws.send(Buffer.from([CHANNEL_CLOSE, 0]));
  await ws.closed;
  assert.equal(byChannel(messages, 1), 'got:abc');
  assert.equal(byChannel(messages, 2), 'warn');
  assert.deepEqual(JSON.parse(byChannel(messages, 3)), JSON.parse(EXIT_3_STATUS));
  assert.equal(messages.at(-1)?.data[0], 3, 'the status comes last');
});

test('exec over WebSocket v4 with a tty: resize passed through, no stderr, status JSON', async () => {
  const { ws, protocol, messages } = await wsConnect('/exec?command=x&stdout=true&stderr=true&tty=true', 'v4.channel.k8s.io');
  assert.equal(protocol, 'v4.channel.k8s.io');
  await ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":80,"Height":24}')]));
  await ws.closed;
  assert.equal(byChannel(messages, 1), 'got:');
  assert.equal(byChannel(messages, 2), '');
  assert.equal(JSON.parse(byChannel(messages, 3)).reason, 'NonZeroExitCode');
  assert.deepEqual(runtime.resizes, ['{"Width":80,"Height":24}']);
});

test('exec over base64.channel.k8s.io: text frames, and a failure reported as its message', async () => {
  const { ws, protocol, messages } = await wsConnect('/exec?command=x&stdout=true', 'base64.channel.k8s.io');
  assert.equal(protocol, 'base64.channel.k8s.io');
  await ws.closed;
  const decoded = (channel: string): string => messages.filter((m) => !m.binary && m.data.toString().startsWith(channel))
    .map((m) => Buffer.from(m.data.toString().slice(1), 'base64').toString()).join('');
  assert.equal(decoded('1'), 'got:');
  assert.equal(decoded('3'), 'command terminated with non-zero exit code: exit status 3');
});

test('exec over WebSocket refuses protocols it does not speak', async () => {
  await assert.rejects(wsConnect('/exec?command=x&stdout=true', 'v9.channel.k8s.io'), /HTTP\/1.1 400/);
});

async function readAll(stream: SpdyStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += (chunk as Buffer).toString();
  return text;
}

test('exec over SPDY v4: a FIN on stdin is the process\'s EOF', async () => {
  const abort = new AbortController();
  const { session, protocol } = await dialSpdy(`http://${base}/exec?command=x&stdin=true&stdout=true&stderr=true`, ['v5.channel.k8s.io', 'v4.channel.k8s.io'], abort.signal);
  try {
    assert.equal(protocol, 'v5.channel.k8s.io');
    const open = (type: string): Promise<SpdyStream> => session.openStream(spdyHeaders({ streamType: type }));
    const error = await open('error');
    const [stdin, stdout, stderr] = await Promise.all([open('stdin'), open('stdout'), open('stderr')]);
    stdin.end('xyz');
    const [out, err, status] = await Promise.all([readAll(stdout), readAll(stderr), readAll(error)]);
    assert.deepEqual([out, err, JSON.parse(status).details.causes[0].message], ['got:xyz', 'warn', '3']);
  } finally {
    session.close();
  }
});

async function forwardOverSpdy(session: SpdySession): Promise<void> {
  const pair = async (requestId: string, text: string): Promise<string> => {
    const headers = (type: string): Map<string, string[]> => spdyHeaders({ streamType: type, port: '8080', requestID: requestId });
    const error = await session.openStream(headers('error'));
    const data = await session.openStream(headers('data'));
    error.end();
    data.end(text);
    const [answer, problem] = await Promise.all([readAll(data), readAll(error)]);
    assert.equal(problem, '');
    return answer;
  };
  assert.deepEqual(await Promise.all([pair('0', 'hello'), pair('1', 'world')]), ['HELLO', 'WORLD']);
}

test('port-forward over SPDY: stream pairs by requestID, each bridged to the runtime', async () => {
  const abort = new AbortController();
  const { session, protocol } = await dialSpdy(`http://${base}/portForward`, ['portforward.k8s.io'], abort.signal);
  try {
    assert.equal(protocol, 'portforward.k8s.io');
    await forwardOverSpdy(session);
    assert.ok(runtime.ports.includes('8080'));
  } finally {
    session.close();
  }
});

test('port-forward over SPDY inside WebSocket (SPDY/3.1+portforward.k8s.io)', async () => {
  const { ws, protocol } = await wsConnect('/portForward', 'SPDY/3.1+portforward.k8s.io');
  assert.equal(protocol, 'SPDY/3.1+portforward.k8s.io');
  const tunnel = new WebSocketDuplex(ws);
  const session = new SpdySession(tunnel, { role: 'client' });
  session.start();
  try {
    await forwardOverSpdy(session);
  } finally {
    session.close();
  }
});

test('port-forward over SPDY: a stream pair without a valid port gets an error', async () => {
  const abort = new AbortController();
  const { session } = await dialSpdy(`http://${base}/portForward`, ['portforward.k8s.io'], abort.signal);
  try {
    const error = await session.openStream(spdyHeaders({ streamType: 'error', port: 'http', requestID: '7' }));
    await session.openStream(spdyHeaders({ streamType: 'data', port: 'http', requestID: '7' }));
    assert.equal(await readAll(error), 'unable to parse "http" as a port');
  } finally {
    session.close();
  }
});

test('port-forward over WebSocket v4: the port first on both channels, then data', async () => {
  const { ws, protocol, messages } = await wsConnect('/portForward?port=8080', 'v4.channel.k8s.io');
  assert.equal(protocol, 'v4.channel.k8s.io');
  for (let i = 0; i < 50 && messages.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(messages.slice(0, 2).map((m) => [...m.data]), [[0, 0x90, 0x1f], [1, 0x90, 0x1f]]);
  await ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('abc')]));
  for (let i = 0; i < 100 && byChannel(messages.slice(2), 0) !== 'ABC'; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(byChannel(messages.slice(2), 0), 'ABC');
  ws.close();
  await ws.closed;
});

// The gRPC client against a tiny gRPC server built here on node:http2: unary calls that
// succeed or fail (trailers, Trailers-Only, HTTP errors), deadlines, aborts, large messages,
// bidirectional streams, a server that goes away mid-stream or restarts, and keepalive pings.

import assert from 'node:assert/strict';
import { createServer, type Http2Server, type Http2Session, type ServerHttp2Stream } from 'node:http2';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Channel } from './channel.ts';
import { Deframer, frame, HEADER_BYTES } from './framing.ts';
import { ProtoSchema } from './proto-schema.ts';
import { GrpcError, Status } from './status.ts';

const schema = ProtoSchema.parse(`
syntax = "proto3";
package echo;
message Msg { string text = 1; int64 n = 2; }
service Echo {
  rpc Say(Msg) returns (Msg);
  rpc Chat(stream Msg) returns (stream Msg);
}`);
const msg = schema.message<{ text: string; n: number }>('echo.Msg');
const say = schema.method<{ text: string; n?: number }, { text: string; n: number }>('echo.Echo', 'Say');
const chat = schema.method<{ text: string }, { text: string; n: number }>('echo.Echo', 'Chat');
const encoded = (text: string, n = 0): Buffer => frame(msg.encode({ text, n }, HEADER_BYTES));

/** Answers with `messages` and then the status in trailers. */
function reply(stream: ServerHttp2Stream, messages: Buffer[], status = 0, message?: string): void {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(status), ...(message === undefined ? {} : { 'grpc-message': message }) }));
  for (const m of messages) stream.write(m);
  stream.end();
}

/** The test server: what it does depends on the request's text. */
function handle(stream: ServerHttp2Stream, headers: Record<string, unknown>, sessions: Set<Http2Session>): void {
  const deframer = new Deframer(64 << 20);
  if (headers[':path'] === chat.path) {
    stream.on('data', (chunk: Buffer) => deframer.push(chunk, (bytes) => {
      const text = msg.decode(bytes).text;
      if (text === 'hang up') {
        for (const s of sessions) s.destroy();
        return;
      }
      if (!stream.headersSent) stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.write(encoded(`echo ${text}`));
    }));
    stream.on('end', () => {
      if (!stream.headersSent) stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end();
    });
    return;
  }
  stream.on('data', (chunk: Buffer) => deframer.push(chunk, (bytes) => {
    const { text, n } = msg.decode(bytes);
    switch (text) {
      case 'error': reply(stream, [], Status.NOT_FOUND, encodeURIComponent('no such thing: ü 100%')); return;
      case 'trailers-only':
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '7', 'grpc-message': 'denied' }, { endStream: true });
        return;
      case 'http 503': stream.respond({ ':status': 503 }, { endStream: true }); return;
      case 'slow': return;
      case 'large': reply(stream, [encoded('x'.repeat(n))]); return;
      case 'timeout': reply(stream, [encoded(String(headers['grpc-timeout']))]); return;
      case 'compressed': {
        const m = encoded('z');
        m[0] = 1;
        reply(stream, [m]);
        return;
      }
      default: reply(stream, [encoded(`hello ${text}`, n + 1)]);
    }
  }));
}

class TestServer {
  readonly sessions = new Set<Http2Session>();
  pings = 0;
  server: Http2Server | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = createServer();
    server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
      session.on('ping', () => this.pings++);
    });
    server.on('stream', (stream, headers) => handle(stream, headers, this.sessions));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sessions) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

const server = new TestServer();
let channel: Channel;
before(async () => {
  await server.start();
  channel = new Channel(`http://127.0.0.1:${server.port}`);
});
after(async () => {
  channel.close();
  await server.stop();
});

async function rejection(promise: Promise<unknown>): Promise<GrpcError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof GrpcError, String(e));
    return e;
  }
  assert.fail('the call succeeded');
}

describe('unary calls', () => {
  test('a response, decoded', async () => {
    assert.deepEqual(await channel.unary(say, { text: 'you', n: 41 }), { text: 'hello you', n: 42 });
  });

  test('statuses', async () => {
    const cases: { text: string; code: number; details: string | RegExp }[] = [
      { text: 'error', code: Status.NOT_FOUND, details: 'no such thing: ü 100%' },
      { text: 'trailers-only', code: Status.PERMISSION_DENIED, details: 'denied' },
      { text: 'http 503', code: Status.UNAVAILABLE, details: 'Received HTTP status code 503' },
      { text: 'compressed', code: Status.INTERNAL, details: /compressed message/ },
      { text: 'large', code: Status.RESOURCE_EXHAUSTED, details: /larger than max \(\d+ vs\. 4194304\)/ },
    ];
    for (const c of cases) {
      const error = await rejection(channel.unary(say, { text: c.text, n: 5 << 20 }));
      assert.equal(error.code, c.code, c.text);
      assert.equal(error.codeName, Object.entries(Status).find(([, v]) => v === c.code)?.[0]);
      if (typeof c.details === 'string') assert.equal(error.details, c.details);
      else assert.match(error.details, c.details);
      assert.equal(error.unprocessed, false);
    }
  });

  test('a large message within the limit', async () => {
    const big = new Channel(`http://127.0.0.1:${server.port}`, { maxReceiveMessageBytes: 64 << 20 });
    try {
      assert.equal((await big.unary(say, { text: 'large', n: 20 << 20 })).text.length, 20 << 20);
    } finally {
      big.close();
    }
  });

  test('a deadline is sent and enforced', async () => {
    assert.match((await channel.unary(say, { text: 'timeout' }, { timeoutMs: 1500 })).text, /^1500m$/);
    const started = Date.now();
    const error = await rejection(channel.unary(say, { text: 'slow' }, { timeoutMs: 100 }));
    assert.equal(error.code, Status.DEADLINE_EXCEEDED);
    assert.ok(Date.now() - started < 2000);
  });

  test('aborting cancels', async () => {
    const controller = new AbortController();
    const pending = channel.unary(say, { text: 'slow' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    assert.equal((await rejection(pending)).code, Status.CANCELLED);
    const error = await rejection(channel.unary(say, { text: 'x' }, { signal: AbortSignal.abort() }));
    assert.equal(error.code, Status.CANCELLED);
  });

  test('a request that cannot be encoded fails the call', async () => {
    const error = await rejection(channel.unary(say, { text: 7 as unknown as string }));
    assert.equal(error.code, Status.INTERNAL);
    assert.match(error.details, /text/);
  });
});

describe('bidirectional streams', () => {
  test('messages both ways, then OK', async () => {
    const got: string[] = [];
    const closed = new Promise<GrpcError | undefined>((resolve) => {
      const stream = channel.stream(chat, { onMessage: (m) => got.push(m.text), onClose: resolve });
      stream.write({ text: 'a' });
      stream.write({ text: 'b' });
      setTimeout(() => {
        stream.end();
        assert.equal(stream.write({ text: 'after the end' }), false);
      }, 50);
    });
    assert.equal(await closed, undefined);
    assert.deepEqual(got, ['echo a', 'echo b']);
  });

  test('server-streaming: one request, the responses, then OK', async () => {
    const got: string[] = [];
    const closed = new Promise<GrpcError | undefined>((resolve) => {
      channel.serverStream(chat, { text: 'only' }, { onMessage: (m) => got.push(m.text), onClose: resolve });
    });
    assert.equal(await closed, undefined);
    assert.deepEqual(got, ['echo only']);
  });

  test('cancel ends the call with CANCELLED', async () => {
    const closed = new Promise<GrpcError | undefined>((resolve) => {
      const stream = channel.stream(chat, { onMessage: () => stream.cancel(), onClose: resolve });
      stream.write({ text: 'a' });
    });
    assert.equal((await closed)?.code, Status.CANCELLED);
  });

  test('the server going away mid-stream is UNAVAILABLE, and the next call reconnects', async () => {
    const got: string[] = [];
    const closed = new Promise<GrpcError | undefined>((resolve) => {
      const stream = channel.stream(chat, { onMessage: (m) => {
        got.push(m.text);
        stream.write({ text: 'hang up' });
      }, onClose: resolve });
      stream.write({ text: 'first' });
    });
    const error = await closed;
    assert.equal(error?.code, Status.UNAVAILABLE, String(error));
    assert.deepEqual(got, ['echo first']);
    assert.equal((await channel.unary(say, { text: 'again' })).text, 'hello again');
  });
});

describe('connections', () => {
  test('a server that is down: UNAVAILABLE and unprocessed, then a back-off; a restart is picked up', async () => {
    const restarting = new TestServer();
    await restarting.start();
    const port = restarting.port;
    const ch = new Channel(`127.0.0.1:${port}`);
    try {
      assert.equal((await ch.unary(say, { text: 'one' })).text, 'hello one');
      await restarting.stop();
      await sleep(50);
      const down = await rejection(ch.unary(say, { text: 'two' }));
      assert.equal(down.code, Status.UNAVAILABLE);
      assert.equal(down.unprocessed, true);
      assert.match(down.details, /No connection established/);
      const fast = await rejection(ch.unary(say, { text: 'three' }));
      assert.match(fast.details, /next attempt in \d+ ms/);
      await restarting.start(port);
      await sleep(150);
      assert.equal((await ch.unary(say, { text: 'four' })).text, 'hello four');
    } finally {
      ch.close();
      await restarting.stop();
    }
  });

  test('close fails open calls and later ones', async () => {
    const ch = new Channel(`http://127.0.0.1:${server.port}`);
    const pending = ch.unary(say, { text: 'slow' });
    await sleep(20);
    ch.close();
    assert.equal((await rejection(pending)).code, Status.UNAVAILABLE);
    const later = await rejection(ch.unary(say, { text: 'x' }));
    assert.match(later.details, /closed/);
  });

  test('keepalive pings only while a call is open', async () => {
    const ch = new Channel(`http://127.0.0.1:${server.port}`, { keepaliveTimeMs: 20 });
    try {
      await ch.unary(say, { text: 'warm' });
      const before = server.pings;
      const stream = ch.stream(chat, { onMessage: () => undefined, onClose: () => undefined });
      stream.write({ text: 'a' });
      await sleep(150);
      stream.cancel();
      const during = server.pings - before;
      assert.ok(during >= 2, `${during} pings`);
      await sleep(30);
      const idle = server.pings;
      await sleep(150);
      assert.equal(server.pings, idle);
    } finally {
      ch.close();
    }
  });

  test('a unix socket target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8ts-grpc-'));
    const socket = join(dir, 'echo.sock');
    const unixServer = createServer();
    unixServer.on('stream', (stream, headers) => handle(stream, headers, new Set()));
    await new Promise<void>((resolve) => unixServer.listen(socket, resolve));
    const ch = new Channel(`unix://${socket}`);
    try {
      assert.equal((await ch.unary(say, { text: 'socket' })).text, 'hello socket');
    } finally {
      ch.close();
      await new Promise<void>((resolve) => unixServer.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad targets are refused', () => {
    for (const target of ['ftp://x:1', 'http://host', 'unix:relative', 'http://h:1/path']) {
      assert.throws(() => new Channel(target), /gRPC target/, target);
    }
  });
});

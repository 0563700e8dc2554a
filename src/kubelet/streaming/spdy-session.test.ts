import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrames, encodeFrame, spdyHeaders, type SpdyFrame } from './spdy-frames.ts';
import { SpdySession } from './spdy-session.ts';
import type { SpdyStream } from './spdy-stream.ts';
import { socketPair } from './socket-pair.fixture.ts';

async function readAll(stream: SpdyStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += (chunk as Buffer).toString();
  return text;
}

test('a client and a server session: headers, data both ways, half-close', async () => {
  const { a, b, close } = await socketPair();
  try {
    const accepted: SpdyStream[] = [];
    const server = new SpdySession(b, { role: 'server', onStream: (s) => { accepted.push(s); s.on('data', (d: Buffer) => s.write(`echo:${d.toString()}`)); s.on('end', () => s.end()); } });
    server.start();
    const client = new SpdySession(a, { role: 'client' });
    client.start();
    const [one, two] = await Promise.all([client.openStream(spdyHeaders({ streamType: 'data', port: '80' })), client.openStream(spdyHeaders({ streamType: 'error' }))]);
    assert.deepEqual([one.id, two.id], [1, 3]);
    assert.equal(accepted[0]?.header('streamType'), 'data');
    assert.equal(accepted[0]?.header('port'), '80');
    one.end('x'.repeat(100_000)); // several data frames
    two.end();
    const [answer, empty] = await Promise.all([readAll(one), readAll(two)]);
    assert.equal(answer.length, 'echo:'.length * (answer.split('echo:').length - 1) + 100_000);
    assert.equal(answer.replaceAll('echo:', ''), 'x'.repeat(100_000));
    assert.equal(empty, '');
    client.close();
    await Promise.all([client.done, server.done]);
  } finally {
    close();
  }
});

test('a session answers the peer\'s pings (not its own) and ends on GOAWAY', async () => {
  const { a, b, close } = await socketPair();
  try {
    const session = new SpdySession(b, { role: 'client' }); // a client accepts no streams
    session.start();
    const seen: SpdyFrame[] = [];
    let buffer: Buffer = Buffer.alloc(0);
    const ended = new Promise<void>((resolve) => a.once('end', () => resolve()));
    a.on('data', (d: Buffer) => {
      const decoded = decodeFrames(Buffer.concat([buffer, d]));
      buffer = decoded.rest;
      seen.push(...decoded.frames);
    });
    a.write(encodeFrame({ kind: 'ping', id: 2 }));
    a.write(encodeFrame({ kind: 'ping', id: 1 })); // our own parity: not echoed
    a.write(encodeFrame({ kind: 'goAway', lastGoodStreamId: 0, status: 0 }));
    await session.done;
    await ended;
    assert.deepEqual(seen.filter((f) => f.kind === 'ping'), [{ kind: 'ping', id: 2 }]);
  } finally {
    close();
  }
});

test('a reset from the peer ends the stream and drops what it had not read', async () => {
  const { a, b, close } = await socketPair();
  try {
    let accepted: SpdyStream | undefined;
    const server = new SpdySession(b, { role: 'server', onStream: (s) => { accepted = s; } });
    server.start();
    const client = new SpdySession(a, { role: 'client' });
    client.start();
    const stream = await client.openStream(spdyHeaders({ streamType: 'data' }));
    stream.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    accepted?.destroy(); // the server side resets it
    await closed;
    assert.equal(stream.destroyed, true);
    client.close();
    server.close();
  } finally {
    close();
  }
});

test('a protocol error from the peer ends the session', async () => {
  const { a, b, close } = await socketPair();
  try {
    const session = new SpdySession(b, { role: 'server', onStream: () => undefined });
    session.start();
    const bad = encodeFrame({ kind: 'ping', id: 1 });
    bad.writeUInt16BE(0x8002, 0);
    a.write(bad);
    await session.done;
    assert.equal(session.closed, true);
  } finally {
    close();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNEL_CLOSE, decodeChannelMessage, encodeChannelMessage, negotiateChannelProtocol } from './channels.ts';
import { socketPair } from './socket-pair.fixture.ts';
import { acceptKey, decodeWsFrames, encodeWsFrame, Opcode, WebSocketConnection, type WsMessage } from './websocket.ts';

test('the accept key is RFC 6455\'s example', () => {
  assert.equal(acceptKey('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

for (const length of [0, 1, 125, 126, 65535, 65536, 200_000]) {
  for (const mask of [false, true]) {
    test(`a ${length}-byte ${mask ? 'masked' : 'unmasked'} frame round-trips`, () => {
      const payload = Buffer.alloc(length, 0x5a);
      const bytes = encodeWsFrame(Opcode.Binary, payload, { mask });
      const { frames, rest } = decodeWsFrames(bytes, mask);
      assert.equal(rest.length, 0);
      assert.equal(frames.length, 1);
      assert.equal(frames[0]?.opcode, Opcode.Binary);
      assert.ok(frames[0]?.payload.equals(payload));
      // Incomplete input yields nothing yet.
      if (bytes.length > 1) assert.equal(decodeWsFrames(bytes.subarray(0, bytes.length - 1), mask).frames.length, 0);
    });
  }
}

test('a server refuses unmasked client frames and reserved bits', () => {
  assert.throws(() => decodeWsFrames(encodeWsFrame(Opcode.Binary, Buffer.from('x')), true), /must be masked/);
  const rsv = encodeWsFrame(Opcode.Binary, Buffer.from('x'), { mask: true });
  rsv[0] = (rsv[0] ?? 0) | 0x40;
  assert.throws(() => decodeWsFrames(rsv, true), /reserved bits/);
});

test('a connection joins fragments, answers pings, and ends on close', async () => {
  const { a, b, close } = await socketPair();
  try {
    const server = new WebSocketConnection(b, 'server');
    const messages: WsMessage[] = [];
    server.onMessage = (m): void => { messages.push(m); };
    server.start();
    const fromServer: Buffer[] = [];
    a.on('data', (d: Buffer) => fromServer.push(d));
    a.write(Buffer.concat([
      encodeWsFrame(Opcode.Binary, Buffer.from('hel'), { mask: true, fin: false }),
      encodeWsFrame(Opcode.Ping, Buffer.from('p'), { mask: true }),
      encodeWsFrame(Opcode.Continuation, Buffer.from('lo'), { mask: true }),
      encodeWsFrame(Opcode.Text, Buffer.from('t'), { mask: true }),
      encodeWsFrame(Opcode.Close, Buffer.from([0x03, 0xe8]), { mask: true }),
    ]));
    await server.closed;
    assert.deepEqual(messages.map((m) => [m.binary, m.data.toString()]), [[true, 'hello'], [false, 't']]);
    const replies = decodeWsFrames(Buffer.concat(fromServer), false).frames;
    assert.deepEqual(replies.map((f) => f.opcode), [Opcode.Pong, Opcode.Close]);
    assert.equal(replies[0]?.payload.toString(), 'p');
    assert.equal(replies[1]?.payload.readUInt16BE(0), 1000);
  } finally {
    close();
  }
});

test('a protocol error closes with 1002', async () => {
  const { a, b, close } = await socketPair();
  try {
    const server = new WebSocketConnection(b, 'server');
    server.start();
    const fromServer: Buffer[] = [];
    a.on('data', (d: Buffer) => fromServer.push(d));
    a.write(encodeWsFrame(Opcode.Continuation, Buffer.from('x'), { mask: true }));
    await server.closed;
    const [closeFrame] = decodeWsFrames(Buffer.concat(fromServer), false).frames;
    assert.equal(closeFrame?.opcode, Opcode.Close);
    assert.equal(closeFrame?.payload.readUInt16BE(0), 1002);
  } finally {
    close();
  }
});

test('channel protocol negotiation: the client\'s first supported choice, echoed', () => {
  const allowed = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'base64.channel.k8s.io'];
  const cases: Array<[string | undefined, string | undefined, number | undefined]> = [
    ['v5.channel.k8s.io', 'v5.channel.k8s.io', 5],
    ['v4.channel.k8s.io, v5.channel.k8s.io', 'v4.channel.k8s.io', 4],
    ['unknown, base64.channel.k8s.io', 'base64.channel.k8s.io', 1],
    [undefined, '', 1],
    ['unknown', undefined, undefined],
  ];
  for (const [offered, echo, version] of cases) {
    const chosen = negotiateChannelProtocol(offered, allowed);
    assert.equal(chosen?.echo, echo, String(offered));
    assert.equal(chosen?.protocol.version, version, String(offered));
  }
});

test('channel messages: binary carries the channel byte, base64 a digit and base64 text', () => {
  const binary = negotiateChannelProtocol('v5.channel.k8s.io', ['v5.channel.k8s.io'])?.protocol;
  const base64 = negotiateChannelProtocol('base64.channel.k8s.io', ['base64.channel.k8s.io'])?.protocol;
  assert.ok(binary !== undefined && base64 !== undefined);
  const b = encodeChannelMessage(binary, 1, Buffer.from('out'));
  assert.deepEqual([b.binary, [...b.data]], [true, [1, 0x6f, 0x75, 0x74]]);
  assert.deepEqual(decodeChannelMessage(binary, { binary: true, data: Buffer.from([CHANNEL_CLOSE, 0]) }), { channel: 255, data: Buffer.from([0]) });
  const t = encodeChannelMessage(base64, 2, Buffer.from('err'));
  assert.deepEqual([t.binary, t.data.toString()], [false, '2ZXJy']);
  assert.deepEqual(decodeChannelMessage(base64, { binary: false, data: Buffer.from('0aGk=') }), { channel: 0, data: Buffer.from('hi') });
  assert.equal(decodeChannelMessage(binary, { binary: true, data: Buffer.alloc(0) }), undefined);
  assert.throws(() => decodeChannelMessage(base64, { binary: false, data: Buffer.from('xAAA') }), /invalid channel/);
});

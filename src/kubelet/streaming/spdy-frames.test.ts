import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeFrames, decodeHeaderBlock, encodeFrame, encodeHeaderBlock, FLAG_FIN, MAX_FRAME_LENGTH, SpdyProtocolError, spdyHeaders, type SpdyFrame,
} from './spdy-frames.ts';
import { HeaderCompressor, HeaderDecompressor, SPDY_DICTIONARY } from './spdy-zlib.ts';

const frames: Array<[string, SpdyFrame]> = [
  ['data', { kind: 'data', streamId: 5, flags: FLAG_FIN, data: Buffer.from('hello') }],
  ['empty data with FIN', { kind: 'data', streamId: 0x7fffffff, flags: FLAG_FIN, data: Buffer.alloc(0) }],
  ['SYN_STREAM', { kind: 'synStream', streamId: 1, associatedId: 0, priority: 7, flags: 0, headerBlock: Buffer.from([1, 2, 3]) }],
  ['SYN_REPLY', { kind: 'synReply', streamId: 3, flags: FLAG_FIN, headerBlock: Buffer.from([9]) }],
  ['HEADERS', { kind: 'headers', streamId: 3, flags: 0, headerBlock: Buffer.alloc(0) }],
  ['RST_STREAM', { kind: 'rstStream', streamId: 7, status: 5 }],
  ['SETTINGS', { kind: 'settings', flags: 1, entries: [{ flags: 0, id: 4, value: 100 }, { flags: 1, id: 7, value: 65536 }] }],
  ['PING', { kind: 'ping', id: 0xfffffffe }],
  ['GOAWAY', { kind: 'goAway', lastGoodStreamId: 9, status: 0 }],
  ['WINDOW_UPDATE', { kind: 'windowUpdate', streamId: 1, delta: 65536 }],
];

for (const [name, frame] of frames) {
  test(`SPDY ${name} frame round-trips`, () => {
    const bytes = encodeFrame(frame);
    const { frames: decoded, rest } = decodeFrames(bytes);
    assert.equal(rest.length, 0);
    assert.deepEqual(decoded, [frame]);
  });
}

test('SPDY control frames carry version 3 and the control bit', () => {
  const bytes = encodeFrame({ kind: 'ping', id: 1 });
  assert.deepEqual([...bytes.subarray(0, 8)], [0x80, 0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x04]);
});

test('decodeFrames keeps a partial frame for later and decodes it once complete', () => {
  const whole = Buffer.concat([encodeFrame({ kind: 'ping', id: 1 }), encodeFrame({ kind: 'data', streamId: 1, flags: 0, data: Buffer.from('abcdef') })]);
  for (let cut = 0; cut <= whole.length; cut++) {
    const first = decodeFrames(whole.subarray(0, cut));
    const second = decodeFrames(Buffer.concat([first.rest, whole.subarray(cut)]));
    assert.equal(first.frames.length + second.frames.length, 2, `cut at ${cut}`);
    assert.equal(second.rest.length, 0);
  }
});

test('decodeFrames rejects another SPDY version and oversized frames', () => {
  const v2 = encodeFrame({ kind: 'ping', id: 1 });
  v2.writeUInt16BE(0x8002, 0);
  assert.throws(() => decodeFrames(v2), /unsupported SPDY version 2/);
  const big = Buffer.alloc(8);
  big.writeUInt32BE(1, 0);
  big.writeUInt32BE(MAX_FRAME_LENGTH + 1, 4);
  assert.throws(() => decodeFrames(big), SpdyProtocolError);
  assert.throws(() => decodeFrames(Buffer.from([0x80, 3, 0, 6, 0, 0, 0, 1, 0])), /PING frame too short/);
});

test('header blocks round-trip; names are lower-cased; several values are NUL-joined', () => {
  const headers = new Map([['streamType', ['stdin']], ['x-multi', ['a', 'b']], ['empty', ['']]]);
  const decoded = decodeHeaderBlock(encodeHeaderBlock(headers));
  assert.deepEqual([...decoded], [['streamtype', ['stdin']], ['x-multi', ['a', 'b']], ['empty', ['']]]);
  assert.throws(() => decodeHeaderBlock(Buffer.from([0, 0, 0, 1, 0, 0, 0, 9, 65])), /truncated/);
});

test('the SPDY/3 dictionary has its specified length and starts with "options"', () => {
  assert.equal(SPDY_DICTIONARY.length, 1423);
  assert.equal(SPDY_DICTIONARY.subarray(0, 11).toString('latin1'), '\0\0\0\x07options');
  assert.ok(SPDY_DICTIONARY.toString('latin1').endsWith(',enq=0.'));
});

test('compressed header blocks decode in order across one shared zlib context', async () => {
  const compressor = new HeaderCompressor();
  const decompressor = new HeaderDecompressor();
  try {
    const blocks = [
      spdyHeaders({ streamType: 'error', port: '8080', requestID: '0' }),
      spdyHeaders({ streamType: 'data', port: '8080', requestID: '0' }),
      new Map<string, string[]>(),
      spdyHeaders({ streamType: 'data', port: '8080', requestID: '1' }),
    ];
    const compressed = await Promise.all(blocks.map((b) => compressor.compress(encodeHeaderBlock(b))));
    // The later blocks reuse the context: repeating headers compress to a few bytes.
    assert.ok((compressed[3]?.length ?? 99) < (compressed[0]?.length ?? 0), 'later blocks are smaller');
    const decoded = await Promise.all(compressed.map((c) => decompressor.decompress(c)));
    assert.deepEqual(decoded.map((d) => [...decodeHeaderBlock(d)]), blocks.map((b) => [...b]));
  } finally {
    compressor.close();
    decompressor.close();
  }
});

test('a corrupt compressed header block is an error, not a hang', async () => {
  const decompressor = new HeaderDecompressor();
  try {
    await assert.rejects(decompressor.decompress(Buffer.from('not zlib at all')));
  } finally {
    decompressor.close();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtobufError, Reader, varintSize, Writer } from './wire.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));

function skipNext(r: Reader, end: number): void {
  const field = r.tag(end);
  r.skip(r.wire, end, field);
}

function written(fn: (w: Writer) => void, capacity = 1): Uint8Array {
  const w = new Writer(capacity);
  fn(w);
  return w.finish();
}

test('varints: int32 and int64 as Go writes them (negative numbers sign-extended to ten bytes)', () => {
  const cases: Array<[kind: 'int32' | 'int64', value: number, hex: string]> = [
    ['int32', 0, '00'],
    ['int32', 1, '01'],
    ['int32', 127, '7f'],
    ['int32', 128, '8001'],
    ['int32', 300, 'ac02'],
    ['int32', 2 ** 31 - 1, 'ffffffff07'],
    ['int32', -1, 'ffffffffffffffffff01'],
    ['int32', -5, 'fbffffffffffffffff01'],
    ['int32', -(2 ** 31), '80808080f8ffffffff01'],
    ['int64', 0, '00'],
    ['int64', 2 ** 32, '8080808010'],
    ['int64', 2 ** 35 + 5, '858080808001'],
    ['int64', Number.MAX_SAFE_INTEGER, 'ffffffffffffff0f'],
    ['int64', -1, 'ffffffffffffffffff01'],
    ['int64', -(2 ** 40), '8080808080e0ffffff01'],
    ['int64', Number.MIN_SAFE_INTEGER, '81808080808080f0ff01'],
  ];
  for (const [kind, value, want] of cases) {
    const b = written((w) => (kind === 'int32' ? w.int32(value) : w.int64(value)));
    assert.equal(hex(b), want, `${kind} ${value}`);
    const r = new Reader(b);
    assert.equal(kind === 'int32' ? r.int32(b.length) : r.int64(b.length), value, `${kind} ${value} read back`);
    assert.equal(r.pos, b.length);
  }
});

test('varints: bigint64 covers the whole int64 range', () => {
  for (const n of [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, -9007199254740993n]) {
    const b = written((w) => w.bigint64(n));
    assert.equal(new Reader(b).bigint64(b.length), n);
  }
  assert.equal(hex(written((w) => w.bigint64(2n ** 63n - 1n))), 'ffffffffffffffff7f');
});

test('varintSize', () => {
  for (const [n, size] of [[0, 1], [127, 1], [128, 2], [16383, 2], [16384, 3], [2 ** 32, 5], [Number.MAX_SAFE_INTEGER, 8]] as const) {
    assert.equal(varintSize(n), size, String(n));
  }
});

test('strings: UTF-8 with a varint length, whatever their length', () => {
  const long = (n: number, unit: string): string => unit.repeat(n);
  const cases = ['', 'a', long(42, 'x'), long(43, 'x'), long(127, 'x'), long(128, 'x'), 'héllo wörld', '😀 emoji', long(20, 'é'),
    long(42, '€'), long(43, '€'), long(6000, '€'), long(70000, 'y'), 'ascii then ünïcödé then more ascii text........'];
  for (const s of cases) {
    const b = written((w) => w.string(s));
    const utf8 = Buffer.from(s, 'utf8');
    const prefix = written((w) => w.uint32(utf8.length));
    assert.equal(hex(b), hex(prefix) + utf8.toString('hex'), `string of ${s.length}`);
    const r = new Reader(b);
    assert.equal(r.string(b.length), s);
    assert.equal(r.pos, b.length);
  }
});

test('strings: lone surrogates become U+FFFD, invalid UTF-8 reads as U+FFFD', () => {
  assert.equal(hex(written((w) => w.string('a\ud800b'))), '05' + '61efbfbd62');
  assert.equal(hex(written((w) => w.string('\udc00'.repeat(50)))), '9601' + 'efbfbd'.repeat(50));
  assert.equal(new Reader(bytes('03 61 ff 62')).string(4), 'a\ufffdb');
  assert.equal(new Reader(bytes('0e 61 ff 62 62 62 62 62 62 62 62 62 62 62 62')).string(15), 'a\ufffdbbbbbbbbbbbb');
});

test('base64 bytes decode straight into the buffer', () => {
  for (const text of ['', 'aGk=', 'aGVsbG8gd29ybGQ=', Buffer.alloc(5000, 7).toString('base64')]) {
    const b = written((w) => w.base64(text));
    const r = new Reader(b);
    assert.equal(r.base64(b.length), text);
    assert.equal(r.pos, b.length);
  }
});

test('begin/end back-patch the length prefix, moving content when the length needs more bytes', () => {
  for (const size of [0, 1, 127, 128, 300, 16383, 16384, 2_100_000]) {
    // field 1 = { field 2 = <size bytes of 0x5a> }, then field 3 = 1: both lengths back-patched.
    const b = written((w) => {
      w.uint32(0x0a);
      const outer = w.begin();
      w.uint32(0x12);
      const inner = w.begin();
      w.ensure(size);
      w.buf.fill(0x5a, w.pos, w.pos + size);
      w.pos += size;
      w.end(inner);
      w.end(outer);
      w.uint32(0x18);
      w.uint32(1);
    });
    const r = new Reader(b);
    assert.equal(r.tag(b.length), 1);
    const outerEnd = r.length(b.length);
    assert.equal(r.tag(outerEnd), 2);
    const innerEnd = r.length(outerEnd);
    assert.equal(innerEnd, outerEnd, `size ${size}`);
    assert.equal(innerEnd - r.pos, size, `size ${size}`);
    assert.ok(b.subarray(r.pos, innerEnd).every((x) => x === 0x5a), `size ${size}`);
    r.pos = innerEnd;
    assert.equal(r.tag(b.length), 3);
    assert.equal(r.varint(b.length), 1);
    assert.equal(r.pos, b.length);
  }
});

test('double is little-endian fixed64', () => {
  const b = written((w) => w.double(0.25));
  assert.equal(hex(b), '000000000000d03f');
  assert.equal(new Reader(b).double(8), 0.25);
});

test('reader errors are ProtobufErrors with the offset', () => {
  const cases: Array<[string, (r: Reader, end: number) => unknown, RegExp]> = [
    ['', (r, end) => r.varint(end), /truncated varint at offset 0/],
    ['80', (r, end) => r.varint(end), /truncated varint at offset 0/],
    ['ffffffffffffffffffff01', (r, end) => r.varint(end), /longer than 10 bytes/],
    ['05 6161', (r, end) => r.string(end), /length 5 at offset 0 runs past the end of its message \(2 bytes left\)/],
    ['ffffffffff01', (r, end) => r.length(end), /length ≥ 2\^32/],
    ['00', (r, end) => r.tag(end), /illegal tag at offset 0 \(field 0/],
    ['0c', (r, end) => r.tag(end), /end-group tag without a group/],
    ['0000000000', (r, end) => r.double(end), /truncated fixed64/],
    ['0f', skipNext, /illegal wire type 7 for field 1/],
    ['0d 0000', skipNext, /truncated fixed32/],
    ['0b 10 01', skipNext, /truncated varint/],
  ];
  for (const [input, read, message] of cases) {
    const b = bytes(input);
    assert.throws(() => read(new Reader(b), b.length), (e: unknown) => e instanceof ProtobufError && message.test(e.message), input);
  }
});

test('skip passes over every wire type, nested groups included', () => {
  // varint, fixed64, length-delimited, group{varint, group{}}, fixed32, then field 15 = 1.
  const b = bytes('08 96 01  11 0102030405060708  1a 03 616263  23 08 01 2b 2c 24  2d 01020304  78 01');
  const r = new Reader(b);
  for (let i = 0; i < 5; i++) skipNext(r, b.length);
  assert.equal(r.tag(b.length), 15);
  assert.equal(r.varint(b.length), 1);
  assert.equal(r.pos, b.length);
});

test('reads stay within the end they are given, not the buffer', () => {
  const b = bytes('96 01 ff');
  assert.throws(() => new Reader(b).varint(1), /truncated varint/);
  assert.equal(new Reader(b).varint(2), 150);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import protobuf from 'protobufjs';
import {
  boolean, bytes, double, duration, fieldsV1, int32, int64, intOrString, list, map, microtime, opt, quantity, raw, req, string,
  struct, time, type StructShape,
} from '../schema/shape.ts';
import { decodeMessage, encodeMessage, ProtobufError } from './protobuf.ts';

// The same messages twice: as proto2 (shaped like upstream's generated.proto) for protobufjs,
// and as shapes for our codec. Fields are declared out of number order on purpose.
const PROTO = `
syntax = "proto2";
package k8s;
message Time { optional int64 seconds = 1; optional int32 nanos = 2; }
message Quantity { optional string string = 1; }
message IntOrString { optional int64 type = 1; optional int32 intVal = 2; optional string strVal = 3; }
message Duration { optional int64 duration = 1; }
message RawExtension { optional bytes raw = 1; }
message FieldsV1 { optional bytes Raw = 1; }
message ExtraValue { repeated string items = 1; }
message Port { optional string name = 1; optional int32 containerPort = 2; }
message Thing {
  optional string name = 1;
  optional int32 offset = 2;
  optional int64 big = 3;
  optional bool ok = 4;
  repeated string tags = 5;
  repeated Port ports = 6;
  map<string, string> labels = 7;
  optional Time at = 8;
  optional Quantity cpu = 9;
  optional double ratio = 10;
  optional bytes secret = 11;
  repeated int32 numbers = 12;
  repeated int64 packed = 13 [packed = true];
  map<string, Quantity> limits = 14;
  optional IntOrString target = 15;
  optional Duration timeout = 16;
  optional RawExtension extra = 17;
  optional Time seen = 18;
  optional FieldsV1 managed = 19;
  map<string, ExtraValue> extraValues = 20;
  optional Thing next = 21;
  repeated bool flags = 22;
}
`;
const root = protobuf.parse(PROTO, { keepCase: true }).root;
const PbThing = root.lookupType('k8s.Thing');

const Port = struct('test.Port', {
  name: opt(1, string),
  containerPort: req(2, int32),
});
const Thing: StructShape = struct('test.Thing', {
  apiVersion: opt(0, string),
  kind: opt(0, string),
  labels: opt(7, map(string)),
  name: req(1, string),
  offset: opt(2, int32),
  big: opt(3, int64),
  ok: opt(4, boolean),
  tags: opt(5, list(string)),
  ports: opt(6, list(Port)),
  at: opt(8, time),
  cpu: opt(9, quantity),
  ratio: opt(10, double),
  secret: opt(11, bytes),
  numbers: opt(12, list(int32)),
  packed: opt(13, list(int64)),
  limits: opt(14, map(quantity)),
  target: opt(15, intOrString),
  timeout: opt(16, duration),
  extra: opt(17, raw),
  seen: opt(18, microtime),
  managed: opt(19, fieldsV1),
  extraValues: opt(20, map(list(string))),
  next: opt(21, (): StructShape => Thing),
  flags: opt(22, list(boolean)),
});

type Obj = Record<string, unknown>;

/** What protobufjs reads from our bytes, as a plain object (int64 as numbers, bytes in base64). */
function pbDecode(b: Uint8Array): Obj {
  return PbThing.toObject(PbThing.decode(b), { longs: Number, bytes: String }) as Obj;
}

function pbEncode(o: Obj): Uint8Array {
  const err = PbThing.verify(o);
  if (err !== null) throw new Error(err);
  return PbThing.encode(PbThing.fromObject(o)).finish();
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const at = Date.UTC(2026, 0, 2, 3, 4, 5) / 1000;

interface Case {
  readonly name: string;
  /** Our JSON form (as decode.ts leaves it). */
  readonly json: Obj;
  /** The same message as protobufjs sees it. */
  readonly pb: Obj;
}

// Each case: our bytes read by protobufjs give `pb`; protobufjs's bytes of `pb` read by us give `json`.
const cases: Case[] = [
  {
    name: 'scalars',
    json: { name: 'web', offset: -5, big: -(2 ** 40), ok: true, ratio: 0.25, secret: b64('hello') },
    pb: { name: 'web', offset: -5, big: -(2 ** 40), ok: true, ratio: 0.25, secret: b64('hello') },
  },
  {
    name: 'integer extremes',
    json: { name: 'x', offset: -(2 ** 31), big: Number.MAX_SAFE_INTEGER, numbers: [0, -1, 2 ** 31 - 1, -(2 ** 31)] },
    pb: { name: 'x', offset: -(2 ** 31), big: Number.MAX_SAFE_INTEGER, numbers: [0, -1, 2 ** 31 - 1, -(2 ** 31)] },
  },
  {
    name: 'lowest int64',
    json: { name: 'x', big: Number.MIN_SAFE_INTEGER },
    pb: { name: 'x', big: Number.MIN_SAFE_INTEGER },
  },
  {
    name: 'lists and maps',
    json: {
      name: 'web',
      tags: ['a', 'b', 'a'],
      ports: [{ name: 'http', containerPort: 80 }, { containerPort: 443 }],
      labels: { app: 'web', 'example.com/tier': 'front' },
      limits: { cpu: '500m', memory: '128Mi' },
      extraValues: { groups: ['dev', 'ops'], none: [] },
      flags: [true, false],
    },
    pb: {
      name: 'web',
      tags: ['a', 'b', 'a'],
      ports: [{ name: 'http', containerPort: 80 }, { containerPort: 443 }],
      labels: { app: 'web', 'example.com/tier': 'front' },
      limits: { cpu: { string: '500m' }, memory: { string: '128Mi' } },
      extraValues: { groups: { items: ['dev', 'ops'] }, none: {} },
      flags: [true, false],
    },
  },
  {
    name: 'apimachinery scalars',
    json: {
      name: 'x',
      at: '2026-01-02T03:04:05Z',
      seen: '2026-01-02T03:04:05.123456Z',
      cpu: '1500m',
      target: 8080,
      timeout: '1h30m0s',
      extra: { kind: 'Thing', spec: [1, 'two', null, true] },
      managed: { 'f:metadata': { 'f:labels': {} } },
    },
    pb: {
      name: 'x',
      at: { seconds: at, nanos: 0 },
      seen: { seconds: at, nanos: 123456000 },
      cpu: { string: '1500m' },
      target: { type: 0, intVal: 8080, strVal: '' },
      timeout: { duration: 5400 * 1e9 },
      extra: { raw: b64('{"kind":"Thing","spec":[1,"two",null,true]}') },
      managed: { Raw: b64('{"f:metadata":{"f:labels":{}}}') },
    },
  },
  {
    name: 'int-or-string as a string, negative int, long durations',
    json: { name: 'x', target: 'http', timeout: '8760h0m0s', next: { name: 'y', target: -1 } },
    pb: {
      name: 'x',
      target: { type: 1, intVal: 0, strVal: 'http' },
      timeout: { duration: 8760 * 3600 * 1e9 },
      next: { name: 'y', target: { type: 0, intVal: -1, strVal: '' } },
    },
  },
  {
    name: 'unicode and long strings',
    json: { name: 'héllo wörld 😀', tags: ['x'.repeat(300), 'é'.repeat(100), '€'.repeat(6000)], labels: { 'clé': 'valeur 😀' } },
    pb: { name: 'héllo wörld 😀', tags: ['x'.repeat(300), 'é'.repeat(100), '€'.repeat(6000)], labels: { 'clé': 'valeur 😀' } },
  },
  {
    name: 'nested messages',
    json: { name: 'a', next: { name: 'b', ports: [{ containerPort: 1 }], next: { name: 'c', labels: { k: 'v' } } } },
    pb: { name: 'a', next: { name: 'b', ports: [{ containerPort: 1 }], next: { name: 'c', labels: { k: 'v' } } } },
  },
  {
    name: 'zero values that are present stay present',
    json: { name: '', offset: 0, big: 0, ok: false, ratio: 0, tags: [''], labels: { '': '' }, secret: '', target: 0, timeout: '0s', cpu: '0' },
    pb: {
      name: '', offset: 0, big: 0, ok: false, ratio: 0, tags: [''], labels: { '': '' }, secret: '',
      target: { type: 0, intVal: 0, strVal: '' }, timeout: { duration: 0 }, cpu: { string: '0' },
    },
  },
];

test('protobufjs reads our bytes as the same message', () => {
  for (const c of cases) assert.deepEqual(pbDecode(encodeMessage(Thing, c.json)), c.pb, c.name);
});

test('we read protobufjs bytes as the JSON form', () => {
  for (const c of cases) assert.deepEqual(decodeMessage(Thing, pbEncode(c.pb)), c.json, c.name);
});

test('our bytes are protobufjs\'s bytes when both write the same fields in the same order', () => {
  // protobufjs also writes by field number, unpacked in proto2, negative int32 in ten bytes; it
  // writes map entries in insertion order, and these maps are already in Go's order.
  for (const c of cases) assert.equal(hex(encodeMessage(Thing, c.json)), hex(pbEncode(c.pb)), c.name);
});

test('objects round-trip, keys in declaration order', () => {
  for (const c of cases) {
    const back = decodeMessage(Thing, encodeMessage(Thing, c.json));
    assert.deepEqual(back, c.json, c.name);
    const declared = Thing.fields.map((f) => f.name).filter((n) => n in c.json);
    assert.deepEqual(Object.keys(back), declared, c.name);
  }
});

test('bytes laid out as Go writes them', () => {
  const table: Array<[string, Obj, string]> = [
    ['negative int32: ten bytes', { offset: -5 }, '10 fbffffffffffffffff01'],
    ['int-or-string: all three fields', { target: 80 }, '7a 06 0800 1050 1a00'],
    ['int-or-string string', { target: 'http' }, '7a 0a 0801 1000 1a04 68747470'],
    ['time: seconds and nanos, always both', { at: '1970-01-01T00:02:00Z' }, '42 04 0878 1000'],
    ['zero time: an empty message', { at: '0001-01-01T00:00:00Z' }, '42 00'],
    ['quantity', { cpu: '1' }, '4a 03 0a0131'],
    ['quantity, written canonical as Go does', { cpu: '1000m' }, '4a 03 0a0131'],
    ['duration', { timeout: '1s' }, '8201 06 08 8094ebdc03'],
    ['map entries in Go key order (by UTF-8 bytes)', { labels: { b: '2', '😀': '4', a: '1', '\uffff': '3' } },
      '3a 06 0a0161 120131  3a 06 0a0162 120132  3a 08 0a03efbfbf 120133  3a 09 0a04f09f9880 120134'],
    ['map entry with a null value: the value is left out', { labels: { a: null } }, '3a 03 0a0161'],
    ['repeated scalars unpacked', { numbers: [1, 2] }, '6001 6002'],
    ['apiVersion and kind (number 0) and unknown keys are not written', { apiVersion: 'v1', kind: 'Thing', bogus: 1, name: 'n' }, '0a 01 6e'],
    ['a null field is not written', { next: { name: 'n' }, extra: null }, 'aa01 03 0a016e'],
  ];
  for (const [name, value, want] of table) assert.equal(hex(encodeMessage(Thing, value)), want.replace(/ /g, ''), name);
});

test('what Go writes decodes as Go reads it', () => {
  const table: Array<[string, Obj, Obj]> = [
    ['packed repeated numbers are accepted', { packed: [1, -2, 2 ** 40] }, { packed: [1, -2, 2 ** 40] }],
    ['quantities come back canonical', { cpu: { string: '1000m' }, limits: { mem: { string: '1.5Gi' } } }, { cpu: '1', limits: { mem: '1536Mi' } }],
    ['an empty quantity message is zero', { cpu: {} }, { cpu: '0' }],
    ['Time keeps whole seconds only', { at: { seconds: at, nanos: 999 } }, { at: '2026-01-02T03:04:05Z' }],
    ['MicroTime keeps microseconds', { seen: { seconds: at, nanos: 123456789 } }, { seen: '2026-01-02T03:04:05.123456Z' }],
    ['an empty Time is Go\'s zero time: JSON null, absent', { at: {}, seen: {}, name: 'x' }, { name: 'x' }],
    ['Time at Go\'s zero instant is absent too', { at: { seconds: -62135596800 } }, {}],
    ['durations print as Go prints them', { timeout: { duration: 90e9 } }, { timeout: '1m30s' }],
    ['an empty duration message is 0s', { timeout: {} }, { timeout: '0s' }],
    ['an empty raw or fieldsV1 is absent', { extra: {}, managed: { Raw: '' } }, {}],
    ['an empty int-or-string is the int 0', { target: {} }, { target: 0 }],
    ['an empty quantity in a map is zero', { limits: { '': {} } }, { limits: { '': '0' } }],
    ['an empty list wrapper is an empty list', { extraValues: { k: {} } }, { extraValues: { k: [] } }],
  ];
  for (const [name, pb, want] of table) assert.deepEqual(decodeMessage(Thing, pbEncode(pb)), want, name);
});

/** Decodes hand-written hex. */
const decodeHex = (h: string): unknown => decodeMessage(Thing, Buffer.from(h.replace(/ /g, ''), 'hex'));

test('decoding skips unknown fields of every wire type and merges repeated occurrences as Go does', () => {
  const table: Array<[string, string, Obj]> = [
    ['unknown varint, fixed64, bytes, group, fixed32', '0a016e  c83e 01  d13e 0102030405060708  da3e 02 6869  e33e 08 01 e43e  ed3e 01020304  2001',
      { name: 'n', ok: true }],
    ['a message field twice merges; lists append; scalars: the last wins',
      'aa01 05 0a0161 3200  aa01 09 1001 3202 1002 0a0162  0a0178 0a0179',
      { name: 'y', next: { name: 'b', offset: 1, ports: [{}, { containerPort: 2 }] } }],
    ['an unknown field inside a map entry and inside a time', '3a 08 0a016b 120176 1801  42 06 0801 1802 1000',
      { labels: { k: 'v' }, at: '1970-01-01T00:00:01Z' }],
    ['raw holding the JSON null is absent', '8a01 06 0a046e756c6c', {}],
    ['a key named __proto__ is an own key, not a prototype', '3a 0e 0a095f5f70726f746f5f5f 120178', { labels: JSON.parse('{"__proto__":"x"}') as Obj }],
    ['map entries without key or value hold zero values', '72 00  3a 00  a201 05 0a03 6b6579', { limits: { '': '0' }, labels: { '': '' }, extraValues: { key: [] } }],
  ];
  for (const [name, input, want] of table) assert.deepEqual(decodeHex(input), want, name);
});

test('malformed input is a ProtobufError naming the field, never a crash', () => {
  const table: Array<[string, string, RegExp]> = [
    ['truncated varint', '10 80', /cannot decode test.Thing: offset: truncated varint at offset 1/],
    ['truncated tag', '80', /truncated varint at offset 0/],
    ['varint longer than ten bytes', '10 ffffffffffffffffffff01', /offset: varint at offset 1 is longer than 10 bytes/],
    ['length beyond the buffer', '0a 05 6161', /name: length 5 at offset 1 runs past the end of its message \(2 bytes left\)/],
    ['nested length beyond its message', 'aa01 03 0a 05 61', /next.name: length 5 at offset 4 runs past the end of its message/],
    ['wrong wire type', '08 01', /name: wrong wire type varint, want length-delimited/],
    ['wrong wire type, nested', '32 04 12 02 3031', /ports\[0\].containerPort: wrong wire type length-delimited, want varint/],
    ['wrong wire type for a map', '38 01', /labels: wrong wire type varint, want length-delimited/],
    ['wrong wire type in a map value', '3a 05 0a016b 1001', /labels\[k\]: wrong wire type varint, want length-delimited/],
    ['wrong wire type inside a time', '42 02 0a00', /at: wrong wire type length-delimited, want varint/],
    ['int64 beyond safe integers', '18 8080808080808010', /big: int64 value 9007199254740992 is beyond Number.MAX_SAFE_INTEGER/],
    ['negative int64 beyond safe integers', '18 ffffffffffffffefff01', /big: int64 value -9007199254740993 is beyond/],
    ['Time seconds beyond safe integers', '42 0c 08 ffffffffffffffff7f 1000', /at: int64 value 9223372036854775807 is beyond/],
    ['field number 0', '02 00', /illegal tag at offset 0 \(field 0, wire type 2\)/],
    ['wire type 7', 'ff01', /illegal wire type 7 for field 31/],
    ['end group without a group', '0c', /end-group tag without a group/],
    ['unterminated group', 'e33e 0801', /truncated varint/],
    ['not a quantity', '4a 05 0a03616263', /cpu: quantity "abc": quantities must match the regular expression/],
    ['int-or-string of type 2', '7a 02 0802', /target: IntOrString of unknown type 2/],
    ['raw that is not JSON', '8a01 03 0a017b', /extra: raw holds not valid JSON/],
    ['raw holding a protobuf envelope', '8a01 06 0a046b387300', /extra: raw holds protobuf \(k8s\\0 envelope\), not JSON/],
    ['fieldsV1 that is not an object', '9a01 04 0a025b5d', /managed: fieldsV1 holds JSON that is not an object/],
    ['a list item with the wrong wire type', '60 01 65 00000000', /numbers\[1\]: wrong wire type fixed32, want varint/],
    ['truncated packed run', '6a 03 01 80 80', /packed\[1\]: truncated varint/],
  ];
  for (const [name, input, message] of table) {
    assert.throws(() => decodeHex(input), (e: unknown) => e instanceof ProtobufError && message.test(e.message), name);
  }
});

test('hostile nesting is refused before the stack runs out', () => {
  // `depth` times: next = { ... }, innermost { name: "x" }; built outside-in in one pass.
  const nested = (depth: number): Uint8Array => {
    const varint = (n: number): Uint8Array => protobuf.Writer.create().uint32(n).finish();
    const heads: Uint8Array[] = [];
    let size = 3;
    for (let i = 0; i < depth; i++) {
      const head = Buffer.concat([Buffer.from([0xaa, 0x01]), varint(size)]);
      heads.push(head);
      size += head.length;
    }
    return Buffer.concat([...heads.reverse(), Buffer.from('0a0178', 'hex')]);
  };
  assert.equal(typeof decodeMessage(Thing, nested(499)), 'object');
  assert.throws(() => decodeMessage(Thing, nested(100_000)), /nested more than 500 deep/);
  const cyclic: Obj = { name: 'loop' };
  cyclic['next'] = cyclic;
  assert.throws(() => encodeMessage(Thing, cyclic), /nested more than 500 messages deep \(a cycle\?\)/);
});

test('truncated and corrupted input only ever throws ProtobufError', () => {
  const full = encodeMessage(Thing, cases.reduce<Obj>((all, c) => ({ ...all, ...c.json }), {}));
  for (let n = 0; n < full.length; n++) {
    try {
      decodeMessage(Thing, full.subarray(0, n));
    } catch (e) {
      assert.ok(e instanceof ProtobufError, `prefix of ${n} bytes: ${String(e)}`);
    }
  }
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < 3000; i++) {
    const b = Buffer.from(full.subarray(0, 64 + Math.floor(random() * 64)));
    for (let k = 0; k < 3; k++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
    try {
      decodeMessage(Thing, b);
    } catch (e) {
      assert.ok(e instanceof ProtobufError, `mutation ${i} (${b.toString('hex')}): ${String(e)}`);
    }
  }
});

test('values that do not fit their shape are a ProtobufError naming the field', () => {
  const table: Array<[string, Obj, RegExp]> = [
    ['string', { name: 5 }, /cannot encode test.Thing: name: cannot encode number 5 as a string/],
    ['int32 range', { offset: 2 ** 31 }, /offset: cannot encode number 2147483648 as an int32/],
    ['int32 fraction', { offset: 1.5 }, /offset: cannot encode number 1.5 as an int32/],
    ['int64 beyond safe', { big: 2 ** 53 }, /big: cannot encode number 9007199254740992 as an int64/],
    ['boolean', { ok: 'yes' }, /ok: cannot encode string "yes" as a boolean/],
    ['list', { tags: 'a' }, /tags: cannot encode string "a" as a list/],
    ['list item', { tags: ['a', 1] }, /tags\[1\]: cannot encode number 1 as a string/],
    ['null scalar list item', { tags: [null] }, /tags\[0\]: cannot encode null as a string/],
    ['nested field', { ports: [{ containerPort: 1 }, { containerPort: '80' }] }, /ports\[1\].containerPort: cannot encode string "80"/],
    ['struct', { next: [] }, /next: cannot encode an array as a test.Thing object/],
    ['map', { labels: ['a'] }, /labels: cannot encode an array as a map/],
    ['map value', { labels: { a: 1 } }, /labels\[a\]: cannot encode number 1 as a string/],
    ['time', { at: 'yesterday' }, /at: time "yesterday" is not RFC 3339/],
    ['duration', { timeout: '1d' }, /timeout: time: unknown unit "d" in duration "1d"/],
    ['quantity number', { cpu: NaN }, /cpu: quantity "NaN": quantities must match the regular expression/],
    ['quantity string', { limits: { memory: '1 Gi' } }, /limits\[memory\]: quantity "1 Gi": quantities must match the regular expression/],
    ['quantity type', { cpu: true }, /cpu: cannot encode boolean true as a quantity/],
    ['int-or-string', { target: 1.5 }, /target: cannot encode number 1.5 as an int32 or a string/],
    ['fieldsV1', { managed: [] }, /managed: cannot encode an array as fieldsV1/],
    ['deep path', { next: { next: { extraValues: { k: ['a', 2] } } } }, /next.next.extraValues\[k\]\[1\]: cannot encode number 2 as a string/],
  ];
  for (const [name, value, message] of table) {
    assert.throws(() => encodeMessage(Thing, value), (e: unknown) => e instanceof ProtobufError && message.test(e.message), name);
  }
});

test('quantities given as numbers are written canonical; list holes and null messages are empty messages', () => {
  assert.deepEqual(decodeMessage(Thing, encodeMessage(Thing, { cpu: 0.5, limits: { n: 1000 } })), { cpu: '500m', limits: { n: '1k' } });
  const ports = [null, , { containerPort: 1 }];
  assert.deepEqual(decodeMessage(Thing, encodeMessage(Thing, { ports })), { ports: [{}, {}, { containerPort: 1 }] });
});

test('each result is its own buffer, however many encodings follow', () => {
  const first = encodeMessage(Thing, { name: 'first', tags: ['x'.repeat(10_000)] });
  const copy = Buffer.from(first);
  for (let i = 0; i < 5; i++) encodeMessage(Thing, { name: `other ${i}`, tags: ['y'.repeat(20_000)] });
  assert.deepEqual(Buffer.from(first), copy);
  assert.throws(() => encodeMessage(Thing, { name: 1 }));
  assert.deepEqual(decodeMessage(Thing, encodeMessage(Thing, { name: 'after an error' })), { name: 'after an error' });
});

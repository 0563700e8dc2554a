// The proto3 codec: table tests of the wire bytes for each kind of field, the JS shapes
// decoding gives, and a round trip against protobufjs (the library @grpc/proto-loader uses)
// on the CRI messages, so that the CRI client can switch without its callers noticing.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { ProtobufError } from '../api/codec/wire.ts';
import { ProtoSyntaxError } from './proto-parser.ts';
import { ProtoSchema } from './proto-schema.ts';

const PROTO = `
syntax = "proto3";
package t.v1;
import "google/protobuf/empty.proto";
option go_package = "example.com/t";

enum Color { RED = 0; GREEN = 1; BLUE = 2; }

message Scalars {
  int32 i32 = 1 [(ext.version) = "3.1", deprecated = true]; int64 i64 = 2; uint32 u32 = 3; uint64 u64 = 4; sint32 s32 = 5; sint64 s64 = 6;
  fixed32 f32 = 7; fixed64 f64 = 8; sfixed32 sf32 = 9; sfixed64 sf64 = 10; float fl = 11; double db = 12;
  bool flag = 13; string text = 14; bytes data = 15; Color color = 16;
}

message Outer {
  message Inner { string name = 1; }
  reserved 3, 4;
  Inner inner = 1;
  repeated int32 packed_ints = 2;
  repeated int32 loose_ints = 5 [packed = false];
  repeated string names = 6;
  map<string, Inner> by_name = 7;
  map<int64, string> by_id = 8;
  oneof choice { string as_text = 9; int64 as_number = 10; Inner as_inner = 11; }
  repeated Inner inners = 12;
}

service Things {
  rpc Get(Scalars) returns (Outer);
  rpc Watch(stream Scalars) returns (stream Outer) { option deprecated = true; }
}
`;

const schema = ProtoSchema.parse(PROTO);
const stringSchema = ProtoSchema.parse(PROTO, { longs: 'string' });
const scalars = schema.message('t.v1.Scalars');
const outer = schema.message('t.v1.Outer');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('encoding each kind of field', () => {
  const cases: { name: string; value: Record<string, unknown>; wire: string }[] = [
    { name: 'int32', value: { i32: 150 }, wire: '089601' },
    { name: 'negative int32 (ten bytes)', value: { i32: -1 }, wire: '08ffffffffffffffffff01' },
    { name: 'int64', value: { i64: 2 ** 40 }, wire: '10808080808020' },
    { name: 'negative int64', value: { i64: -2 }, wire: '10feffffffffffffffff01' },
    { name: 'int64 from a string beyond 2^53', value: { i64: '9007199254740993' }, wire: '108180808080808010' },
    { name: 'uint32', value: { u32: 4294967295 }, wire: '18ffffffff0f' },
    { name: 'uint64', value: { u64: '18446744073709551615' }, wire: '20ffffffffffffffffff01' },
    { name: 'sint32 -1 (zigzag)', value: { s32: -1 }, wire: '2801' },
    { name: 'sint32 1', value: { s32: 1 }, wire: '2802' },
    { name: 'sint64 -3', value: { s64: -3 }, wire: '3005' },
    { name: 'fixed32', value: { f32: 1 }, wire: '3d01000000' },
    { name: 'fixed64', value: { f64: 1 }, wire: '410100000000000000' },
    { name: 'sfixed32 -2', value: { sf32: -2 }, wire: '4dfeffffff' },
    { name: 'sfixed64 -2', value: { sf64: -2 }, wire: '51feffffffffffffff' },
    { name: 'float', value: { fl: 1.5 }, wire: '5d0000c03f' },
    { name: 'double', value: { db: -0.5 }, wire: '61000000000000e0bf' },
    { name: 'bool', value: { flag: true }, wire: '6801' },
    { name: 'string', value: { text: 'hé' }, wire: '720368c3a9' },
    { name: 'bytes', value: { data: Buffer.from([1, 2]) }, wire: '7a020102' },
    { name: 'bytes from base64', value: { data: 'AQI=' }, wire: '7a020102' },
    { name: 'enum by name', value: { color: 'BLUE' }, wire: '800102' },
    { name: 'enum by number', value: { color: 1 }, wire: '800101' },
    { name: 'defaults are not written', value: { i32: 0, i64: '0', text: '', flag: false, data: Buffer.alloc(0), color: 'RED' }, wire: '' },
    { name: 'undefined and null are skipped', value: { i32: undefined, text: null }, wire: '' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(hex(scalars.encode(c.value)), c.wire);
    });
  }

  test('repeated, maps, oneof and nested messages', () => {
    const cases: { name: string; value: Record<string, unknown>; wire: string }[] = [
      { name: 'nested', value: { inner: { name: 'a' } }, wire: '0a030a0161' },
      { name: 'packed', value: { packedInts: [1, -1] }, wire: '120b01ffffffffffffffffff01' },
      { name: 'unpacked', value: { looseInts: [1, 2] }, wire: '28012802' },
      { name: 'repeated strings', value: { names: ['a', 'b'] }, wire: '320161320162' },
      { name: 'map of messages', value: { byName: { k: { name: 'v' } } }, wire: '3a080a016b12030a0176' },
      { name: 'map with an int64 key', value: { byId: { 7: 'x' } }, wire: '42050807120178' },
      { name: 'a oneof member is written even when default', value: { asNumber: 0 }, wire: '5000' },
      { name: 'empty repeated writes nothing', value: { names: [], inners: [] }, wire: '' },
    ];
    for (const c of cases) assert.equal(hex(outer.encode(c.value)), c.wire, c.name);
  });

  test('reserve leaves room before the message', () => {
    const out = scalars.encode({ i32: 1 }, 5);
    assert.equal(out.length, 7);
    assert.equal(hex(out.subarray(5)), '0801');
  });

  test('values of the wrong type are refused with the field path', () => {
    assert.throws(() => scalars.encode({ text: 5 }), (e: unknown) => e instanceof ProtobufError && /text/.test(e.message));
    assert.throws(() => scalars.encode({ color: 'PINK' }), /"PINK" is not a value of enum t\.v1\.Color/);
    assert.throws(() => outer.encode({ inners: [{ name: 1 }] }), /inners\[0\]\.name/);
    assert.throws(() => scalars.encode({ i64: 'ten' }), /not a 64-bit integer/);
  });
});

describe('decoding', () => {
  test('absent fields take their defaults; oneof members and optional fields stay absent', () => {
    assert.deepEqual(outer.decode(Buffer.alloc(0)), {
      inner: null, packedInts: [], looseInts: [], names: [], byName: {}, byId: {}, inners: [],
    });
    const s = scalars.decode(Buffer.alloc(0));
    assert.equal(s['i64'], 0);
    assert.equal(s['color'], 'RED');
    assert.deepEqual(s['data'], Buffer.alloc(0));
    assert.equal(stringSchema.message('t.v1.Scalars').decode(Buffer.alloc(0))['u64'], '0');
  });

  test('every scalar kind round-trips', () => {
    const value = {
      i32: -5, i64: -(2 ** 50), u32: 4000000000, u64: 2 ** 52, s32: -77, s64: -(2 ** 45) - 1, f32: 4000000000,
      f64: 2 ** 50, sf32: -9, sf64: -(2 ** 50), fl: 0.25, db: Math.PI, flag: true, text: 'x€y', data: Buffer.from('hi'), color: 'GREEN',
    };
    assert.deepEqual(scalars.decode(scalars.encode(value)), value);
  });

  test('longs as strings are exact beyond 2^53', () => {
    const codec = stringSchema.message('t.v1.Scalars');
    const value = { i64: '-9223372036854775808', u64: '18446744073709551615', s64: '-9223372036854775807', sf64: '9223372036854775807', f64: '12345678901234567890' };
    const decoded = codec.decode(codec.encode(value));
    for (const [k, v] of Object.entries(value)) assert.equal(decoded[k], v, k);
  });

  test('oneof: the member and the oneof name are set', () => {
    const decoded = outer.decode(outer.encode({ asInner: { name: 'n' } }));
    assert.deepEqual(decoded['asInner'], { name: 'n' });
    assert.equal(decoded['choice'], 'asInner');
    assert.equal('asText' in decoded, false);
  });

  test('packed and unpacked encodings are both accepted for a repeated number', () => {
    assert.deepEqual(outer.decode(Buffer.from('1001100212020304', 'hex'))['packedInts'], [1, 2, 3, 4]);
    assert.deepEqual(outer.decode(Buffer.from('2a020102', 'hex'))['looseInts'], [1, 2]);
  });

  test('maps, with a missing value taking its default', () => {
    const decoded = outer.decode(Buffer.from('3a030a016b' + '4205080712017a', 'hex'));
    assert.deepEqual(decoded['byName'], { k: null });
    assert.deepEqual(decoded['byId'], { 7: 'z' });
  });

  test('unknown fields of every wire type are skipped, unknown enum numbers kept', () => {
    const unknown = 'f80101' + 'f9010000000000000000' + 'fa0102abcd' + 'fd0100000000' + '8b02' + '0801' + '8c02';
    const decoded = scalars.decode(Buffer.from(unknown + '0807' + '8001' + '09', 'hex'));
    assert.equal(decoded['i32'], 7);
    assert.equal(decoded['color'], 9);
  });

  test('malformed input is refused with a clear error', () => {
    const cases: [string, RegExp][] = [
      ['08', /truncated varint/],
      ['7205616263', /runs past the end/],
      ['72', /truncated varint/],
      ['0d00000000', /wire type 5 where 0 was expected/],
      ['ff01', /illegal wire type 7/],
    ];
    for (const [input, message] of cases) assert.throws(() => scalars.decode(Buffer.from(input, 'hex')), message, input);
    // Deep nesting is refused, not a stack overflow.
    let deep = Buffer.alloc(0);
    for (let i = 0; i < 1100; i++) deep = Buffer.concat([Buffer.from([0x0a]), varint(deep.length), deep]);
    const recursive = ProtoSchema.parse('syntax = "proto3"; message R { R r = 1; }').message('R');
    assert.throws(() => recursive.decode(deep), /nested deeper than 1000/);
  });
});

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

describe('parsing', () => {
  test('services give method paths and streaming flags', () => {
    const get = schema.method('t.v1.Things', 'Get');
    assert.equal(get.path, '/t.v1.Things/Get');
    assert.equal(get.responseCodec, outer);
    assert.deepEqual([get.clientStreaming, get.serverStreaming], [false, false]);
    const watch = schema.method('t.v1.Things', 'Watch');
    assert.deepEqual([watch.clientStreaming, watch.serverStreaming], [true, true]);
    assert.throws(() => schema.method('t.v1.Things', 'Put'), /not a method/);
  });

  test('bad input is a ProtoSyntaxError with its line', () => {
    const cases: [string, RegExp][] = [
      ['syntax = "proto2";', /only proto3/],
      ['message A { required int32 x = 1; }', /proto2/],
      ['message A {\n  int32 x = 0; }', /line 2.*out of range/],
      ['message A { int32 x = 1 }', /expected ";"/],
      ['message A { Missing m = 1; }', null as unknown as RegExp],
      ['enum E { A = 1; }', /must be 0/],
      ['message A { int32 x = 1; ', /end of file/],
      ['message A { map<float, string> m = 1; }', null as unknown as RegExp],
      ['message A { int32 x = 1; } @', /unexpected character "@"/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => {
        const s = ProtoSchema.parse(text);
        s.message('A').decode(Buffer.alloc(0));
      }, (e: unknown) => e instanceof ProtoSyntaxError && (message === null || message.test(e.message)), text);
    }
  });
});

describe('agrees with protobufjs on the CRI messages', () => {
  const path = join(import.meta.dirname, '../kubelet/cri/api.proto');
  const options = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true } as const;

  test('round trips both ways', async () => {
    const ours = await ProtoSchema.load(path);
    const root = new protobuf.Root();
    root.loadSync(path, { keepCase: false });
    const samples: [string, Record<string, unknown>][] = [
      ['runtime.v1.PodSandboxConfig', {
        metadata: { name: 'web', uid: 'u-1', namespace: 'default', attempt: 2 }, hostname: 'web', logDirectory: '/var/log/pods/x',
        dnsConfig: { servers: ['10.43.0.10'], searches: ['default.svc.cluster.local'], options: ['ndots:5'] },
        portMappings: [{ protocol: 'UDP', containerPort: 53, hostPort: 0, hostIp: '' }, { protocol: 'TCP', containerPort: 80, hostPort: 8080, hostIp: '1.2.3.4' }],
        labels: { app: 'web', tier: 'front' }, annotations: { a: 'b' },
        linux: { cgroupParent: '/kubepods', sysctls: { 'net.ipv4.ip_forward': '1' }, securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
      }],
      ['runtime.v1.LinuxContainerResources', { cpuPeriod: 100000, cpuQuota: -1, cpuShares: 2, memoryLimitInBytes: 2 ** 40, oomScoreAdj: -997, unified: { 'memory.high': 'max' } }],
      ['runtime.v1.ContainerStatus', {
        id: 'c1', metadata: { name: 'app', attempt: 0 }, state: 'CONTAINER_EXITED', createdAt: 1_700_000_000_000_000_000, startedAt: 5, finishedAt: 6,
        exitCode: -1, image: { image: 'busybox', annotations: {} }, imageRef: 'sha256:ab', reason: 'Error', message: 'm',
        labels: { x: 'y' }, mounts: [{ containerPath: '/data', hostPath: '/tmp', readonly: true, propagation: 'PROPAGATION_PRIVATE' }],
      }],
      ['runtime.v1.ExecSyncResponse', { stdout: Buffer.from('out'), stderr: Buffer.alloc(0), exitCode: 3 }],
      ['runtime.v1.ListContainersRequest', { filter: { state: { state: 'CONTAINER_RUNNING' }, labelSelector: { a: 'b' } } }],
    ];
    for (const [name, value] of samples) {
      const type = root.lookupType(name);
      const codec = ours.message(name);
      const theirs = type.toObject(type.decode(codec.encode(value)), options);
      const decoded = codec.decode(type.encode(type.fromObject(value)).finish());
      assert.deepEqual(normalize(decoded), normalize(theirs), `${name}: ours decoding theirs`);
      assert.deepEqual(normalize(codec.decode(codec.encode(value))), normalize(theirs), `${name}: ours both ways`);
    }
  });
});

/** Buffers as plain byte arrays, so that deepEqual compares bytes whatever Buffer subclass holds them. */
function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return [...value];
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  }
  return value;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import protobuf from 'protobufjs';
import { map, opt, string, struct } from '../schema/shape.ts';
import { MAGIC, unwrap, wrap } from './envelope.ts';
import { decodeMessage, encodeMessage, ProtobufError } from './protobuf.ts';

// k8s.io/apimachinery/pkg/runtime/generated.proto, trimmed to what the envelope uses.
const root = protobuf.parse(`
syntax = "proto2";
package runtime;
message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
message Unknown { optional TypeMeta typeMeta = 1; optional bytes raw = 2; optional string contentEncoding = 3; optional string contentType = 4; }
`, { keepCase: true }).root;
const PbUnknown = root.lookupType('runtime.Unknown');

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('wrap writes the magic and a runtime.Unknown, byte for byte as upstream', () => {
  const body = wrap('v1', 'Pod', Uint8Array.of(0x0a, 0x00));
  // k8s\0 | typeMeta {apiVersion "v1", kind "Pod"} | raw | contentEncoding "" | contentType ""
  assert.equal(hex(body), '6b387300' + '0a09 0a027631 1203506f64'.replace(/ /g, '') + '12020a00' + '1a00' + '2200');
});

test('protobufjs reads what wrap writes', () => {
  const cases: Array<[string, string, Uint8Array]> = [
    ['v1', 'ConfigMap', Uint8Array.of(1, 2, 3)],
    ['apps/v1', 'Deployment', new Uint8Array(0)],
    ['example.com/v1alpha1', 'Ünïcödé', Buffer.alloc(70_000, 9)],
  ];
  for (const [apiVersion, kind, raw] of cases) {
    const body = wrap(apiVersion, kind, raw);
    assert.deepEqual(body.subarray(0, 4), Buffer.from(MAGIC));
    const msg = PbUnknown.toObject(PbUnknown.decode(body.subarray(4)), { bytes: String });
    assert.deepEqual(msg, {
      typeMeta: { apiVersion, kind }, raw: Buffer.from(raw).toString('base64'), contentEncoding: '', contentType: '',
    }, kind);
    assert.deepEqual(unwrap(body), { apiVersion, kind, raw: Buffer.from(raw), contentEncoding: '', contentType: '' }, kind);
  }
});

test('unwrap reads what protobufjs writes, in any field order, skipping unknown fields', () => {
  const msg = PbUnknown.encode(PbUnknown.fromObject({
    raw: Buffer.from('payload'), contentType: 'application/vnd.kubernetes.protobuf', typeMeta: { kind: 'Status', apiVersion: 'v1' },
  })).finish();
  const body = Buffer.concat([Buffer.from(MAGIC), Buffer.from('2a0178', 'hex'), msg]);
  const got = unwrap(body);
  assert.equal(got.apiVersion, 'v1');
  assert.equal(got.kind, 'Status');
  assert.equal(Buffer.from(got.raw).toString(), 'payload');
  assert.equal(got.contentType, 'application/vnd.kubernetes.protobuf');
  assert.equal(got.contentEncoding, '');
  // raw is a view into the body, not a copy.
  assert.equal(got.raw.buffer, body.buffer);
  assert.deepEqual(unwrap(Uint8Array.from(MAGIC)), { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' });
});

test('an object goes through envelope and message and comes back', () => {
  const ConfigMap = struct('io.k8s.api.core.v1.ConfigMap', {
    apiVersion: opt(0, string),
    kind: opt(0, string),
    data: opt(2, map(string)),
  });
  const body = wrap('v1', 'ConfigMap', encodeMessage(ConfigMap, { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } }));
  const { apiVersion, kind, raw } = unwrap(body);
  assert.deepEqual({ apiVersion, kind, ...decodeMessage(ConfigMap, raw) }, { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } });
});

test('unwrap refuses bodies without the magic prefix and malformed envelopes', () => {
  const good = wrap('v1', 'Pod', Uint8Array.of(1));
  const table: Array<[string, Uint8Array, RegExp]> = [
    ['empty', new Uint8Array(0), /does not start with the magic bytes "k8s\\x00"/],
    ['JSON', Buffer.from('{"kind":"Pod"}'), /not a Kubernetes protobuf body/],
    ['short', Buffer.from('k8s'), /does not start with the magic bytes/],
    ['truncated', good.subarray(0, good.length - 5), /malformed runtime.Unknown envelope: length \d+ at offset \d+ runs past the end/],
    ['raw of the wrong wire type', Buffer.from('6b38730010 01', 'hex'), /malformed runtime.Unknown envelope: field 2 has wire type 0, want length-delimited/],
    ['typeMeta field of the wrong wire type', Buffer.from('6b387300 0a02 0801'.replace(/ /g, ''), 'hex'), /typeMeta field 1 has wire type 0/],
    ['truncated varint', Buffer.from('6b38730080', 'hex'), /malformed runtime.Unknown envelope: truncated varint at offset 4/],
  ];
  for (const [name, body, message] of table) {
    assert.throws(() => unwrap(body), (e: unknown) => e instanceof ProtobufError && message.test(e.message), name);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldSet } from './field-set.ts';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-cache.ts';
import { fieldsV1Object, parseFieldsV1, readFieldsV1 } from './fields-v1.ts';
import { fieldElement } from './path-element.ts';

// Canonical and non-canonical FieldsV1 (order, key JSON, null leaves, unknown kinds, "." alone),
// as text and as objects; each is read twice (the second read is a cache hit).
const INPUTS: unknown[] = [
  String.raw`{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:status":{"f:podIPs":{".":{},"k:{\"ip\":\"10.42.0.5\"}":{".":{},"f:ip":{}}}}}`,
  JSON.parse(String.raw`{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}}}}`),
  JSON.parse(`{"f:b":{},"f:a":{}}`),
  JSON.parse(String.raw`{"k:{ \"protocol\": \"TCP\", \"containerPort\": 80.0 }":{}}`),
  JSON.parse(`{"f:a":{"f:b":{},".":{}}}`),
  JSON.parse(`{"f:a":null,"r:x":{}}`),
  JSON.parse(`{"f:a":{".":{}}}`),
  {},
  null,
];

test('decodeFieldsV1 and encodeFieldsV1 give what parseFieldsV1 and fieldsV1Object give, cached or not', () => {
  for (const input of INPUTS) {
    const expected = parseFieldsV1(input);
    assert.ok(expected.ok);
    for (let round = 0; round < 3; round++) {
      const got = decodeFieldsV1(input);
      assert.ok(got.ok);
      assert.ok(got.value.equals(expected.value), JSON.stringify(input));
      // Byte for byte the same object, key order included.
      assert.equal(JSON.stringify(encodeFieldsV1(got.value)), JSON.stringify(fieldsV1Object(expected.value)), JSON.stringify(input));
    }
  }
});

test('errors are not cached, and every encoding is a new object', () => {
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(decodeFieldsV1('{"x:bad":{}}'), parseFieldsV1('{"x:bad":{}}'));
    assert.deepEqual(decodeFieldsV1('not json'), parseFieldsV1('not json'));
    assert.equal(decodeFieldsV1('{"f:a":[]}').ok, false);
  }
  const set = FieldSet.of([fieldElement('spec'), fieldElement('replicas')]);
  const first = encodeFieldsV1(set);
  (first['f:spec'] as Record<string, unknown>)['f:paused'] = {};
  assert.deepEqual(encodeFieldsV1(set), { 'f:spec': { 'f:replicas': {} } });
  assert.notEqual(encodeFieldsV1(set), encodeFieldsV1(set));
});

test('readFieldsV1 calls parsed JSON canonical exactly when fieldsV1Object writes it back the same', () => {
  const objects: string[] = [
    String.raw`{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}}}}`,
    String.raw`{"f:a":{"f:b":{},"k:{\"port\":1,\"protocol\":\"TCP\"}":{},"v:\"x\"":{},"i:2":{}}}`,
    '{}',
    '{"f:a":{}}',
    '{"f:b":{},"f:a":{}}',
    '{"f:a":{"f:b":{},".":{}}}',
    '{"f:a":{".":{"f:x":{}},"f:b":{}}}',
    '{"f:a":{".":null,"f:b":{}}}',
    '{"f:a":{".":{}}}',
    '{".":{},"f:a":{}}',
    '{"f:a":null}',
    '{"f:a":{},"r:x":{}}',
    String.raw`{"k:{ \"name\": \"c\" }":{}}`,
    String.raw`{"k:{\"protocol\":\"TCP\",\"port\":1}":{}}`,
    '{"i:01":{}}',
    '{"i:2":{},"i:10":{}}',
    '{"i:10":{},"i:2":{}}',
    String.raw`{"v:2":{},"v:\"a\"":{}}`,
    '{"f:a":{"f:a":{}},"f:a.b":{}}',
  ];
  for (const text of objects) {
    const input: unknown = JSON.parse(text);
    const read = readFieldsV1(input);
    assert.ok(read.ok, text);
    assert.equal(read.value.canonical, JSON.stringify(fieldsV1Object(read.value.set)) === JSON.stringify(input), text);
  }
  // Text input is never taken as written: its spacing may differ.
  const fromText = readFieldsV1('{"f:a":{}}');
  assert.ok(fromText.ok && !fromText.value.canonical);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeStored, encodeStored } from './stored.ts';
import type { ApiObject } from './resource.ts';

const withProto = JSON.parse('{"kind":"ConfigMap","__proto__":{"x":1},"metadata":{"name":"p"},"data":{"__proto__":"v"}}') as ApiObject;

const cases: Array<[string, ApiObject]> = [
  ['a pod, resourceVersion in the middle of metadata', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', resourceVersion: '7', uid: 'u', labels: { app: 'x' } },
    spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Pending' },
  }],
  ['no metadata', { apiVersion: 'v1', kind: 'Thing', spec: { n: 1 } } as ApiObject],
  ['metadata only a resourceVersion', { metadata: { resourceVersion: '3' }, data: {} } as ApiObject],
  ['metadata first, members after it', { metadata: { name: 'm' }, z: 1, a: [1, undefined, -0, Number.NaN] } as ApiObject],
  ['undefined, function and integer-like members', { 2: 'two', kind: 'K', gone: undefined, fn: () => 1, metadata: { name: 'n', namespace: undefined }, 1: 'one' } as unknown as ApiObject],
  ['a member with toJSON', { kind: 'K', metadata: { name: 't' }, when: new Date(0) } as unknown as ApiObject],
  ['unicode and a lone surrogate', { kind: 'K', metadata: { name: 'é', annotations: { s: '\ud800"\\' } } } as ApiObject],
  ['__proto__ as a key', withProto],
];

test('encodeStored: the value is JSON.stringify of the stored form, and jsonAt is the JSON of what decodeStored reads back', () => {
  for (const [name, object] of cases) {
    const { resourceVersion: _rv, ...metadata } = object.metadata ?? {};
    const encoded = encodeStored(object);
    assert.equal(encoded.value, JSON.stringify({ ...object, metadata }), name);
    assert.deepEqual(JSON.parse(encoded.value), JSON.parse(JSON.stringify(encoded.stored)), name);
    const read = decodeStored({ key: '/k', value: encoded.value, createRevision: 1, modRevision: 42 });
    assert.equal(encoded.jsonAt(42), JSON.stringify(read), name);
  }
});

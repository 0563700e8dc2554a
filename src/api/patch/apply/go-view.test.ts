import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Deployment } from '../../types/apps/v1/index.ts';
import { boolean, int32, list, map, opt, string, struct, type StructShape } from '../../schema/shape.ts';
import { Container, PodSpec } from '../../types/core/v1/index.ts';
import { compare } from './compare.ts';
import { fieldsV1Json } from './fields-v1.ts';
import { goView, objectView } from './go-view.ts';
import { merge } from './merge.ts';
import { typeNode, type StructNode } from './type-node.ts';

test('the Go view adds what Go structs always hold and drops what omitempty leaves out', () => {
  const container = typeNode(Container);
  assert.deepEqual(goView(container, { name: 'c', image: '', command: [], stdin: false }), {
    // name has no omitempty; resources is a non-pointer struct; probes are pointers (absent).
    name: 'c', resources: {},
  });
  const spec = typeNode(PodSpec);
  const view = goView(spec, {}) as Record<string, unknown>;
  // A nil slice without omitempty is null; pointers and omitempty fields are absent.
  assert.deepEqual(view, { containers: null });
  const deployment = objectView(typeNode(Deployment) as StructNode, { metadata: { name: 'x', managedFields: [{}] } });
  assert.deepEqual(deployment, {
    metadata: { name: 'x', creationTimestamp: null },
    spec: { selector: null, template: { metadata: { creationTimestamp: null }, spec: { containers: null } }, strategy: {} },
    status: {},
  });
});

test('compare: absent is not null; associative lists compare by key, not by position', () => {
  const spec = typeNode(PodSpec);
  const before = goView(spec, {});
  const after = goView(spec, { containers: [{ name: 'a', image: 'x' }], hostname: 'h' });
  const c = compare(spec, before, after);
  // containers went from null to a list: its items are added, not the list itself.
  assert.equal(fieldsV1Json(c.added), String.raw`{"f:containers":{"k:{\"name\":\"a\"}":{".":{},"f:image":{},"f:name":{},"f:resources":{}}},"f:hostname":{}}`);
  assert.ok(c.modified.isEmpty() && c.removed.isEmpty());
  const reordered = compare(spec,
    goView(spec, { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }),
    goView(spec, { containers: [{ name: 'b', image: 'y' }, { name: 'a', image: 'z' }] }));
  assert.equal(fieldsV1Json(reordered.modified), String.raw`{"f:containers":{"k:{\"name\":\"a\"}":{"f:image":{}}}}`);
});

interface Element { key?: string; id?: number; value?: Record<string, string>; bv?: boolean; nv?: number }
const MyElement = struct('test.Element', {
  key: opt(1, string), id: opt(2, int32), value: opt(3, map(string)), bv: opt(4, boolean), nv: opt(5, int32),
});
const Lists: StructShape<{ list?: Element[]; atomicList?: string[] }> = struct('test.Lists', {
  list: opt(1, list(MyElement), { listType: 'map', listMapKeys: ['key', 'id'] }),
  atomicList: opt(2, list(string), { listType: 'atomic' }),
});

test('merge: upstream\'s associative and atomic list triplets (typed/merge_test.go)', () => {
  const triplets: Array<[string, string, string]> = [
    ['{"list":[{"key":"a","id":1,"value":{"a":"a"}}]}', '{"list":[{"key":"a","id":1,"value":{"a":"a"}}]}', '{"list":[{"key":"a","id":1,"value":{"a":"a"}}]}'],
    ['{"list":[{"key":"a","id":1,"value":{"a":"a"}}]}', '{"list":[{"key":"a","id":2,"value":{"a":"a"}}]}', '{"list":[{"key":"a","id":1,"value":{"a":"a"}},{"key":"a","id":2,"value":{"a":"a"}}]}'],
    ['{"list":[{"key":"a","id":1},{"key":"b","id":1}]}', '{"list":[{"key":"a","id":1},{"key":"a","id":2}]}', '{"list":[{"key":"a","id":1},{"key":"b","id":1},{"key":"a","id":2}]}'],
    ['{"list":[{"key":"b","id":2}]}', '{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}', '{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}'],
    ['{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}', '{"list":[{"key":"c","id":3},{"key":"b","id":2}]}', '{"list":[{"key":"a","id":1},{"key":"c","id":3},{"key":"b","id":2}]}'],
    ['{"list":[{"key":"a","id":1},{"key":"b","id":2},{"key":"c","id":3}]}', '{"list":[{"key":"c","id":3},{"key":"a","id":1}]}', '{"list":[{"key":"b","id":2},{"key":"c","id":3},{"key":"a","id":1}]}'],
    ['{"atomicList":["a","a","a"]}', '{"atomicList":null}', '{"atomicList":null}'],
    ['{"atomicList":["a","b","c"]}', '{"atomicList":[]}', '{"atomicList":[]}'],
    ['{"atomicList":["a","a","a"]}', '{"atomicList":["a","a"]}', '{"atomicList":["a","a"]}'],
    ['{"list":[{"key":"a","id":1,"bv":true},{"key":"b","id":2},{"key":"a","id":1,"bv":false,"nv":2}]}', '{"list":[{"key":"a","id":1,"nv":3},{"key":"c","id":3},{"key":"b","id":2}]}', '{"list":[{"key":"a","id":1,"nv":3},{"key":"c","id":3},{"key":"b","id":2}]}'],
    ['{"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}', '{"list":[]}', '{"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}'],
    ['{"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}', '{}', '{"list":[{"key":"a","id":1,"nv":1},{"key":"a","id":1,"nv":2}]}'],
  ];
  const root = typeNode(Lists);
  for (const [lhs, rhs, want] of triplets) {
    const merged = merge(root, JSON.parse(lhs), JSON.parse(rhs));
    assert.ok(merged.ok, lhs);
    assert.deepEqual(merged.value, JSON.parse(want), `${lhs} + ${rhs}`);
  }
  // Duplicate keys in the configuration are an error.
  const dup = merge(root, {}, { list: [{ key: 'a', id: 1 }, { key: 'a', id: 1 }] });
  assert.deepEqual(dup, { ok: false, error: ['.list: duplicate entries for key [id=1,key="a"]'] });
});

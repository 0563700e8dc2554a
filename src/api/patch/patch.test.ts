import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyJsonPatch, JsonPatchError } from './json-patch.ts';
import { applyMergePatch } from './merge-patch.ts';

test('merge patch (RFC 7386 examples)', () => {
  const cases: Array<[unknown, unknown, unknown]> = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, expected] of cases) assert.deepEqual(applyMergePatch(target, patch), expected, JSON.stringify([target, patch]));
});

test('json patch operations, and failures that change nothing', () => {
  const doc = { metadata: { labels: { a: '1' } }, spec: { list: [1, 2, 3] } };
  const result = applyJsonPatch(doc, [
    { op: 'add', path: '/metadata/labels/b', value: '2' },
    { op: 'remove', path: '/spec/list/0' },
    { op: 'add', path: '/spec/list/-', value: 4 },
    { op: 'replace', path: '/metadata/labels/a', value: 'x' },
    { op: 'copy', from: '/metadata/labels/a', path: '/metadata/labels/c' },
    { op: 'move', from: '/metadata/labels/c', path: '/metadata/d' },
    { op: 'test', path: '/spec/list', value: [2, 3, 4] },
  ]);
  assert.deepEqual(result, { metadata: { labels: { a: 'x', b: '2' }, d: 'x' }, spec: { list: [2, 3, 4] } });
  assert.deepEqual(doc.spec.list, [1, 2, 3], 'the input is not changed');
  const failures: Array<[unknown, RegExp]> = [
    [[{ op: 'test', path: '/spec/list', value: [] }], /test failed/],
    [[{ op: 'replace', path: '/spec/missing', value: 1 }], /missing path/],
    [[{ op: 'remove', path: '/metadata/labels/zz' }], /nonexistent key/],
    [[{ op: 'add', path: '/spec/list/9', value: 1 }], /out of bounds/],
    [[{ op: 'jump', path: '/a' }], /Unexpected kind/],
    [{ op: 'add' }, /list of operations/],
  ];
  for (const [patch, message] of failures) assert.throws(() => applyJsonPatch(doc, patch), (e: unknown) => e instanceof JsonPatchError && message.test(e.message), JSON.stringify(patch));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonClone, jsonEqual } from './json-equal.ts';

test('jsonEqual compares structure, not key order', () => {
  const cases: Array<[unknown, unknown, boolean]> = [
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: '1' }, false],
    [[1, 2], [2, 1], false],
    [{}, [], false],
    [null, {}, false],
    ['x', 'x', true],
  ];
  for (const [a, b, equal] of cases) assert.equal(jsonEqual(a, b), equal, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  const original = { a: [{ b: 1 }] };
  const copy = jsonClone(original);
  copy.a[0]!.b = 2;
  assert.equal(original.a[0]!.b, 1);
});

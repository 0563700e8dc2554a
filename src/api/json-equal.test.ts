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

test('jsonClone gives what a JSON round trip gives', () => {
  const withProto = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
  const cases: unknown[] = [
    { a: 1, b: undefined, c: [1, undefined, () => 1, Number.NaN, Infinity, -0, 'x'], d: { e: null, f: { g: [] } }, h: Symbol('s') },
    [undefined, { toJSON: () => 'custom' }, new Date(0)],
    withProto,
    { constructor: 'c', toString: 't', '0': 'zero', 'z': 'last', '1': 'one' },
    Object.assign(Object.create(null) as object, { a: 1, b: { c: [2] } }),
    new (class Point { x = 1; y = 2; get sum(): number { return this.x + this.y; } })(),
    Object.assign(Object.create({ inherited: 'not copied' }) as object, { own: 1 }),
    'text', 7, true, null,
  ];
  for (const value of cases) {
    const copy = jsonClone(value);
    assert.equal(JSON.stringify(copy), JSON.stringify(value));
    assert.deepEqual(copy, JSON.parse(JSON.stringify(value)));
  }
  const copied = jsonClone(withProto);
  assert.equal(Object.getPrototypeOf(copied), Object.prototype, 'a "__proto__" key stays a key');
  assert.deepEqual(Object.keys(copied), ['__proto__', 'a']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.throws(() => jsonClone({ n: 1n }), TypeError);
  assert.equal(jsonEqual(withProto, jsonClone(withProto)), true);
  assert.equal(jsonEqual({ constructor: 1 }, {}), false);
  assert.equal(jsonEqual({}, { constructor: undefined }), true);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { int32, list, map, opt, string, struct, type StructShape } from '../../schema/shape.ts';
import { FieldSet } from './field-set.ts';
import { fieldsV1Json, parseFieldsV1 } from './fields-v1.ts';
import { fieldElement, keyElement, pathToString, type PathElement } from './path-element.ts';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.ts';
import { typeNode } from './type-node.ts';

/** A path from names; an object stands for a list item's key fields. */
function p(...parts: Array<string | Record<string, string | number>>): PathElement[] {
  return parts.map((x) => (typeof x === 'string' ? fieldElement(x) : keyElement(Object.entries(x).map(([name, value]) => ({ name, value })))));
}

function set(...paths: PathElement[][]): FieldSet {
  return FieldSet.of(...paths);
}

function json(s: FieldSet): string {
  return fieldsV1Json(s);
}

test('difference and recursive difference (upstream set_test cases)', () => {
  const cases: Array<[string, FieldSet, FieldSet, FieldSet, FieldSet]> = [
    ['removes simple path', set(p('a')), set(p('a')), set(), set()],
    ['removes direct path', set(p('a', 'b', 'c')), set(p('a', 'b', 'c')), set(), set()],
    ['only removes matching child', set(p('a', 'b', 'c'), p('b', 'b', 'c')), set(p('a', 'b', 'c')), set(p('b', 'b', 'c')), set(p('b', 'b', 'c'))],
    ['does not remove parent of specific path', set(p('a')), set(p('a', 'aa')), set(p('a')), set(p('a'))],
    ['recursive difference removes nested path', set(p('a', 'b', 'c')), set(p('a')), set(p('a', 'b', 'c')), set()],
    ['recursive difference only removes matching children', set(p('a', 'aa', 'aab'), p('a', 'ab', 'aba')), set(p('a', 'aa')),
      set(p('a', 'aa', 'aab'), p('a', 'ab', 'aba')), set(p('a', 'ab', 'aba'))],
  ];
  for (const [name, a, b, diff, recursive] of cases) {
    assert.equal(json(a.difference(b)), json(diff), name);
    assert.equal(json(a.recursiveDifference(b)), json(recursive), name);
  }
});

test('union, intersection, has, size and path order', () => {
  const a = set(p('spec', 'replicas'), p('metadata', 'labels', 'app'), p('spec', 'template', 'spec', 'containers', { name: 'c' }));
  const b = set(p('spec', 'replicas'), p('spec', 'paused'), p('spec', 'template', 'spec', 'containers', { name: 'c' }, 'image'));
  assert.equal(json(a.union(b)),
    String.raw`{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:paused":{},"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{}}}}}}}`);
  assert.equal(json(a.intersection(b)), '{"f:spec":{"f:replicas":{}}}');
  assert.ok(a.has(p('spec', 'replicas')));
  assert.ok(!a.has(p('spec')));
  assert.ok(!a.has([]));
  assert.equal(a.union(b).size(), 5);
  assert.ok(a.union(b).equals(b.union(a)));
  assert.ok(set().isEmpty() && !a.isEmpty());
  // Members of a node come before the paths below its children, each group in element order.
  assert.deepEqual(a.union(b).paths().map(pathToString), [
    '.metadata.labels.app',
    '.spec.paused',
    '.spec.replicas',
    '.spec.template.spec.containers[name="c"]',
    '.spec.template.spec.containers[name="c"].image',
  ]);
  // Operations leave their inputs alone.
  assert.equal(a.size(), 3);
});

interface NestedShape { named?: NestedShape; list?: NestedShape[]; byName?: Record<string, NestedShape>; value?: number; name?: string }
const Nested: StructShape<NestedShape> = struct('test.Nested', {
  named: opt(1, (): StructShape<NestedShape> => Nested),
  list: opt(2, () => list(Nested), { listType: 'map', listMapKeys: ['name'] }),
  byName: opt(3, () => map(Nested)),
  value: opt(4, int32),
  name: opt(5, string),
});

test('ensureNamedFieldsAreMembers makes declared fields above paths members (upstream cases)', () => {
  const root = typeNode(Nested);
  const cases: Array<[FieldSet, FieldSet]> = [
    [set(p('named', 'named', 'value')), set(p('named', 'named', 'value'), p('named', 'named'), p('named'))],
    [set(p('named', 'list', { name: 'a' }, 'named', 'value')),
      set(p('named', 'list', { name: 'a' }, 'named', 'value'), p('named', 'list', { name: 'a' }, 'named'), p('named', 'list'), p('named'))],
    // Map keys are not declared fields: they stay as they are, the field above them does not.
    [set(p('byName', 'x', 'value')), set(p('byName', 'x', 'value'), p('byName'))],
  ];
  for (const [input, want] of cases) assert.equal(json(ensureNamedFieldsAreMembers(input, root)), json(want));
});

test('toFieldSet: leaves, list items, map entries, empty and null values', () => {
  const root = typeNode(Nested);
  const cases: Array<[unknown, string]> = [
    [{ value: 1, name: 'x' }, '{"f:name":{},"f:value":{}}'],
    // A declared struct field is not a member unless it is null or empty.
    [{ named: { value: 1 } }, '{"f:named":{"f:value":{}}}'],
    [{ named: {} }, '{"f:named":{}}'],
    [{ named: null, value: null }, '{"f:named":{},"f:value":{}}'],
    // Map entries and list items are members, with their fields below them.
    [{ byName: { a: { value: 1 } } }, '{"f:byName":{"f:a":{".":{},"f:value":{}}}}'],
    [{ list: [{ name: 'a', value: 1 }] }, String.raw`{"f:list":{"k:{\"name\":\"a\"}":{".":{},"f:name":{},"f:value":{}}}}`],
    // An empty list owns nothing.
    [{ list: [] }, '{}'],
    // Items with the same key are owned as one member, without their fields.
    [{ list: [{ name: 'a', value: 1 }, { name: 'a', value: 2 }, { name: 'b' }] },
      String.raw`{"f:list":{"k:{\"name\":\"a\"}":{},"k:{\"name\":\"b\"}":{".":{},"f:name":{}}}}`],
  ];
  for (const [value, want] of cases) assert.equal(json(toFieldSet(root, value)), want, JSON.stringify(value));
});

test('a set read from FieldsV1 equals the one built from paths', () => {
  const read = parseFieldsV1(String.raw`{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{}}}}}`);
  assert.ok(read.ok);
  assert.ok(read.value.equals(set(p('spec', 'containers', { name: 'c' }), p('spec', 'containers', { name: 'c' }, 'image'))));
});

test('set operations keep an unchanged set itself, with the same paths as when they copy; includes is path containment', () => {
  const base = set(p('a', 'b'), p('a', 'c'), p('d'), p('spec', { name: 'x' }, 'image'));
  const pathsOf = (s: FieldSet): string[] => s.paths().map(pathToString);
  const cases: Array<[string, FieldSet, boolean]> = [
    ['empty', set(), true],
    ['a subset', set(p('a', 'b'), p('d')), true],
    ['the same paths', set(p('a', 'b'), p('a', 'c'), p('d'), p('spec', { name: 'x' }, 'image')), true],
    ['a prefix only (a member above paths)', set(p('a')), false],
    ['a new path below', set(p('a', 'e')), false],
    ['a new list item', set(p('spec', { name: 'y' }, 'image')), false],
    ['disjoint', set(p('z')), false],
  ];
  for (const [name, other, included] of cases) {
    assert.equal(base.includes(other), included, name);
    const union = base.union(other);
    assert.deepEqual(new Set(pathsOf(union)), new Set([...pathsOf(base), ...pathsOf(other)]), `${name}: union`);
    assert.equal(union === base, included, `${name}: union keeps the set exactly when it adds nothing`);
    const difference = base.difference(other);
    const expected = pathsOf(base).filter((path) => !pathsOf(other).includes(path));
    assert.deepEqual(pathsOf(difference), expected, `${name}: difference`);
    assert.equal(difference === base, expected.length === pathsOf(base).length, `${name}: difference keeps the set exactly when nothing is taken`);
    const recursive = base.recursiveDifference(other);
    const taken = (path: string): boolean => pathsOf(other).some((o) => path === o || path.startsWith(`${o}.`));
    assert.deepEqual(pathsOf(recursive), pathsOf(base).filter((path) => !taken(path)), `${name}: recursive difference`);
  }
});

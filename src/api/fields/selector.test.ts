import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fail, ok } from '../result.ts';
import {
  escapeValue, EVERYTHING, isEmpty, matches, NOTHING, parseFieldSelector, requirements,
  requiresExactMatch, selectorFromSet, selectorToString, transformSelector, unescapeValue,
  type FieldRequirement, type FieldSelector,
} from './selector.ts';

function parse(s: string): FieldSelector {
  const r = parseFieldSelector(s);
  if (!r.ok) assert.fail(`${s}: ${r.error}`);
  return r.value;
}

const eq = (field: string, value: string): FieldRequirement => ({ field, operator: '=', value });
const ne = (field: string, value: string): FieldRequirement => ({ field, operator: '!=', value });

test('escapeValue and unescapeValue round-trip', () => {
  const cases: [string, string][] = [['', ''], ['a', 'a'], ['=', '\\='], [',', '\\,'], ['\\', '\\\\'], ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\']];
  for (const [raw, escaped] of cases) {
    assert.equal(escapeValue(raw), escaped);
    assert.deepEqual(unescapeValue(escaped), ok(raw));
  }
  const invalid: [string, string][] = [
    ['\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['a=b', 'invalid field selector: unescaped character in value: 61'],
    ['a,b', 'invalid field selector: unescaped character in value: 44'],
  ];
  for (const [input, want] of invalid) assert.deepEqual(unescapeValue(input), fail(want), input);
});

test('parse splits terms, sorts them and unescapes values', () => {
  const cases: [string, FieldRequirement[]][] = [
    ['', []],
    ['a=avalue', [eq('a', 'avalue')]],
    ['b=bvalue,a=avalue', [eq('a', 'avalue'), eq('b', 'bvalue')]],
    ['a=avalue,b==bvalue,c!=cvalue', [eq('a', 'avalue'), eq('b', 'bvalue'), ne('c', 'cvalue')]],
    ['a=a,', [eq('a', 'a')]],
    [',a=a', [eq('a', 'a')]],
    // Terms sort by their raw text, and '2' sorts before '='.
    ['k=\\,,k2=v2', [eq('k2', 'v2'), eq('k', ',')]],
    ['k=\\\\,k2=v2', [eq('k2', 'v2'), eq('k', '\\')]],
    ['k=\\\\\\,,k2=v2', [eq('k2', 'v2'), eq('k', '\\,')]],
    ['함=수,목=록', [eq('목', '록'), eq('함', '수')]],
    ['metadata.name=x,spec.nodeName=', [eq('metadata.name', 'x'), eq('spec.nodeName', '')]],
    ['status.phase!=Running', [ne('status.phase', 'Running')]],
    [' a = b ', [eq(' a ', ' b ')]],
    ['a=b!c', [eq('a', 'b!c')]],
    ['a=!b', [eq('a', '!b')]],
    ['=', []],
    ['!=,x=y', [eq('x', 'y')]],
    ['=v', [eq('', 'v')]],
  ];
  for (const [input, want] of cases) assert.deepEqual(parse(input), { kind: 'terms', terms: want }, input);
});

test('parse rejects what upstream rejects', () => {
  const cases: [string, string][] = [
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x in (a,b,c)', "invalid selector: 'x in (a,b,c)'; can't understand 'b'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
    ['k=\\a', 'invalid field selector: invalid escape sequence: \\a'],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseFieldSelector(input), fail(want), input);
});

test('toString re-prints with escapes', () => {
  const cases: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'], ['', ''], ['x!=a,y=b', 'x!=a,y=b'], ['x=a||y\\=b', 'x=a||y\\=b'],
    ['x=a\\=\\=b', 'x=a\\=\\=b'], ['x=a,a=x', 'a=x,x=a'], ['a=x,x=a', 'a=x,x=a'], ['x==a', 'x=a'],
  ];
  for (const [input, want] of cases) assert.equal(selectorToString(parse(input)), want, input);
  assert.equal(selectorToString(NOTHING), '');
});

test('matches', () => {
  const fields = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { x: 'y' }, true], ['x=y', { x: 'y' }, true], ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true], ['notin=in', { notin: 'in' }, true],
    ['x=y', { x: 'z' }, false], ['x=y,z=w', { x: 'w', z: 'w' }, false], ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['foo=bar', fields, true], ['baz=blah', fields, true], ['foo=bar,baz=blah', fields, true],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', fields, true],
    ['foo=blah', fields, false], ['baz=bar', fields, false], ['foo=bar,foobar=bar,baz=blah', fields, false],
    ['spec.nodeName=', {}, true], ['spec.nodeName!=', {}, false], ['spec.nodeName!=n1', {}, true],
    ['constructor=', {}, true],
  ];
  for (const [selector, set, want] of cases) assert.equal(matches(parse(selector), set), want, selector);
  assert.equal(matches(NOTHING, {}), false);
  assert.equal(matches(EVERYTHING, {}), true);
});

test('transformSelector rewrites or drops terms', () => {
  const sel = parse('a=b,c=d,e=f');
  const cases: [string, Parameters<typeof transformSelector>[1], string | { error: string }][] = [
    ['no-op', (field, value) => ok({ field, value }), 'a=b,c=d,e=f'],
    ['rename one', (field, value) => ok(field === 'a' ? { field: 'x', value: 'y' } : { field, value }), 'x=y,c=d,e=f'],
    ['drop one', (field, value) => ok(field === 'c' ? { field: '', value: '' } : { field, value }), 'a=b,e=f'],
    ['drop all', () => ok({ field: '', value: '' }), ''],
    ['reject', (field) => fail(`field label not supported: ${field}`), { error: 'field label not supported: a' }],
  ];
  for (const [name, fn, want] of cases) {
    const got = transformSelector(sel, fn);
    if (typeof want === 'string') assert.deepEqual(got.ok && selectorToString(got.value), want, name);
    else assert.deepEqual(got, fail(want.error), name);
  }
  assert.deepEqual(parseFieldSelector('spec.host=n1', (field, value) => ok({ field: field === 'spec.host' ? 'spec.nodeName' : field, value })),
    ok({ kind: 'terms', terms: [eq('spec.nodeName', 'n1')] }));
});

test('requirements, isEmpty, requiresExactMatch and selectorFromSet', () => {
  assert.deepEqual(requirements(parse('b!=2,a==1')), [eq('a', '1'), ne('b', '2')]);
  assert.deepEqual(requirements(NOTHING), []);
  assert.equal(isEmpty(parse('')), true);
  assert.equal(isEmpty(parse('=')), true);
  assert.equal(isEmpty(parse('a=')), false);
  assert.equal(isEmpty(NOTHING), false);
  const cases: [string, string, string | undefined][] = [
    ['', 'test', undefined], ['a=b', 'test', undefined], ['test=b', 'test', 'b'], ['test=', 'test', ''],
    ['test!=b', 'test', undefined], ['a=c,test=b', 'test', 'b'],
  ];
  for (const [selector, field, want] of cases) assert.equal(requiresExactMatch(parse(selector), field), want, selector);
  const fromSet = selectorFromSet({ 'spec.nodeName': 'n1', 'metadata.name': 'a,b' });
  assert.equal(selectorToString(fromSet), 'metadata.name=a\\,b,spec.nodeName=n1');
  assert.equal(matches(fromSet, { 'metadata.name': 'a,b', 'spec.nodeName': 'n1' }), true);
  assert.equal(isEmpty(selectorFromSet(undefined)), true);
});

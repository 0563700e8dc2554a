import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addRequirements, EVERYTHING, fromLabelSelector, isEmpty, matches, NOTHING, parseSelector,
  requiresExactMatch, selectorFromSet, selectorToString, type LabelSelector, type Operator,
  type Requirement, type Selector,
} from './selector.ts';

const req = (key: string, operator: Operator, ...values: string[]): Requirement => ({ key, operator, values });

function parse(s: string): Selector {
  const r = parseSelector(s);
  if (!r.ok) assert.fail(`${JSON.stringify(s)}: ${r.error}`);
  return r.value;
}

test('parse produces sorted requirements with sorted, unique values', () => {
  const cases: [string, Requirement[]][] = [
    ['', []],
    ['\rx', [req('x', 'exists')]],
    ['this-is-a-dns.domain.com/key-with-dash', [req('this-is-a-dns.domain.com/key-with-dash', 'exists')]],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', [req('this-is-another-dns.domain.com/key-with-dash', 'in', 'so', 'what')]],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', [req('0.1.2.domain/99', 'notin', '10.10.100.1', 'tick.tack.clock')]],
    ['foo  in\t (abc)', [req('foo', 'in', 'abc')]],
    ['x notin\n (abc)', [req('x', 'notin', 'abc')]],
    ['x  notin\t\t\t(abc,def)', [req('x', 'notin', 'abc', 'def')]],
    ['x in (def,abc,def)', [req('x', 'in', 'abc', 'def')]],
    ['x in (abc,)', [req('x', 'in', '', 'abc')]],
    ['x in ()', [req('x', 'in', '')]],
    ['x notin (abc,,def),bar,z in (),w', [req('bar', 'exists'), req('w', 'exists'), req('x', 'notin', '', 'abc', 'def'), req('z', 'in', '')]],
    ['x,y in (a)', [req('x', 'exists'), req('y', 'in', 'a')]],
    ['x=a', [req('x', '=', 'a')]],
    ['x==a', [req('x', '==', 'a')]],
    ['x>1', [req('x', 'gt', '1')]],
    ['x<7', [req('x', 'lt', '7')]],
    ['x=a,y!=b', [req('x', '=', 'a'), req('y', '!=', 'b')]],
    ['x=a,y!=b,z in (h,i,j)', [req('x', '=', 'a'), req('y', '!=', 'b'), req('z', 'in', 'h', 'i', 'j')]],
    ['x notin ( )', [req('x', 'notin', '')]],
    ['x notin (, a)', [req('x', 'notin', '', 'a')]],
    ['a ', [req('a', 'exists')]],
    ['a in (x,y,notin, z,in)', [req('a', 'in', 'in', 'notin', 'x', 'y', 'z')]],
    ['notin=in', [req('notin', '=', 'in')]],
    ['x=', [req('x', '=', '')]],
    ['!x', [req('x', '!')]],
    [' ! x , y ', [req('x', '!'), req('y', 'exists')]],
    ['b=1,a=2,b!=3', [req('a', '=', '2'), req('b', '=', '1'), req('b', '!=', '3')]],
  ];
  for (const [input, want] of cases) {
    assert.deepEqual(parse(input), { kind: 'requirements', requirements: want }, JSON.stringify(input));
  }
});

const keyRule = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('parse rejects bad syntax with upstream messages', () => {
  const ops = 'in, notin, =, ==, !=, gt, lt';
  const cases: [string, string][] = [
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${valueRule}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', `unable to parse requirement: found 'nott', expected: ${ops}`],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a (', `unable to parse requirement: found '(', expected: ${ops}`],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['-x', `unable to parse requirement: <nil>: Invalid value: "-x": ${keyRule}`],
    ['x/y/z=1', "unable to parse requirement: <nil>: Invalid value: \"x/y/z\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"],
    [`x=${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseSelector(input), { ok: false, error: want }, input);
});

test('toString re-prints parsed selectors', () => {
  const cases: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'], ['', ''], ['x!=a,y=b', 'x!=a,y=b'], ['x=', 'x='], ['x= ', 'x='],
    ['x=,z= ', 'x=,z='], ['x= ,z= ', 'x=,z='], ['!x', '!x'], ['x>1', 'x>1'], ['x>1,z<5', 'x>1,z<5'],
    ['x=a,a=x', 'a=x,x=a'], ['a=x,x=a', 'a=x,x=a'],
    ['z in (b,a), y notin (c), x', 'x,y notin (c),z in (a,b)'],
    ['x in ()', 'x in ()'], ['x==y', 'x==y'],
  ];
  for (const [input, want] of cases) assert.equal(selectorToString(parse(input)), want, input);
  assert.equal(selectorToString(NOTHING), '');
  assert.equal(selectorToString({ kind: 'requirements', requirements: [req('x', 'notin', 'b', 'a'), req('y', 'in')] }), 'x notin (a,b),y in ()');
});

test('matches', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', { x: 'y' }, true], ['', undefined, true],
    ['x=y', { x: 'y' }, true], ['x=y,z=w', { x: 'y', z: 'w' }, true], ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true], ['x', { x: 'z' }, true], ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true], ['x<1', { x: '0' }, true], ['x<1', { x: '-5' }, true],
    ['x=z', {}, false], ['x=z', undefined, false], ['x=y', { x: 'z' }, false], ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false], ['x', { y: 'z' }, false], ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false], ['x<1', { x: '2' }, false], ['x>1', { x: 'v2' }, false], ['x>1', {}, false],
    ['x!=a', {}, true], ['x notin (a)', {}, true], ['x in (a,b)', { x: 'b' }, true], ['x in (a,b)', { x: 'c' }, false],
    ['x in ()', { x: '' }, true], ['x=', { x: '' }, true], ['x=', {}, false],
    ['foo=bar', labelset, true], ['baz=blah', labelset, true], ['foo=bar,baz=blah', labelset, true],
    ['foo=blah', labelset, false], ['baz=bar', labelset, false], ['foo=bar,foobar=bar,baz=blah', labelset, false],
    ['constructor', {}, false], ['!toString', {}, true],
  ];
  for (const [selector, labels, want] of cases) {
    assert.equal(matches(parse(selector), labels), want, `${selector} ${JSON.stringify(labels)}`);
  }
  assert.equal(matches(NOTHING, {}), false);
  assert.equal(matches(EVERYTHING, {}), true);
});

test('selectorFromSet', () => {
  const s = selectorFromSet({ b: '2', a: '1' });
  assert.equal(selectorToString(s), 'a=1,b=2');
  assert.equal(matches(s, { a: '1', b: '2', c: '3' }), true);
  assert.equal(matches(s, { a: '1' }), false);
  assert.equal(isEmpty(selectorFromSet(undefined)), true);
  assert.equal(isEmpty(selectorFromSet({})), true);
});

test('fromLabelSelector converts and validates like LabelSelectorAsSelector', () => {
  const cases: [LabelSelector | null | undefined, { string: string } | { error: string } | 'nothing'][] = [
    [undefined, 'nothing'],
    [null, 'nothing'],
    [{}, { string: '' }],
    [{ matchLabels: {}, matchExpressions: [] }, { string: '' }],
    [{ matchLabels: { app: 'web', tier: 'front' } }, { string: 'app=web,tier=front' }],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, { string: 'env in (dev,prod)' }],
    [{ matchLabels: { z: '1' }, matchExpressions: [
      { key: 'a', operator: 'NotIn', values: ['x'] }, { key: 'm', operator: 'Exists' }, { key: 'n', operator: 'DoesNotExist', values: [] },
    ] }, { string: 'a notin (x),m,!n,z=1' }],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] },
      { error: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty" }],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] },
      { error: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty" }],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      { error: 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist' }],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x', 'y'] }] },
      { error: 'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist' }],
    [{ matchExpressions: [{ key: 'a', operator: 'Gt' as 'In', values: ['1'] }] }, { error: '"Gt" is not a valid label selector operator' }],
    [{ matchLabels: { '-a': 'x' } }, { error: `key: Invalid value: "-a": ${keyRule}` }],
    [{ matchLabels: { a: 'x y' } }, { error: `values[0][a]: Invalid value: "x y": ${valueRule}` }],
    [{ matchExpressions: [{ key: '-a', operator: 'In' }] }, {
      error: `[key: Invalid value: "-a": ${keyRule}, values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty]`,
    }],
  ];
  for (const [input, want] of cases) {
    const got = fromLabelSelector(input);
    const name = JSON.stringify(input);
    if (want === 'nothing') assert.deepEqual(got, { ok: true, value: NOTHING }, name);
    else if ('error' in want) assert.deepEqual(got, { ok: false, error: want.error }, name);
    else {
      assert.ok(got.ok, name);
      assert.equal(selectorToString(got.value), want.string, name);
    }
  }
});

test('fromLabelSelector matching: nil selects nothing, empty selects everything', () => {
  const pod = { app: 'web' };
  const sel = (ls: LabelSelector | undefined): Selector => {
    const r = fromLabelSelector(ls);
    assert.ok(r.ok);
    return r.value;
  };
  assert.equal(matches(sel(undefined), pod), false);
  assert.equal(matches(sel({}), pod), true);
  assert.equal(matches(sel({ matchLabels: { app: 'web' } }), pod), true);
  assert.equal(matches(sel({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }), pod), false);
});

test('isEmpty, addRequirements and requiresExactMatch', () => {
  assert.equal(isEmpty(EVERYTHING), true);
  assert.equal(isEmpty(NOTHING), false);
  assert.equal(isEmpty(parse('x')), false);
  assert.equal(selectorToString(addRequirements(parse('b=1'), req('a', 'exists'))), 'a,b=1');
  assert.equal(addRequirements(NOTHING, req('a', 'exists')), NOTHING);
  const cases: [string, string, string | undefined][] = [
    ['x=a', 'x', 'a'], ['x==a', 'x', 'a'], ['x in (a)', 'x', 'a'], ['x in (a,b)', 'x', undefined],
    ['x!=a', 'x', undefined], ['x', 'x', undefined], ['y=a', 'x', undefined], ['x=a,x=b', 'x', 'a'], ['x=', 'x', ''],
  ];
  for (const [selector, label, want] of cases) assert.equal(requiresExactMatch(parse(selector), label), want, selector);
  assert.equal(requiresExactMatch(NOTHING, 'x'), undefined);
});

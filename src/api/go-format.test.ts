import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goFormatFloat, goFormatValue, goQuote, truncateUtf8, utf8Length, verbatim } from './go-format.ts';

test('goQuote matches strconv.Quote', () => {
  const cases: [string, string][] = [
    ['', '""'],
    ['abc', '"abc"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['tab\there\nnl\r', '"tab\\there\\nnl\\r"'],
    ['\x00\x01\x7f', '"\\x00\\x01\\x7f"'],
    ['\x07\b\f\v', '"\\a\\b\\f\\v"'],
    ['함수 é', '"함수 é"'],
    ['\u00a0', '"\\u00a0"'],
    ['\u200b', '"\\u200b"'],
    ['😀', '"😀"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['\ud800x', '"\ufffdx"'],
  ];
  for (const [input, want] of cases) assert.equal(goQuote(input), want, JSON.stringify(input));
});

test('goFormatFloat matches %v of a float64', () => {
  const cases: [number, string][] = [
    [1.5, '1.5'],
    [-0.25, '-0.25'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [1e21, '1e+21'],
    [1.5e-300, '1.5e-300'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ];
  for (const [input, want] of cases) assert.equal(goFormatFloat(input), want, String(input));
});

test('goFormatValue prints field error values as upstream does', () => {
  const cases: [unknown, string][] = [
    ['x', '"x"'],
    [null, '"null"'],
    [undefined, '"null"'],
    [3, '3'],
    [-0, '0'],
    [1e6, '1000000'],
    [0.5, '0.5'],
    [12n, '12'],
    [true, 'true'],
    [['a', 'b'], '[]string{"a", "b"}'],
    [[], '[]string{}'],
    [verbatim('[]string(nil)'), '[]string(nil)'],
    [{ a: 1 }, '{"a":1}'],
  ];
  for (const [input, want] of cases) assert.equal(goFormatValue(input), want);
});

test('utf8Length and truncateUtf8 count UTF-8 bytes', () => {
  const cases: [string, number][] = [['', 0], ['abc', 3], ['é', 2], ['함', 3], ['😀', 4], ['\ud800', 3]];
  for (const [input, want] of cases) assert.equal(utf8Length(input), want, input);
  assert.equal(truncateUtf8('abcdef', 4), 'abcd');
  assert.equal(truncateUtf8('ab함', 4), 'ab');
  assert.equal(truncateUtf8('ab함', 5), 'ab함');
});

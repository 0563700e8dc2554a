import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage, path } from '../field-errors.ts';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue,
  MAX_GENERATED_NAME_LENGTH, nameFromGenerateName, nameIsDNSLabel, nameIsDNSSubdomain,
  randomSuffix, regexError, validateAnnotations, validateLabels,
} from './names.ts';

const labelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const subdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const dns1035Msg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const nameMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('regexError formats examples as upstream', () => {
  assert.equal(regexError('msg', 're'), "msg (regex used for validation is 're')");
  assert.equal(regexError('msg', 're', 'a'), "msg (e.g. 'a', regex used for validation is 're')");
  assert.equal(regexError('msg', 're', 'a', 'b'), "msg (e.g. 'a',  or 'b', regex used for validation is 're')");
});

test('isDNS1123Label', () => {
  const cases: [string, string[]][] = [
    ['a', []], ['ab-c', []], ['a-1', []], ['1-a', []], ['0', []], ['a'.repeat(63), []],
    ['', [labelMsg]], ['A', [labelMsg]], ['-a', [labelMsg]], ['a-', [labelMsg]], ['a_b', [labelMsg]],
    ['a.b', ['must not contain dots']],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['-'.repeat(64), ['must be no more than 63 characters', labelMsg]],
  ];
  for (const [value, want] of cases) assert.deepEqual(isDNS1123Label(value), want, value);
});

test('isDNS1123Subdomain', () => {
  const cases: [string, string[]][] = [
    ['a', []], ['a.b.c', []], ['1.2.3.4', []], ['a-b.c-d', []], [`${'a'.repeat(63)}.${'b'.repeat(189)}`, []],
    ['', [subdomainMsg]], ['a..b', [subdomainMsg]], ['.a', [subdomainMsg]], ['a.', [subdomainMsg]], ['A.b', [subdomainMsg]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ];
  for (const [value, want] of cases) assert.deepEqual(isDNS1123Subdomain(value), want, value);
});

test('isDNS1035Label', () => {
  const cases: [string, string[]][] = [
    ['a', []], ['a-1', []], ['1a', [dns1035Msg]], ['a.b', [dns1035Msg]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ];
  for (const [value, want] of cases) assert.deepEqual(isDNS1035Label(value), want, value);
});

test('isQualifiedName', () => {
  const cases: [string, string[]][] = [
    ['simple', []], ['now-with-dashes', []], ['1-starts-with-num', []], ['1234', []],
    ['simple/simple', []], ['now-with-dashes/simple', []], ['now-with-dashes/now-with-dashes', []],
    ['now.with.dots/simple', []], ['now-with.dashes-and.dots/simple', []], ['1-num.2-num/3-num', []],
    ['1234/5678', []], ['1.2.3.4/5678', []], ['Uppercase_Is_OK_123', []], ['example.com/Uppercase_Is_OK_123', []],
    ['requests.storage-foo', []], [`${'a'.repeat(63)}`, []], [`${'a'.repeat(253)}/${'b'.repeat(63)}`, []],
    ['', ['name part must be non-empty', nameMsg]],
    ['nospecialchars%^=@', [nameMsg]], ['cantendwithadash-', [nameMsg]], ['-cantstartwithadash', [nameMsg]],
    ['only/one/slash', ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
    ['Example.com/abc', ['prefix part ' + subdomainMsg]],
    ['example_com/abc', ['prefix part ' + subdomainMsg]],
    ['example.com/', ['name part must be non-empty', nameMsg]],
    ['/simple', ['prefix part must be non-empty']],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    [`${'a'.repeat(254)}/abc`, ['prefix part must be no more than 253 characters']],
  ];
  for (const [value, want] of cases) assert.deepEqual(isQualifiedName(value), want, value);
});

test('isValidLabelValue', () => {
  const cases: [string, string[]][] = [
    ['', []], ['simple', []], ['now-with-dashes', []], ['1-starts-with-num', []], ['end-with-num-1', []],
    ['1234', []], ['a'.repeat(63), []], ['Upper_and.dots', []],
    ['nospecialchars%^=@', [valueMsg]], ['Tama-nui-te-rā.is.Māori.sun', [valueMsg]], ['\\backslashes\\are\\bad', [valueMsg]],
    ['-starts-with-dash', [valueMsg]], ['ends-with-dash-', [valueMsg]], ['.starts.with.dot', [valueMsg]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ];
  for (const [value, want] of cases) assert.deepEqual(isValidLabelValue(value), want, value);
});

test('name functions allow a trailing dash for generateName', () => {
  const cases: [string, boolean, number][] = [
    ['abc-', true, 0], ['abc-', false, 1], ['a-', true, 0], ['-', true, 1], ['ab.c-', true, 0],
  ];
  for (const [name, prefix, errors] of cases) {
    assert.equal(nameIsDNSSubdomain(name, prefix).length, errors, `${name} ${prefix}`);
  }
  assert.deepEqual(nameIsDNSLabel('ab.c-', true), ['must not contain dots']);
});

test('validateLabels reports key and value errors at the labels path', () => {
  const at = path('metadata', 'labels');
  const cases: [Record<string, string> | undefined, string[]][] = [
    [undefined, []],
    [{}, []],
    [{ app: 'web', 'example.com/tier': 'front_end' }, []],
    [{ '-a': 'x' }, [`metadata.labels: Invalid value: "-a": ${nameMsg}`]],
    [{ a: 'b c' }, [`metadata.labels: Invalid value: "b c": ${valueMsg}`]],
    [{ 'a/b/c': 'x'.repeat(64) }, [
      `metadata.labels: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      `metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
    ]],
  ];
  for (const [labels, want] of cases) assert.deepEqual(validateLabels(labels, at).map(fieldErrorMessage), want);
  assert.equal(validateLabels({ '-a': 'x' }, at)[0]?.origin, 'labelKey');
});

test('validateAnnotations checks keys case-insensitively and the total size', () => {
  const at = path('metadata', 'annotations');
  const cases: [Record<string, string>, string[]][] = [
    [{ 'Example.COM/Key': 'anything at all, even spaces' }, []],
    [{ a: 'x'.repeat(256 * 1024 - 1) }, []],
    [{ a: 'x'.repeat(256 * 1024) }, ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    [{ a: 'x'.repeat(128 * 1024), b: 'y'.repeat(128 * 1024) }, ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    [{ 'Bad Key': 'v' }, [`metadata.annotations: Invalid value: "Bad Key": ${nameMsg}`]],
  ];
  for (const [annotations, want] of cases) assert.deepEqual(validateAnnotations(annotations, at).map(fieldErrorMessage), want);
});

test('nameFromGenerateName keeps room for a 5-character suffix', () => {
  const fixed = (n: number): string => 'x'.repeat(n);
  const cases: [string, string][] = [
    ['', 'xxxxx'],
    ['web-', 'web-xxxxx'],
    ['a'.repeat(58), 'a'.repeat(58) + 'xxxxx'],
    ['a'.repeat(80), 'a'.repeat(58) + 'xxxxx'],
  ];
  for (const [base, want] of cases) assert.equal(nameFromGenerateName(base, fixed), want);
  assert.equal(MAX_GENERATED_NAME_LENGTH, 58);
  for (let i = 0; i < 200; i++) assert.match(nameFromGenerateName('pod-'), /^pod-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(randomSuffix(40).length, 40);
  // Across several refills of the random pool: every letter turns up, and suffixes hardly repeat.
  const suffixes = Array.from({ length: 3000 }, () => randomSuffix(5));
  assert.equal(new Set(suffixes.join('')).size, 27);
  assert.ok(new Set(suffixes).size >= 2950);
});

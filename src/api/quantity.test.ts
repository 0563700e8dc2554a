import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  milliQuantity, mustParseQuantity, parseQuantity, Quantity, quantityFromJSON, scaledQuantity, type Format,
} from './quantity.ts';

const dec = (u: bigint | number, e: number, f: Format): Quantity => new Quantity(u, e, f);
const DSI: Format = 'DecimalSI';
const BSI: Format = 'BinarySI';
const DEX: Format = 'DecimalExponent';
const maxInt64 = 2n ** 63n - 1n;

function parse(s: string): Quantity {
  const r = parseQuantity(s);
  if (!r.ok) assert.fail(`${s}: ${r.error}`);
  return r.value;
}

// Upstream's TestQuantityParse table: input, then the exact value and notation it stands for.
const parseTable: [string, Quantity][] = [
  ['0', dec(0, 0, DSI)], ['0n', dec(0, 0, DSI)], ['0u', dec(0, 0, DSI)], ['0m', dec(0, 0, DSI)],
  ['0Ki', dec(0, 0, BSI)], ['0k', dec(0, 0, DSI)], ['0Mi', dec(0, 0, BSI)], ['0M', dec(0, 0, DSI)],
  ['0Gi', dec(0, 0, BSI)], ['0G', dec(0, 0, DSI)], ['0Ti', dec(0, 0, BSI)], ['0T', dec(0, 0, DSI)],
  ['1', dec(1, 0, DSI)],
  ['1Ki', dec(1024, 0, BSI)], ['8Ki', dec(8 * 1024, 0, BSI)], ['7Mi', dec(7 * 1024 ** 2, 0, BSI)],
  ['6Gi', dec(6 * 1024 ** 3, 0, BSI)], ['5Ti', dec(5 * 1024 ** 4, 0, BSI)], ['4Pi', dec(4n * 1024n ** 5n, 0, BSI)],
  ['3Ei', dec(3n * 1024n ** 6n, 0, BSI)], ['10Ti', dec(10 * 1024 ** 4, 0, BSI)], ['100Ti', dec(100 * 1024 ** 4, 0, BSI)],
  ['5n', dec(5, -9, DSI)], ['4u', dec(4, -6, DSI)], ['3m', dec(3, -3, DSI)], ['9', dec(9, 0, DSI)],
  ['8k', dec(8, 3, DSI)], ['50k', dec(5, 4, DSI)], ['7M', dec(7, 6, DSI)], ['6G', dec(6, 9, DSI)],
  ['5T', dec(5, 12, DSI)], ['40T', dec(4, 13, DSI)], ['300T', dec(3, 14, DSI)], ['2P', dec(2, 15, DSI)], ['1E', dec(1, 18, DSI)],
  ['1E-3', dec(1, -3, DEX)], ['1e3', dec(1, 3, DEX)], ['1E6', dec(1, 6, DEX)], ['1e9', dec(1, 9, DEX)],
  ['1E12', dec(1, 12, DEX)], ['1e15', dec(1, 15, DEX)], ['1E18', dec(1, 18, DEX)],
  ['1e14', dec(1, 14, DEX)], ['1e13', dec(1, 13, DEX)], ['100.035k', dec(100035, 0, DSI)],
  ['0.001', dec(1, -3, DSI)], ['0.0005k', dec(5, -1, DSI)], ['0.005', dec(5, -3, DSI)], ['0.05', dec(5, -2, DSI)],
  ['0.5', dec(5, -1, DSI)], ['0.00050k', dec(5, -1, DSI)], ['0.00500', dec(5, -3, DSI)], ['0.05000', dec(5, -2, DSI)],
  ['0.50000', dec(5, -1, DSI)], ['0.5e0', dec(5, -1, DEX)], ['0.5e-1', dec(5, -2, DEX)], ['0.5e-2', dec(5, -3, DEX)],
  ['10.035M', dec(10035, 3, DSI)],
  ['1.2e3', dec(12, 2, DEX)], ['1.3E+6', dec(13, 5, DEX)], ['1.40e9', dec(14, 8, DEX)], ['1.53E12', dec(153, 10, DEX)],
  ['1.6e15', dec(16, 14, DEX)], ['1.7E18', dec(17, 17, DEX)],
  ['9.01', dec(901, -2, DSI)], ['8.1k', dec(81, 2, DSI)], ['7.123456M', dec(7123456, 0, DSI)],
  ['6.987654321G', dec(6987654321, 0, DSI)], ['5.444T', dec(5444, 9, DSI)], ['40.1T', dec(401, 11, DSI)],
  ['300.2T', dec(3002, 11, DSI)], ['2.5P', dec(25, 14, DSI)], ['1.01E', dec(101, 16, DSI)],
  ['3.001n', dec(4, -9, DSI)], ['1.1E-9', dec(2, -9, DEX)], ['0.0000000001', dec(1, -9, DSI)],
  ['0.0000000005', dec(1, -9, DSI)], ['0.00000000050', dec(1, -9, DSI)], ['0.5e-9', dec(1, -9, DEX)],
  ['0.9n', dec(1, -9, DSI)], ['0.00000012345', dec(124, -9, DSI)], ['0.00000012354', dec(124, -9, DSI)],
  ['9Ei', dec(maxInt64, 0, BSI)], ['9223372036854775807Ki', dec(maxInt64, 0, BSI)], ['12E', dec(12, 18, DSI)],
  ['100.035Ki', dec(10243584, -2, BSI)], ['0.5Mi', dec(0.5 * 1024 * 1024, 0, BSI)],
  ['0.05Gi', dec(536870912, -1, BSI)], ['0.025Ti', dec(274877906944, -1, BSI)],
  ['0.000000000001Ki', dec(2, -9, DSI)], ['.001', dec(1, -3, DSI)], ['.0001k', dec(100, -3, DSI)],
  ['1.', dec(1, 0, DSI)], ['1.G', dec(1, 9, DSI)],
];

test('parse: upstream table, also negated and with an explicit +', () => {
  for (const [input, want] of parseTable) {
    for (const [text, expected] of [[input, want], ['-' + input, want.neg()], ['+' + input, want]] as const) {
      const got = parse(text);
      assert.equal(got.cmp(expected), 0, `${text}: got ${got.toString()}, want ${expected.toString()}`);
      assert.equal(got.format, expected.format, text);
    }
  }
});

test('parse: invalid input fails with upstream messages', () => {
  const format = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  const suffix = "unable to parse quantity's suffix";
  const numeric = 'unable to parse numeric part of quantity';
  const cases: [string, string][] = [
    ['', format], ['1.1.M', format], ['1+1.0M', format], ['0.1mi', suffix], ['0.1am', format], ['aoeu', format],
    ['.5i', suffix], ['1i', suffix], ['-3.01i', suffix], ['-3.01e-', suffix], [' 1', format], ['1 ', format],
    ['1e', suffix], ['1kM', suffix], ['1e3k', format], ['Non-Numeric', format], ['1Ki3', suffix], ['1m-1', suffix],
    ['Pi', numeric], ['.Ei', numeric], ['-Pi', numeric], ['1e99999999999999999999', suffix], ['5%', format],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseQuantity(input), { ok: false, error: want }, input);
  assert.throws(() => mustParseQuantity('x'), { message: `cannot parse 'x': ${format}` });
});

test('toString: canonical form, and canonical input kept as written', () => {
  // Upstream's TestQuantityString: value, canonical text, and an alternate spelling of it.
  const cases: [Quantity, string, string][] = [
    [dec(1024 ** 3, 0, BSI), '1Gi', '1024Mi'], [dec(300 * 1024 ** 2, 0, BSI), '300Mi', '307200Ki'],
    [dec(6 * 1024, 0, BSI), '6Ki', ''], [dec(1001 * 1024 ** 3, 0, BSI), '1001Gi', '1025024Mi'],
    [dec(1024 ** 4, 0, BSI), '1Ti', '1024Gi'], [dec(5, 0, BSI), '5', '5000m'], [dec(500, -3, BSI), '500m', '0.5'],
    [dec(1, 9, DSI), '1G', '1000M'], [dec(1000, 6, DSI), '1G', '0.001T'], [dec(1000000, 3, DSI), '1G', ''],
    [dec(1000000000, 0, DSI), '1G', ''], [dec(1, -3, DSI), '1m', '1000u'], [dec(80, -3, DSI), '80m', ''],
    [dec(1080, -3, DSI), '1080m', '1.08'], [dec(108, -2, DSI), '1080m', '1080000000n'], [dec(10800, -4, DSI), '1080m', ''],
    [dec(300, 6, DSI), '300M', ''], [dec(1, 12, DSI), '1T', ''], [dec(1234567, 6, DSI), '1234567M', ''],
    [dec(1234567, -3, BSI), '1234567m', ''], [dec(3, 3, DSI), '3k', ''], [dec(1025, 0, BSI), '1025', ''],
    [dec(0, 0, DSI), '0', ''], [dec(0, 0, BSI), '0', ''], [dec(1, 9, DEX), '1e9', '.001e12'],
    [dec(1, -3, DEX), '1e-3', '0.001e0'], [dec(1, -9, DEX), '1e-9', '1000e-12'], [dec(80, -3, DEX), '80e-3', ''],
    [dec(300, 6, DEX), '300e6', ''], [dec(1, 12, DEX), '1e12', ''], [dec(1, 3, DEX), '1e3', ''], [dec(3, 3, DEX), '3e3', ''],
    [dec(0, 0, DEX), '0', '00'], [dec(1, -9, DSI), '1n', ''], [dec(80, -9, DSI), '80n', ''], [dec(1080, -9, DSI), '1080n', ''],
    [dec(108, -8, DSI), '1080n', ''], [dec(10800, -10, DSI), '1080n', ''], [dec(1, -6, DSI), '1u', ''],
    [dec(80, -6, DSI), '80u', ''], [dec(1080, -6, DSI), '1080u', ''],
  ];
  for (const [q, want, alternate] of cases) {
    assert.equal(q.toString(), want);
    assert.equal(parse(want).toString(), want);
    if (alternate !== '') assert.equal(parse(alternate).toString(), want, alternate);
    if (!q.isZero()) assert.equal(q.neg().toString(), '-' + want);
  }
});

test('toString: parse then emit', () => {
  const cases: [string, string][] = [
    // Upstream's TestQuantityParseEmit, and the forms called out for k8ts.
    ['1Ki', '1Ki'], ['1Mi', '1Mi'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'], ['.000000001Ki', '1024n'], ['.000000000001Ki', '2n'],
    ['1000m', '1'], ['0.5', '500m'], ['1536Mi', '1536Mi'], ['1.5Gi', '1536Mi'], ['100m', '100m'], ['1e3', '1e3'],
    ['1.0e3', '1e3'], ['0.1m', '100u'], ['1.5', '1500m'], ['0.5Mi', '512Ki'], ['9Ei', '9223372036854775807'],
    ['1000Mi', '1000Mi'], ['1023Ki', '1023Ki'], ['2048', '2048'], ['12E', '12E'], ['0.5Ki', '512'], ['1.5Ki', '1536'],
    ['1.1Ki', '1126400m'], ['100000', '100k'], ['-0', '0'], ['.', '0'], ['+', '0'], ['Ki', '0'],
    // Upstream keeps text its parser judges canonical, even these spellings.
    ['+1', '+1'], ['1.Ki', '1.Ki'], ['01Ki', '01Ki'], ['1.500k', '1.500k'],
    // Past E, upstream has no suffix and prints the bare mantissa.
    ['1000E', '1'], ['1e21', '1e21'],
  ];
  for (const [input, want] of cases) assert.equal(parse(input).toString(), want, input);
  for (const [input, want] of cases.slice(0, 9)) assert.equal(parse('-' + input).toString(), '-' + want, '-' + input);
});

test('cmp', () => {
  const cases: [Quantity, Quantity, number][] = [
    [parse('0'), parse('0'), 0], [parse('100m'), parse('50m'), 1], [parse('50m'), parse('100m'), -1],
    [parse('10000T'), parse('100Gi'), 1], [parse('1Ki'), parse('1024'), 0], [parse('1k'), parse('1Ki'), -1],
    [dec(901, -2, DSI), dec(901, -2, DSI), 0], [dec(90, -1, DSI), dec(901, -2, DSI), -1], [dec(901, -2, DSI), dec(900, -2, DSI), 1],
    [dec(0, 1, DSI), dec(0, -1, DSI), 0], [dec(800, -3, DSI), dec(1, 0, DSI), -1], [dec(800, -3, DSI), dec(79, -2, DSI), 1],
    [dec(maxInt64, 0, DSI), dec(1, -1, DSI), 1], [dec(maxInt64, -16, DSI), dec(1, 3, DSI), -1],
    [dec(-maxInt64 - 1n, 0, DSI), dec(0, 0, DSI), -1], [dec(-maxInt64 - 1n, -18, DSI), dec(-1, 0, DSI), -1],
    [dec(-maxInt64 - 1n, -19, DSI), dec(-1, 0, DSI), 1], [dec(10n ** 18n, -17, DSI), dec(1, 1, DSI), 0],
    [dec(10n ** 18n, -17, DSI), dec(-10, 0, DSI), 1], [dec(-(10n ** 18n), -17, DSI), dec(-10, 0, DSI), 0],
    [dec(10n ** 18n + 1n, -17, DSI), dec(1, 1, DSI), 1], [dec(10n ** 18n - 1n, -17, DSI), dec(1, 1, DSI), -1],
    [dec(1, 2_000_000_000, DEX), dec(9, 0, DSI), 1], [dec(-1, 2_000_000_000, DEX), dec(-9, 0, DSI), -1],
  ];
  for (const [a, b, want] of cases) {
    assert.equal(a.cmp(b), want, `${a.toString()} vs ${b.toString()}`);
    assert.equal(b.cmp(a), -want || 0, `${b.toString()} vs ${a.toString()}`);
    assert.equal(a.equal(b), want === 0);
  }
});

test('add, sub, neg and mul keep upstream notation rules', () => {
  const zero = dec(0, 0, DSI);
  const cases: [string, Quantity, Quantity][] = [
    ['add', dec(10, 0, DSI).add(dec(1, 1, DSI)), dec(20, 0, DSI)],
    ['add mixed', dec(10, 0, DSI).add(dec(1, 0, BSI)), dec(11, 0, DSI)],
    ['add to binary', dec(10, 0, BSI).add(dec(1, 0, DSI)), dec(11, 0, BSI)],
    ['add to zero', zero.add(dec(50, 0, DSI)), dec(50, 0, DSI)],
    ['sub', dec(10, 0, DSI).sub(dec(1, 1, DSI)), dec(0, 0, DSI)],
    ['sub mixed', dec(10, 0, BSI).sub(dec(1, 0, DSI)), dec(9, 0, BSI)],
    ['sub from zero', zero.sub(dec(50, 0, DSI)), dec(-50, 0, DSI)],
    ['neg', dec(10, 0, BSI).neg(), dec(-10, 0, BSI)],
    ['mul', dec(10, 0, DSI).mul(-10), dec(-100, 0, DSI)],
    ['mul big', dec(maxInt64, 0, DSI).mul(2n), dec(maxInt64 * 2n, 0, DSI)],
    ['mul zero', dec(50, 0, DSI).mul(0), dec(0, 0, DSI)],
  ];
  for (const [name, got, want] of cases) {
    assert.equal(got.cmp(want), 0, name);
    assert.equal(got.format, want.format, name);
  }
  // A zero takes the other side's notation, so sums keep their suffix.
  for (const s of ['100m', '1Gi']) {
    assert.equal(parse(s).add(parse('0')).toString(), s);
    assert.equal(parse('0').add(parse(s)).toString(), s);
    assert.equal(parse(s).sub(parse('0')).toString(), s);
    assert.equal(parse('0').sub(parse(s)).toString(), '-' + s);
  }
  assert.equal(parse('1Gi').add(parse('512Mi')).toString(), '1536Mi');
  assert.equal(parse('250m').add(parse('1.75')).toString(), '2');
  assert.equal(dec(901, -2, DSI).neg().toString(), '-9010m');
  let sum = dec(0, 0, DSI);
  for (let k = -10; k <= 10; k++) sum = sum.add(scaledQuantity(123456789n * BigInt(k + 11), k));
  for (let k = -10; k <= 10; k++) sum = sum.sub(scaledQuantity(123456789n * BigInt(k + 11), k));
  assert.equal(sum.isZero(), true);
});

test('roundUp', () => {
  const cases: [string, number, Quantity, boolean][] = [
    ['9.01', -3, dec(901, -2, DSI), true], ['9.01', -2, dec(901, -2, DSI), true], ['9.01', -1, dec(91, -1, DSI), false],
    ['9.01', 0, dec(10, 0, DSI), false], ['9.01', 1, dec(10, 0, DSI), false], ['9.01', 2, dec(100, 0, DSI), false],
    ['-9.01', -3, dec(-901, -2, DSI), true], ['-9.01', -1, dec(-91, -1, DSI), false], ['-9.01', 0, dec(-10, 0, DSI), false],
    ['-9.01', 2, dec(-100, 0, DSI), false],
  ];
  for (const [input, scale, want, exact] of cases) {
    const got = parse(input).roundUp(scale);
    assert.equal(got.exact, exact, `${input} ${scale}`);
    assert.equal(got.quantity.cmp(want), 0, `${input} ${scale}: ${got.quantity.toString()}`);
  }
});

test('value, milliValue and scaledValue round away from zero', () => {
  const cases: [string, bigint, bigint][] = [
    ['1', 1n, 1000n], ['1.5', 2n, 1500n], ['-1.5', -2n, -1500n], ['100m', 1n, 100n], ['1n', 1n, 1n], ['0.1m', 1n, 1n],
    ['1Gi', 1073741824n, 1073741824000n], ['0', 0n, 0n], ['-1n', -1n, -1n], ['1.001', 2n, 1001n],
    // Past int64 the result saturates.
    ['9Ei', maxInt64, maxInt64], ['1E', 10n ** 18n, maxInt64], ['-12E', -maxInt64 - 1n, -maxInt64 - 1n],
    ['1e1999999998', maxInt64, maxInt64], ['-1e1999999998', -maxInt64 - 1n, -maxInt64 - 1n],
    ['9223372036854775807', maxInt64, maxInt64], ['9223372036854775808', maxInt64, maxInt64],
  ];
  for (const [input, value, milli] of cases) {
    assert.equal(parse(input).value(), value, input);
    assert.equal(parse(input).milliValue(), milli, input);
  }
  const scales: [number, number, bigint][] = [
    [-9, -9, 1n], [-9, -6, 1n], [-9, 0, 1n], [-6, -9, 1000n], [-3, -9, 1000000n], [-3, -6, 1000n],
    [-3, -3, 1n], [-3, 0, 1n], [0, -9, 1000000000n], [0, -3, 1000n], [0, 0, 1n], [2, -2, 10000n],
  ];
  for (const [from, to, want] of scales) assert.equal(scaledQuantity(1, from).scaledValue(to), want, `${from}→${to}`);
});

test('constructors: milli and scaled quantities print like upstream', () => {
  const cases: [Quantity, string][] = [
    [milliQuantity(1, DSI), '1m'], [milliQuantity(1000, DSI), '1'], [milliQuantity(1234000, DSI), '1234'],
    [milliQuantity(1024, BSI), '1024m'], [milliQuantity(1024 * 1024, BSI), '1048576m'],
    [new Quantity(1, 0, DSI), '1'], [new Quantity(1000, 0, DSI), '1k'], [new Quantity(1234000, 0, DSI), '1234k'],
    [new Quantity(1024, 0, BSI), '1Ki'], [new Quantity(1024 * 1024, 0, BSI), '1Mi'], [new Quantity(1000000, 0, DEX), '1e6'],
    [scaledQuantity(1, -9), '1n'], [scaledQuantity(1000, -9), '1u'], [scaledQuantity(1, -6), '1u'], [scaledQuantity(1000, -6), '1m'],
    [scaledQuantity(1, -3), '1m'], [scaledQuantity(1000, -3), '1'], [scaledQuantity(1, 0), '1'], [scaledQuantity(0, -9), '0'],
  ];
  for (const [q, want] of cases) {
    assert.equal(q.toString(), want);
    assert.equal(parse(q.toString()).cmp(q), 0, want);
  }
});

test('JSON: strings out, strings or numbers in', () => {
  assert.equal(JSON.stringify({ cpu: parse('0.5'), memory: parse('1.5Gi') }), '{"cpu":"500m","memory":"1536Mi"}');
  const cases: [unknown, string | { error: string }][] = [
    [' 1', '1'], ['1 ', '1'], [1, '1'], [10, '10'], [-1, '-1'], [0.5, '500m'], [1e3, '1k'], ['100m', '100m'], [null, '0'],
    [true, { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }],
    ['1x', { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }],
  ];
  for (const [input, want] of cases) {
    const got = quantityFromJSON(input);
    if (typeof want === 'string') assert.equal(got.ok && got.value.toString(), want, String(input));
    else assert.deepEqual(got, { ok: false, error: want.error });
  }
});

test('huge exponents stay cheap', () => {
  const big = parse('1e1999999998');
  assert.equal(big.toString(), '1e1999999998');
  assert.equal(parse('1e2000000000').toString(), '100e1999999998');
  assert.equal(big.cmp(parse('9E')), 1);
  assert.equal(parse('1e-2000000000').toString(), '1e-9');
  assert.equal(parse('12345678901234567890e-2000000000').toString(), '1e-9');
  assert.equal(big.add(parse('0')).toString(), '1e1999999998');
  assert.equal(big.mul(10).toString(), '10e1999999998');
  assert.equal(scaledQuantity(5, -9).scaledValue(1_000_000_000), 1n);
  assert.equal(scaledQuantity(-5, -9).roundUp(2_000_000_000).exact, false);
  assert.ok(Number.isFinite(parse('1.5Gi').asApproximateFloat64()));
  assert.equal(parse('1.5Gi').asApproximateFloat64(), 1610612736);
});

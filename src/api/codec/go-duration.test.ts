import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoDuration, parseGoDuration } from './go-duration.ts';

const NS = 1n;
const US = 1000n;
const MS = 1000n * US;
const S = 1000n * MS;
const M = 60n * S;
const H = 60n * M;
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

// Go's parseDurationTests (time/time_test.go).
const parsed: Array<[string, bigint]> = [
  ['0', 0n], ['5s', 5n * S], ['30s', 30n * S], ['1478s', 1478n * S],
  ['-5s', -5n * S], ['+5s', 5n * S], ['-0', 0n], ['+0', 0n],
  ['5.0s', 5n * S], ['5.6s', 5n * S + 600n * MS], ['5.s', 5n * S], ['.5s', 500n * MS], ['1.0s', S], ['1.00s', S],
  ['1.004s', S + 4n * MS], ['1.0040s', S + 4n * MS], ['100.00100s', 100n * S + MS],
  ['10ns', 10n * NS], ['11us', 11n * US], ['12µs', 12n * US], ['12μs', 12n * US], ['13ms', 13n * MS], ['14s', 14n * S],
  ['15m', 15n * M], ['16h', 16n * H],
  ['3h30m', 3n * H + 30n * M], ['10.5s4m', 4n * M + 10n * S + 500n * MS], ['-2m3.4s', -(2n * M + 3n * S + 400n * MS)],
  ['1h2m3s4ms5us6ns', H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n * NS], ['39h9m14.425s', 39n * H + 9n * M + 14n * S + 425n * MS],
  ['52763797000ns', 52763797000n], ['0.3333333333333333333h', 20n * M], ['9007199254740993ns', 2n ** 53n + 1n],
  ['9223372036854775807ns', MAX], ['9223372036854775.807us', MAX], ['9223372036s854ms775us807ns', MAX],
  ['-9223372036854775808ns', MIN], ['-9223372036854775.808us', MIN], ['-9223372036s854ms775us808ns', MIN],
  ['-2562047h47m16.854775808s', MIN], ['0.100000000000000000000h', 6n * M],
  ['0.830103483285477580700h', 49n * M + 48n * S + 372539827n * NS],
  ['8760h', 8760n * H],
];

test('parseGoDuration agrees with Go\'s ParseDuration', () => {
  for (const [text, ns] of parsed) {
    const got = parseGoDuration(text);
    assert.deepEqual(got, { ok: true, value: ns }, text);
  }
});

test('parseGoDuration refuses what Go refuses, with Go\'s message', () => {
  const invalid = ['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '\x85\x85', '9223372036854775808ns', '9223372036854775.808us',
    '9223372036854ms775us808ns', '-9223372036854775809ns'];
  for (const text of invalid) {
    const got = parseGoDuration(text);
    assert.equal(got.ok, false, JSON.stringify(text));
    if (!got.ok) assert.match(got.error, /^time: (invalid duration|missing unit in duration|unknown unit "[^"]*" in duration) "/, JSON.stringify(text));
  }
  assert.deepEqual(parseGoDuration('1d'), { ok: false, error: 'time: unknown unit "d" in duration "1d"' });
  assert.deepEqual(parseGoDuration('3'), { ok: false, error: 'time: missing unit in duration "3"' });
  assert.deepEqual(parseGoDuration('.s'), { ok: false, error: 'time: invalid duration ".s"' });
});

test('formatGoDuration prints Go\'s Duration.String', () => {
  // Go's durationTests, and a few more.
  const cases: Array<[string, bigint]> = [
    ['0s', 0n], ['1ns', 1n], ['1.1µs', 1100n], ['2.2ms', 2200n * US], ['3.3s', 3300n * MS], ['4m5s', 4n * M + 5n * S],
    ['4m5.001s', 4n * M + 5001n * MS], ['5h6m7.001s', 5n * H + 6n * M + 7001n * MS], ['8m0.000000001s', 8n * M + 1n],
    ['2562047h47m16.854775807s', MAX], ['-2562047h47m16.854775808s', MIN],
    ['1h30m0s', 90n * M], ['1h0m0s', H], ['-1.5s', -1500n * MS], ['999ns', 999n], ['1µs', US], ['8760h0m0s', 8760n * H],
  ];
  for (const [text, ns] of cases) assert.equal(formatGoDuration(ns), text, String(ns));
});

test('durations round-trip through their Go-canonical form', () => {
  for (const [, ns] of parsed) {
    const text = formatGoDuration(ns);
    assert.deepEqual(parseGoDuration(text), { ok: true, value: ns }, text);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTimestamp, parseTimestamp, ZERO_TIME_SECONDS } from './proto-time.ts';

test('parseTimestamp reads RFC 3339 into Unix seconds and nanoseconds', () => {
  const cases: Array<[string, number, number]> = [
    ['1970-01-01T00:00:00Z', 0, 0],
    ['2026-01-02T03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5) / 1000, 0],
    ['2026-01-02T03:04:05.678+01:00', Date.UTC(2026, 0, 2, 2, 4, 5) / 1000, 678_000_000],
    ['2026-01-02t03:04:05.123456789z', Date.UTC(2026, 0, 2, 3, 4, 5) / 1000, 123_456_789],
    ['2026-01-02T03:04:05.1234567891234Z', Date.UTC(2026, 0, 2, 3, 4, 5) / 1000, 123_456_789],
    ['2000-02-29T23:59:59-05:30', Date.UTC(2000, 2, 1, 5, 29, 59) / 1000, 0],
    ['1969-12-31T23:59:59.5Z', -1, 500_000_000],
    ['0001-01-01T00:00:00Z', ZERO_TIME_SECONDS, 0],
    ['9999-12-31T23:59:59Z', 253402300799, 0],
  ];
  for (const [text, seconds, nanos] of cases) assert.deepEqual(parseTimestamp(text), { ok: true, value: { seconds, nanos } }, text);
});

test('parseTimestamp refuses what is not RFC 3339 or not a date', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /not RFC 3339/], ['yesterday', /not RFC 3339/], ['2026-01-02', /not RFC 3339/], ['2026-01-02T03:04:05', /not RFC 3339/],
    ['2026-01-02 03:04:05Z', /not RFC 3339/], ['2026-01-02T03:04:05.Z', /not RFC 3339/], ['2026-01-02T03:04:05+0100', /not RFC 3339/],
    ['2026-01-02T03:04:05Zjunk', /not RFC 3339/], ['2026-1-02T03:04:05Z', /not RFC 3339/],
    ['2026-02-29T00:00:00Z', /out of range/], ['2026-13-01T00:00:00Z', /out of range/], ['2026-00-01T00:00:00Z', /out of range/],
    ['2026-01-01T24:00:00Z', /out of range/], ['2026-01-01T00:60:00Z', /out of range/], ['2026-01-01T00:00:60Z', /out of range/],
    ['2026-01-01T00:00:00+24:00', /offset out of range/],
  ];
  for (const [text, message] of cases) {
    const got = parseTimestamp(text);
    assert.equal(got.ok, false, text);
    if (!got.ok) assert.match(got.error, message, text);
  }
});

test('formatTimestamp prints UTC RFC 3339, with microseconds for MicroTime', () => {
  const cases: Array<[number, number, boolean, string]> = [
    [0, 0, false, '1970-01-01T00:00:00Z'],
    [1767323045, 999_999_999, false, '2026-01-02T03:04:05Z'],
    [1767323045, 123_456_789, true, '2026-01-02T03:04:05.123456Z'],
    [1767323045, 0, true, '2026-01-02T03:04:05.000000Z'],
    [-1, 500_000_000, true, '1969-12-31T23:59:59.500000Z'],
    [0, -1, true, '1969-12-31T23:59:59.999999Z'],
    [0, 2_500_000_000, true, '1970-01-01T00:00:02.500000Z'],
    [951868799, 0, false, '2000-02-29T23:59:59Z'],
    [ZERO_TIME_SECONDS, 0, false, '0001-01-01T00:00:00Z'],
    [253402300799, 0, false, '9999-12-31T23:59:59Z'],
    [253402300800, 0, false, '10000-01-01T00:00:00Z'],
  ];
  for (const [seconds, nanos, micro, text] of cases) assert.equal(formatTimestamp(seconds, nanos, micro), text, text);
});

test('times agree with Date across the range Date covers', () => {
  for (let ms = -8.64e15; ms <= 8.64e15; ms += 7.77e13 + 123456789) {
    const seconds = Math.floor(ms / 1000);
    const iso = new Date(seconds * 1000).toISOString();
    if (!/^\d{4}-/.test(iso)) continue; // outside years 0000-9999
    const text = iso.replace('.000Z', 'Z');
    assert.equal(formatTimestamp(seconds, 0, false), text);
    assert.deepEqual(parseTimestamp(text), { ok: true, value: { seconds, nanos: 0 } }, text);
  }
});

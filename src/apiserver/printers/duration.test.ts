import assert from 'node:assert/strict';
import { test } from 'node:test';
import { age, humanDuration } from './duration.ts';

test('ages print as kubectl prints them', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const cases: Array<[number, string]> = [
    [-5 * s, '<invalid>'], [-1 * s, '0s'], [0, '0s'], [59 * s, '59s'], [119 * s, '119s'], [2 * m, '2m'], [5 * m + 30 * s, '5m30s'],
    [10 * m, '10m'], [179 * m, '179m'], [3 * h, '3h'], [7 * h + 59 * m, '7h59m'], [8 * h, '8h'], [47 * h, '47h'], [2 * d, '2d'],
    [3 * d + 4 * h, '3d4h'], [8 * d, '8d'], [729 * d, '729d'], [730 * d, '2y'], [800 * d, '2y70d'], [8 * 365 * d, '8y'],
  ];
  for (const [ms, expected] of cases) assert.equal(humanDuration(ms), expected, `${ms} ms`);
  assert.equal(age(undefined, 0), '<unknown>');
  assert.equal(age('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:05:00Z')), '5m');
});

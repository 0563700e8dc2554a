import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { Backoff } from './backoff.ts';
import { goDuration } from './go-duration.ts';

test('crash-loop back-off: immediate first retry, doubling to the cap, reset after 2×max', () => {
  const clock = new FakeClock(0);
  const b = new Backoff(clock, 10_000, 300_000);
  const key = 'u/c';
  assert.equal(b.isInBackOffSince(key, 0), false, 'no entry: retry at once');
  b.next(key, 0);
  const delays: number[] = [];
  for (let i = 0; i < 7; i++) {
    const finished = clock.now();
    assert.equal(b.isInBackOffSince(key, finished), true, `in back-off right after exit ${i}`);
    clock.advance(b.delay(key) - 1);
    assert.equal(b.isInBackOffSince(key, finished), true);
    clock.advance(1);
    assert.equal(b.isInBackOffSince(key, finished), false);
    b.next(key, finished);
    delays.push(b.delay(key) / 1000);
  }
  assert.deepEqual(delays, [20, 40, 80, 160, 300, 300, 300]);
  // A container that ran for more than ten minutes starts over at 10 s.
  clock.advance(600_001);
  b.next(key, clock.now());
  assert.equal(b.delay(key), 10_000);
  b.forgetPrefix('u/');
  assert.equal(b.delay(key), 0);
});

test('goDuration prints as Go does', () => {
  for (const [ms, want] of [[10_000, '10s'], [80_000, '1m20s'], [300_000, '5m0s'], [3_600_000, '1h0m0s']] as const) assert.equal(goDuration(ms), want);
});

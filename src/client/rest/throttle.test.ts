import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { RequestThrottle } from './throttle.ts';

/** When (ms after the start) each of `count` requests asked at once is let through. */
async function releaseTimes(qps: number, burst: number, count: number, horizonMs: number): Promise<number[]> {
  const clock = new FakeClock(0);
  const throttle = new RequestThrottle(qps, burst, clock);
  const times: number[] = [];
  const waits = Array.from({ length: count }, () => throttle.wait().then(() => { times.push(clock.now()); }));
  for (let t = 0; t <= horizonMs; t += 10) {
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    clock.advance(10);
  }
  await Promise.all(waits);
  return times;
}

test('requests beyond the burst wait for the bucket to refill at qps, in the order they asked', async () => {
  const cases: Array<{ qps: number; burst: number; count: number; want: number[] }> = [
    { qps: 10, burst: 3, count: 5, want: [0, 0, 0, 100, 200] },
    { qps: 20, burst: 30, count: 4, want: [0, 0, 0, 0] },
    { qps: 100, burst: 0, count: 3, want: [0, 10, 20] }, // a burst below 1 counts as 1
  ];
  for (const c of cases) assert.deepEqual(await releaseTimes(c.qps, c.burst, c.count, 500), c.want, JSON.stringify(c));
});

test('a request waiting for its token is abandoned when its signal aborts; bad qps is refused', async () => {
  const clock = new FakeClock(0);
  const throttle = new RequestThrottle(1, 1, clock);
  await throttle.wait();
  const stop = new AbortController();
  const waiting = throttle.wait(stop.signal);
  stop.abort(new Error('stopped'));
  await assert.rejects(waiting, /stopped/);
  await assert.rejects(throttle.wait(stop.signal), /stopped/, 'an aborted signal is refused at once');
  for (const qps of [0, -1, Number.NaN]) assert.throws(() => new RequestThrottle(qps, 1, clock), /qps must be positive/);
});

test('take: nothing to wait for while tokens are free, then the same wait as wait()', async () => {
  const clock = new FakeClock(0);
  const throttle = new RequestThrottle(10, 2, clock);
  assert.equal(throttle.take(), undefined);
  assert.equal(throttle.take(), undefined);
  let released = false;
  const waiting = throttle.take()?.then(() => { released = true; });
  assert.ok(waiting !== undefined, 'the third request waits');
  clock.advance(99);
  await Promise.resolve();
  assert.equal(released, false);
  clock.advance(1);
  await waiting;
  assert.equal(released, true);
  const stop = new AbortController();
  stop.abort(new Error('stopped'));
  await assert.rejects(throttle.take(stop.signal) ?? Promise.resolve(), /stopped/, 'an aborted signal is refused even with a token free');
});

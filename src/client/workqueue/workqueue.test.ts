import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { DelayingQueue } from './delaying-queue.ts';
import { WorkQueue } from './queue.ts';
import {
  BucketRateLimiter, defaultControllerRateLimiter, ItemExponentialFailureRateLimiter, ItemFastSlowRateLimiter, MaxOfRateLimiter,
} from './rate-limiters.ts';
import { RateLimitingQueue } from './rate-limiting-queue.ts';
import { runWorkers } from './run-workers.ts';

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function take<T>(queue: WorkQueue<T>): Promise<T> {
  const next = await queue.get();
  assert.equal(next.shutdown, false);
  return (next as { item: T }).item;
}

test('per-item exponential backoff: 5 ms doubling up to 1000 s; forget starts over', () => {
  const limiter = new ItemExponentialFailureRateLimiter<string>(5, 1_000_000);
  const delays = Array.from({ length: 22 }, () => limiter.when('a'));
  assert.deepEqual(delays.slice(0, 5), [5, 10, 20, 40, 80]);
  assert.equal(delays[17], 5 * 2 ** 17);
  assert.equal(delays[18], 1_000_000, '5 ms * 2^18 is past the cap');
  assert.equal(delays[21], 1_000_000);
  assert.equal(limiter.numRequeues('a'), 22);
  assert.equal(limiter.when('b'), 5, 'items back off independently');
  limiter.forget('a');
  assert.equal(limiter.numRequeues('a'), 0);
  assert.equal(limiter.when('a'), 5);
  // Huge failure counts stay capped rather than overflowing.
  const overflow = new ItemExponentialFailureRateLimiter<string>(1, 1000);
  for (let i = 0; i < 2000; i++) overflow.when('x');
  assert.equal(overflow.when('x'), 1000);
});

test('fast-slow limiter', () => {
  const limiter = new ItemFastSlowRateLimiter<string>(10, 1000, 2);
  assert.deepEqual([limiter.when('a'), limiter.when('a'), limiter.when('a')], [10, 10, 1000]);
});

test('token bucket: a burst of 100 free, then 10 per second, refilled by time', () => {
  const clock = new FakeClock();
  const bucket = new BucketRateLimiter<string>(10, 100, clock);
  for (let i = 0; i < 100; i++) assert.equal(bucket.when(`k${i}`), 0);
  assert.equal(bucket.when('x'), 100);
  assert.equal(Math.round(bucket.when('y')), 200);
  clock.advance(1000); // 10 tokens back pay the debt of 2 and leave 8
  for (let i = 0; i < 8; i++) assert.equal(bucket.when(`z${i}`), 0);
  assert.equal(Math.round(bucket.when('w')), 100);
  clock.advance(60_000);
  for (let i = 0; i < 100; i++) assert.equal(bucket.when(`v${i}`), 0, 'never more than the burst');
  assert.equal(Math.round(bucket.when('u')), 100);
});

test('the default controller limiter takes the longer of item backoff and the bucket', () => {
  const clock = new FakeClock();
  const limiter = defaultControllerRateLimiter<string>(clock);
  assert.deepEqual([limiter.when('a'), limiter.when('a'), limiter.when('a')], [5, 10, 20]);
  for (let i = 0; i < 97; i++) limiter.when(`other${i}`);
  // The bucket is empty now: a fresh item waits for the next token, not 5 ms.
  assert.equal(Math.round(limiter.when('fresh')), 100);
  assert.equal(limiter.numRequeues('a'), 3);
  limiter.forget('a');
  assert.equal(limiter.numRequeues('a'), 0);
  const max = new MaxOfRateLimiter<string>(new ItemFastSlowRateLimiter(1, 50, 1), new ItemExponentialFailureRateLimiter(2, 100));
  assert.deepEqual([max.when('a'), max.when('a'), max.when('a')], [2, 50, 50]);
});

test('queue: FIFO, duplicates collapse while waiting', async () => {
  const queue = new WorkQueue<string>();
  for (const key of ['a', 'b', 'a', 'c', 'b']) queue.add(key);
  assert.equal(queue.len(), 3);
  assert.deepEqual([await take(queue), await take(queue), await take(queue)], ['a', 'b', 'c']);
});

test('queue: an item added while processing waits for done(), then comes once more', async () => {
  const queue = new WorkQueue<string>();
  queue.add('a');
  assert.equal(await take(queue), 'a');
  queue.add('a');
  queue.add('a');
  assert.equal(queue.len(), 0, 'not handed to a second worker while the first has it');
  let second: string | undefined;
  void take(queue).then((item) => { second = item; });
  await settle();
  assert.equal(second, undefined);
  queue.done('a');
  await settle();
  assert.equal(second, 'a');
  queue.done('a');
  assert.equal(queue.len(), 0, 'done without a new add does not requeue');
});

test('queue: a waiting get() receives the next add; shut-down hands out what is queued, then says so', async () => {
  const queue = new WorkQueue<string>();
  const waiting = queue.get();
  queue.add('x');
  assert.deepEqual(await waiting, { shutdown: false, item: 'x' });
  queue.add('y');
  queue.shutDown();
  queue.add('z');
  assert.equal(await take(queue), 'y');
  assert.deepEqual(await queue.get(), { shutdown: true });
  const idle = new WorkQueue<string>();
  const blocked = idle.get();
  idle.shutDown();
  assert.deepEqual(await blocked, { shutdown: true });
});

test('queue: shutDownWithDrain waits for items in flight', async () => {
  const queue = new WorkQueue<string>();
  queue.add('a');
  await take(queue);
  let drained = false;
  void queue.shutDownWithDrain().then(() => { drained = true; });
  await settle();
  assert.equal(drained, false);
  queue.done('a');
  await settle();
  assert.equal(drained, true);
});

test('delayed adds follow the injected clock; the earliest delay wins; shut-down cancels them', async () => {
  const clock = new FakeClock();
  const queue = new DelayingQueue<string>(clock);
  queue.addAfter('a', 100);
  queue.addAfter('b', 0);
  assert.equal(queue.len(), 1, 'no delay: added at once');
  assert.equal(await take(queue), 'b');
  queue.addAfter('a', 50);
  queue.addAfter('a', 500);
  assert.equal(queue.waitingLen(), 1);
  clock.advance(49);
  assert.equal(queue.len(), 0);
  clock.advance(1);
  assert.equal(queue.len(), 1);
  assert.equal(queue.waitingLen(), 0);
  clock.advance(1000);
  assert.equal(queue.len(), 1, 'the superseded timer does not add it again');
  queue.addAfter('c', 10);
  queue.shutDown();
  assert.equal(queue.waitingLen(), 0);
  clock.advance(10);
  assert.equal(queue.len(), 1);
});

test('rate-limited adds back off per item; forget resets', () => {
  const clock = new FakeClock();
  const queue = new RateLimitingQueue<string>({ clock, rateLimiter: new ItemExponentialFailureRateLimiter(5, 1000) });
  queue.addRateLimited('a');
  clock.advance(4);
  assert.equal(queue.len(), 0);
  clock.advance(1);
  assert.equal(queue.len(), 1);
  queue.addRateLimited('a');
  assert.equal(queue.numRequeues('a'), 2);
  queue.forget('a');
  assert.equal(queue.numRequeues('a'), 0);
});

test('runWorkers: one key is never synced twice at once; failures retry with backoff; success forgets', async () => {
  const clock = new FakeClock();
  const queue = new RateLimitingQueue<string>({ clock });
  const stop = new AbortController();
  let active = 0;
  let maxActive = 0;
  const running = new Set<string>();
  const calls: string[] = [];
  let failuresLeft = 2;
  const releases: (() => void)[] = [];
  const sync = async (key: string): Promise<void> => {
    assert.equal(running.has(key), false, `${key} synced concurrently`);
    running.add(key);
    active++;
    maxActive = Math.max(maxActive, active);
    calls.push(key);
    await new Promise<void>((resolve) => releases.push(resolve));
    running.delete(key);
    active--;
    if (key === 'bad' && failuresLeft-- > 0) throw new Error('not yet');
  };
  const errors: string[] = [];
  const done = runWorkers(queue, 3, sync, stop.signal, { onError: (key) => errors.push(key) });
  queue.add('a');
  queue.add('b');
  await settle();
  queue.add('a'); // while a is being synced
  await settle();
  assert.equal(active, 2);
  for (const release of releases.splice(0)) release();
  await settle();
  assert.deepEqual(calls, ['a', 'b', 'a'], 'a again after its first sync ended');
  for (const release of releases.splice(0)) release();
  await settle();

  queue.add('bad');
  await settle();
  releases.shift()?.();
  await settle();
  assert.deepEqual(errors, ['bad']);
  assert.equal(queue.numRequeues('bad'), 1);
  clock.advance(5);
  await settle();
  releases.shift()?.();
  await settle();
  assert.equal(queue.numRequeues('bad'), 2);
  clock.advance(9);
  await settle();
  assert.equal(calls.filter((k) => k === 'bad').length, 2, 'the second retry waits 10 ms');
  clock.advance(1);
  await settle();
  releases.shift()?.();
  await settle();
  assert.equal(queue.numRequeues('bad'), 0, 'forgotten after it succeeded');
  assert.ok(maxActive <= 3);

  stop.abort();
  await done;
  assert.equal(queue.shuttingDown(), true);
});

test('runWorkers: an abort waits for syncs in flight; maxRetries drops an item', async () => {
  const clock = new FakeClock();
  const queue = new RateLimitingQueue<string>({ clock });
  const stop = new AbortController();
  let release: (() => void) | undefined;
  let syncs = 0;
  const done = runWorkers(queue, 2, async (key) => {
    syncs++;
    if (key === 'slow') await new Promise<void>((resolve) => { release = resolve; });
    else throw new Error('always');
  }, stop.signal, { maxRetries: 1, onError: () => undefined });
  queue.add('fail');
  await settle();
  clock.advance(5);
  await settle();
  assert.equal(syncs, 2, 'tried, retried once, then dropped');
  assert.equal(queue.len() + queue.waitingLen(), 0);
  queue.add('slow');
  await settle();
  let finished = false;
  void done.then(() => { finished = true; });
  stop.abort();
  await settle();
  assert.equal(finished, false, 'the slow sync is still running');
  release?.();
  await done;
});

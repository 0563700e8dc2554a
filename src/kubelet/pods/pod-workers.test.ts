import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { PodWorkers } from './pod-workers.ts';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

test('pod workers: one sync per pod at a time, bursts coalesce, pods run in parallel, wake-ups on the clock', async () => {
  const clock = new FakeClock(0);
  const active = new Map<string, number>();
  const counts = new Map<string, number>();
  let maxPerPod = 0;
  let maxTotal = 0;
  const gates: (() => void)[] = [];
  const wake = new Map<string, number | undefined>();
  const workers = new PodWorkers(clock, async (uid) => {
    active.set(uid, (active.get(uid) ?? 0) + 1);
    counts.set(uid, (counts.get(uid) ?? 0) + 1);
    maxPerPod = Math.max(maxPerPod, active.get(uid) ?? 0);
    maxTotal = Math.max(maxTotal, [...active.values()].reduce((a, b) => a + b, 0));
    await new Promise<void>((r) => gates.push(r));
    active.set(uid, (active.get(uid) ?? 0) - 1);
    return wake.get(uid);
  });
  workers.trigger('a');
  workers.trigger('b');
  for (let i = 0; i < 5; i++) workers.trigger('a');
  await tick();
  assert.equal(maxTotal, 2, 'two pods in parallel');
  // Let every sync finish: a's burst of five became one more sync.
  for (let i = 0; i < 10 && gates.length > 0; i++) {
    gates.splice(0).forEach((g) => g());
    await tick();
  }
  assert.equal(maxPerPod, 1, 'never two syncs of one pod at once');
  assert.deepEqual([counts.get('a'), counts.get('b')], [2, 1]);
  wake.set('b', 10_000);
  workers.trigger('b');
  await tick();
  gates.splice(0).forEach((g) => g());
  await tick();
  wake.set('b', undefined);
  clock.advance(9_999);
  await tick();
  assert.equal(counts.get('b'), 2, 'not before the wake-up time');
  clock.advance(1);
  await tick();
  assert.equal(counts.get('b'), 3, 'woken at the time asked');
  gates.splice(0).forEach((g) => g());
  await workers.stop();
  workers.trigger('b');
  assert.equal(counts.get('b'), 3, 'a stopped worker pool takes no work');
});

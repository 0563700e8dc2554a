import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowStartBatch } from './slow-start.ts';

// Upstream's TestSlowStartBatch: batches of 1, 2, 4, …; the batch with a failure is the last.
const cases = [
  { name: 'all succeed', count: 10, failAt: Infinity, calls: 10, successes: 10, batches: [1, 2, 4, 3] },
  { name: 'first call fails', count: 10, failAt: 0, calls: 1, successes: 0, batches: [1] },
  { name: 'a failure in the third batch', count: 10, failAt: 4, calls: 7, successes: 6, batches: [1, 2, 4] },
  { name: 'nothing to do', count: 0, failAt: Infinity, calls: 0, successes: 0, batches: [] },
];

for (const c of cases) {
  test(`slowStartBatch: ${c.name}`, async () => {
    let calls = 0;
    let inFlight = 0;
    const batches: number[] = [];
    const result = await slowStartBatch(c.count, 1, async () => {
      const n = calls++;
      if (inFlight === 0) batches.push(0);
      inFlight++;
      batches[batches.length - 1] = (batches.at(-1) ?? 0) + 1;
      await Promise.resolve();
      inFlight--;
      if (n === c.failAt) throw new Error('quota');
    });
    assert.equal(calls, c.calls);
    assert.equal(result.successes, c.successes);
    assert.equal(result.failed, c.failAt < c.count);
    assert.deepEqual(batches, c.batches);
  });
}

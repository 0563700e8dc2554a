import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollUntil } from './wait.ts';

test('pollUntil returns the first value, treats throws, undefined and false as "not yet", and names what timed out', async () => {
  let calls = 0;
  const value = await pollUntil('the third try', () => {
    calls++;
    if (calls === 1) throw new Error('not ready');
    return calls === 2 ? false : { calls };
  }, { intervalMs: 1 });
  assert.deepEqual(value, { calls: 3 });
  assert.equal(await pollUntil('a true condition', async () => true, { intervalMs: 1 }), true);
  await assert.rejects(
    pollUntil('never', () => { throw new Error('still broken'); }, { timeoutMs: 20, intervalMs: 5, context: () => 'server log tail' }),
    /^Error: timed out after 20 ms waiting for never: Error: still broken\nserver log tail$/,
  );
});

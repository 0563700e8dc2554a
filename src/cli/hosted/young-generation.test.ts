import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { HOSTED_MAX_SEMI_SPACE_MB, roomyYoungGenerationForThreads } from './young-generation.ts';

const MiB = 1024 * 1024;

/**
 * Allocates much that survives several scavenges, then returns the new space's size: what the
 * young generation grew to. Plain JavaScript, run on a fresh thread and on this one.
 */
const BUSY_NEW_SPACE = `
  let live = [];
  for (let i = 0; i < 3e6; i++) { live.push({ i, s: 'x' + i }); if (live.length > 200000) live = []; }
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;`;

function newSpaceOfBusyThread(): Promise<number> {
  const source = `
    const { getHeapSpaceStatistics } = require('node:v8');
    require('node:worker_threads').parentPort.postMessage((() => { ${BUSY_NEW_SPACE} })());`;
  const worker = new Worker(source, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function newSpaceOfBusyMainThread(): number {
  return (new Function('getHeapSpaceStatistics', BUSY_NEW_SPACE) as (stats: typeof getHeapSpaceStatistics) => number)(getHeapSpaceStatistics);
}

test('threads started after the flag is set may grow their semi-spaces past V8\'s 16 MiB; the main thread keeps its heap', async () => {
  const before = await newSpaceOfBusyThread();
  // V8's default: two semi-spaces of at most 16 MiB each.
  assert.ok(before <= 2 * 16 * MiB, `new space ${before / MiB} MiB before`);
  assert.equal(roomyYoungGenerationForThreads([], ''), true);
  const after = await newSpaceOfBusyThread();
  assert.ok(after > 2 * 16 * MiB && after <= 2 * HOSTED_MAX_SEMI_SPACE_MB * MiB, `new space ${after / MiB} MiB after`);
  // The main thread's heap was sized when the process started: the same work keeps it in V8's default.
  const main = newSpaceOfBusyMainThread();
  assert.ok(main <= 2 * 16 * MiB, `main thread's new space ${main / MiB} MiB`);
});

test('a young generation the user chose when starting node is left as it is', () => {
  assert.equal(roomyYoungGenerationForThreads(['--max-semi-space-size=8'], ''), false);
  assert.equal(roomyYoungGenerationForThreads([], '--semi-space-growth-factor=1'), false);
});

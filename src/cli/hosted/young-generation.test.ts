import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { HOSTED_MAX_SEMI_SPACE_MB, roomyYoungGenerationForThreads } from './young-generation.ts';

const MiB = 1024 * 1024;

/** The new space's size in a fresh thread after it kept much of what it allocated alive through many scavenges. */
function newSpaceOfBusyThread(): Promise<number> {
  const source = `
    const { getHeapSpaceStatistics } = require('node:v8');
    const { parentPort } = require('node:worker_threads');
    let live = [];
    for (let i = 0; i < 3e6; i++) { live.push({ i, s: 'x' + i }); if (live.length > 200000) live = []; }
    parentPort.postMessage(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`;
  const worker = new Worker(source, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

test('threads started after the flag is set may grow their semi-spaces past V8\'s 16 MiB; the main thread keeps its heap', async () => {
  const before = await newSpaceOfBusyThread();
  // V8's default: two semi-spaces of at most 16 MiB each.
  assert.ok(before <= 2 * 16 * MiB, `new space ${before / MiB} MiB before`);
  const mainBefore = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size;
  assert.equal(roomyYoungGenerationForThreads([], ''), true);
  const after = await newSpaceOfBusyThread();
  assert.ok(after > 2 * 16 * MiB && after <= 2 * HOSTED_MAX_SEMI_SPACE_MB * MiB, `new space ${after / MiB} MiB after`);
  assert.ok((getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) <= 2 * 16 * MiB, `main thread's new space ${mainBefore}`);
});

test('a young generation the user chose when starting node is left as it is', () => {
  assert.equal(roomyYoungGenerationForThreads(['--max-semi-space-size=8'], ''), false);
  assert.equal(roomyYoungGenerationForThreads([], '--semi-space-growth-factor=1'), false);
});

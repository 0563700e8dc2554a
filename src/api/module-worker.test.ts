import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { moduleWorker } from './module-worker.ts';

test('moduleWorker runs the module beside the caller (here from its TypeScript source) with its workerData', async () => {
  const worker = moduleWorker(new URL('./module-worker.fixture.js', import.meta.url), { workerData: 41 });
  const [answer] = await once(worker, 'message') as [number];
  assert.equal(answer, 42);
  const [code] = await once(worker, 'exit') as [number];
  assert.equal(code, 0);
});

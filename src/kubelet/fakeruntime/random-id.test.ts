import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RandomIds } from './random-id.ts';

test('IDs are 64 hex digits and distinct, across refills of the pool', () => {
  const ids = new RandomIds();
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = ids.next();
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.ok(!seen.has(id), `id ${i} repeated`);
    seen.add(id);
  }
});

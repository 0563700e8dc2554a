// The sqlite store's own compaction: on a timer, keeping recent history, and giving the
// space back so the file does not grow without bound.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { SqliteStore } from './sqlite-store.ts';

const diskBytes = (dir: string): number => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

async function withStore(fn: (store: SqliteStore, dir: string, clock: FakeClock) => Promise<void>, retainRevisions = 10): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-compact-'));
  const clock = new FakeClock();
  const store = await SqliteStore.open(join(dir, 'state.db'), { clock, compactIntervalMs: 60_000, retainRevisions });
  try {
    await fn(store, dir, clock);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('each interval compacts to the revision seen one interval earlier, keeping the retained revisions', async () => {
  await withStore(async (store, _dir, clock) => {
    let kv = await store.create('/t/a', '0');
    for (let i = 1; i <= 50; i++) kv = await store.update('/t/a', String(i), kv.modRevision);
    const atFirstTick = await store.currentRevision();
    clock.advance(60_000);
    // The first tick has no earlier revision to compact to beyond the starting one (0).
    assert.equal(await store.compactedRevision(), 0);
    for (let i = 51; i <= 60; i++) kv = await store.update('/t/a', String(i), kv.modRevision);
    clock.advance(60_000);
    await until(async () => (await store.compactedRevision()) === atFirstTick, 'the second tick to compact');
    assert.equal((await store.get('/t/a'))?.value, '60');
    await assert.rejects(store.list('/t/', { revision: atFirstTick - 1 }), /too old resource version/);
    assert.equal((await store.list('/t/', { revision: atFirstTick })).items[0]?.value, '50');
  });
});

test('compaction gives the space back: the file shrinks after many updates', async () => {
  await withStore(async (store, dir) => {
    const value = 'x'.repeat(4096);
    const keys = Array.from({ length: 100 }, (_, i) => `/big/${i}`);
    const revisions = new Map<string, number>();
    for (const key of keys) revisions.set(key, (await store.create(key, value)).modRevision);
    for (let round = 0; round < 50; round++) {
      await Promise.all(keys.map(async (key) => {
        revisions.set(key, (await store.update(key, `${value}${round}`, revisions.get(key)!)).modRevision);
      }));
    }
    const before = diskBytes(dir);
    assert.ok(before > 15 * 1024 * 1024, `5,100 writes of 4 KiB take room (${before} bytes)`);
    await store.compact(await store.currentRevision());
    const after = diskBytes(dir);
    assert.ok(after < before / 4, `after compaction ${after} bytes, before ${before}`);
    assert.equal(await store.count('/big/'), 100);
    assert.equal((await store.get('/big/7'))?.value, `${value}49`);
  });
});

test('a revision is never handed out twice, even when compaction removed the newest row (a tombstone) before a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-compact-'));
  const path = join(dir, 'state.db');
  try {
    let store = await SqliteStore.open(path, { compactIntervalMs: 0 });
    await store.create('/r/a', 'a');
    await store.create('/r/b', 'b');
    const deleted = await store.delete('/r/b');
    await store.compact(deleted.modRevision);
    assert.equal(await store.currentRevision(), deleted.modRevision);
    await store.close();
    store = await SqliteStore.open(path, { compactIntervalMs: 0 });
    try {
      assert.equal(await store.currentRevision(), deleted.modRevision, 'the revision survives its row');
      assert.equal((await store.create('/r/c', 'c')).modRevision, deleted.modRevision + 1);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

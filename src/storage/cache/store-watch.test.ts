import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isStorageError } from '../errors.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import type { KeyValue } from '../store.ts';
import { watchStore, type StoreWatchOptions } from './store-watch.ts';
import type { CacheEvent } from './types.ts';
import { WatchCache, type InitialEventsEnd } from './watch-cache.ts';

let dir: string;
let store: SqliteStore;
let cache: WatchCache;
const controller = new AbortController();
let decoded = 0;

const bucketOf = (key: string): string => key.split('/').slice(0, 4).join('/') + '/';
const decode = (kv: KeyValue): Record<string, unknown> => {
  decoded++;
  return { ...(JSON.parse(kv.value) as object), rv: kv.modRevision };
};
const obj = (name: string, labels: Record<string, string> = {}): string => JSON.stringify({ name, labels });
const EVENTS = '/registry/core/events/';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-store-watch-'));
  store = await SqliteStore.open(join(dir, 'state.db'));
  await store.create(`${EVENTS}a/e1`, obj('e1', { app: 'x' }));
  await store.create(`${EVENTS}b/e2`, obj('e2'));
  await store.create('/registry/core/pods/a/p', obj('p'));
  cache = new WatchCache(store, { prefix: '/registry/', bucketOf, decode });
  void cache.run(controller.signal);
  await cache.ready();
});

after(async () => {
  controller.abort();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function take(options: Omit<StoreWatchOptions, 'decode' | 'signal'>, count: number, act?: () => Promise<void>): Promise<string[]> {
  const out: string[] = [];
  const signal = AbortSignal.timeout(5000);
  const events = watchStore(store, { ...options, decode, signal });
  let acted = act === undefined;
  const describe = (e: CacheEvent | InitialEventsEnd): string =>
    e.type === 'BOOKMARK' ? `BOOKMARK${'initialEventsEnd' in e ? ' end' : ''} ${e.revision > 0}` : `${e.type} ${String(e.object.object['name'])}`;
  for await (const event of events) {
    out.push(describe(event));
    if (!acted && event.type === 'BOOKMARK') {
      acted = true;
      await act?.();
    }
    if (out.length === count) break;
  }
  return out;
}

test('an excluded bucket is dropped from the cache: its changes only advance the revision, and reading it from the cache is refused', async () => {
  assert.equal(cache.get(`${EVENTS}a/e1`)?.object['name'], 'e1', 'cached before');
  cache.exclude(EVENTS);
  assert.equal(cache.caches(`${EVENTS}a/`), false);
  assert.equal(cache.caches('/registry/core/pods/'), true);
  assert.equal(cache.get(`${EVENTS}a/e1`), undefined);
  assert.throws(() => cache.list(EVENTS), (e: unknown) => isStorageError(e, 'Unavailable'));
  const before = decoded;
  const kv = await store.create(`${EVENTS}a/e3`, obj('e3'));
  await cache.waitFor(kv.modRevision);
  assert.equal(decoded, before, 'not decoded by the cache');
  assert.equal(cache.get(`${EVENTS}a/e3`), undefined);
  await assert.rejects(async () => {
    for await (const _ of cache.watch({ keyPrefix: EVENTS, start: { kind: 'initial', endBookmark: false } })) break;
  }, (e: unknown) => isStorageError(e, 'Unavailable'));
});

test('a Store watch from the start sends the current objects, the end-of-initial-events bookmark, then changes', async () => {
  const seen = await take({ keyPrefix: `${EVENTS}a/`, start: { kind: 'initial', endBookmark: true } }, 5, async () => {
    await store.create(`${EVENTS}a/e4`, obj('e4'));
    await store.create(`${EVENTS}b/elsewhere`, obj('elsewhere'));
    const current = await store.get(`${EVENTS}a/e4`);
    await store.delete(`${EVENTS}a/e4`, { modRevision: current?.modRevision ?? 0 });
  });
  assert.deepEqual(seen, ['ADDED e1', 'ADDED e3', 'BOOKMARK end true', 'ADDED e4', 'DELETED e4']);
});

test('a Store watch with a filter sees objects move in (ADDED) and out (DELETED); one resumed from a revision replays what came after it', async () => {
  const start = await store.currentRevision();
  const e2 = await store.get(`${EVENTS}b/e2`);
  const labelled = await store.update(`${EVENTS}b/e2`, obj('e2', { app: 'x' }), e2?.modRevision ?? 0);
  await store.update(`${EVENTS}b/e2`, obj('e2', { app: 'x', more: 'y' }), labelled.modRevision);
  const again = await store.get(`${EVENTS}b/e2`);
  await store.update(`${EVENTS}b/e2`, obj('e2'), again?.modRevision ?? 0);
  await store.create(`${EVENTS}b/unlabelled`, obj('unlabelled'));
  const app = (o: Readonly<Record<string, unknown>>): boolean => (o['labels'] as Record<string, string> | undefined)?.['app'] === 'x';
  assert.deepEqual(await take({ keyPrefix: EVENTS, start: { kind: 'after', revision: start }, filter: app }, 3),
    ['ADDED e2', 'MODIFIED e2', 'DELETED e2']);
  assert.deepEqual(await take({ keyPrefix: EVENTS, start: { kind: 'after', revision: start } }, 4),
    ['MODIFIED e2', 'MODIFIED e2', 'MODIFIED e2', 'ADDED unlabelled']);
});

test('a Store watch from a compacted revision fails with Expired (410 for the client)', async () => {
  const kv = await store.create(`${EVENTS}a/late`, obj('late'));
  await store.compact(kv.modRevision);
  await assert.rejects(take({ keyPrefix: EVENTS, start: { kind: 'after', revision: 1 } }, 1), (e: unknown) => isStorageError(e, 'Expired'));
});

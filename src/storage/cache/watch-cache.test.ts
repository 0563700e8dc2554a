import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isStorageError } from '../errors.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import type { KeyValue } from '../store.ts';
import type { CacheEvent } from './types.ts';
import { WatchCache, type CacheWatchOptions, type InitialEventsEnd } from './watch-cache.ts';

let dir: string;
let store: SqliteStore;
let cache: WatchCache;
const controller = new AbortController();

/** "/registry/core/pods/ns/name" → bucket "/registry/core/pods/". */
const bucketOf = (key: string): string => key.split('/').slice(0, 4).join('/') + '/';
const decode = (kv: KeyValue, parsed?: Record<string, unknown>): Record<string, unknown> => ({ ...(parsed ?? (JSON.parse(kv.value) as object)), rv: kv.modRevision });
const obj = (name: string, labels: Record<string, string> = {}): string => JSON.stringify({ name, labels });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-cache-'));
  store = await SqliteStore.open(join(dir, 'state.db'));
  await store.create('/registry/core/pods/a/one', obj('one', { app: 'x' }));
  await store.create('/registry/core/pods/b/two', obj('two'));
  await store.create('/registry/core/configmaps/a/cm', obj('cm'));
  cache = new WatchCache(store, { prefix: '/registry/', bucketOf, decode, eventsPerBucket: 5, freshnessTimeoutMs: 200 });
  void cache.run(controller.signal);
  await cache.ready();
});

after(async () => {
  controller.abort();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function take(options: CacheWatchOptions, count: number): Promise<Array<CacheEvent | InitialEventsEnd>> {
  const events: Array<CacheEvent | InitialEventsEnd> = [];
  const signal = AbortSignal.any([AbortSignal.timeout(5000), ...(options.signal ? [options.signal] : [])]);
  for await (const event of cache.watch({ ...options, signal })) {
    events.push(event);
    if (events.length === count) break;
  }
  return events;
}

const describe = (e: CacheEvent | InitialEventsEnd): string =>
  e.type === 'BOOKMARK' ? `BOOKMARK${'initialEventsEnd' in e ? ' end' : ''}` : `${e.type} ${e.object.key}`;

test('lists the current objects of a bucket or a namespace, in key order', async () => {
  await cache.waitUntilFresh();
  assert.deepEqual(cache.list('/registry/core/pods/').items.map((o) => o.key), ['/registry/core/pods/a/one', '/registry/core/pods/b/two']);
  assert.deepEqual(cache.list('/registry/core/pods/b/').items.map((o) => o.object['name']), ['two']);
  assert.equal(cache.list('/registry/core/secrets/').items.length, 0);
  assert.equal(cache.get('/registry/core/configmaps/a/cm')?.object['name'], 'cm');
});

test('a watch from the start sends the current objects, then changes', async () => {
  const events = take({ keyPrefix: '/registry/core/pods/', start: { kind: 'initial', endBookmark: true } }, 4);
  await new Promise((resolve) => setImmediate(resolve));
  await store.create('/registry/core/pods/c/three', obj('three'));
  assert.deepEqual((await events).map(describe), [
    'ADDED /registry/core/pods/a/one', 'ADDED /registry/core/pods/b/two', 'BOOKMARK end', 'ADDED /registry/core/pods/c/three',
  ]);
});

test('a watch from a revision replays the window; a revision before it is Expired', async () => {
  const start = await store.currentRevision();
  const kv = await store.create('/registry/core/pods/d/four', obj('four'));
  await store.update('/registry/core/pods/d/four', obj('four', { v: '2' }), kv.modRevision);
  await cache.waitUntilFresh();
  const events = await take({ keyPrefix: '/registry/core/pods/', start: { kind: 'after', revision: start } }, 2);
  assert.deepEqual(events.map(describe), ['ADDED /registry/core/pods/d/four', 'MODIFIED /registry/core/pods/d/four']);
  for (let i = 0; i < 6; i++) await store.create(`/registry/core/pods/e/${i}`, obj(String(i)));
  await cache.waitUntilFresh();
  await assert.rejects(take({ keyPrefix: '/registry/core/pods/', start: { kind: 'after', revision: start } }, 1), (e: unknown) => isStorageError(e, 'Expired'));
});

test('a watch of a resource with no objects resumes from the revision it was listed at, whatever was written elsewhere since', async () => {
  const prefix = '/registry/batch/cronjobs/';
  const listed = cache.list(prefix);
  assert.deepEqual(listed.items, []);
  // More writes to other resources than a bucket's window holds (5 here).
  for (let i = 0; i < 7; i++) await store.create(`/registry/core/configmaps/h/${i}`, obj(String(i)));
  await cache.waitUntilFresh();
  const events = take({ keyPrefix: prefix, start: { kind: 'after', revision: listed.revision } }, 1);
  await new Promise((resolve) => setImmediate(resolve));
  await store.create(`${prefix}h/nightly`, obj('nightly'));
  assert.deepEqual((await events).map(describe), [`ADDED ${prefix}h/nightly`]);
});

test('a filtered watch sees objects move in (ADDED) and out (DELETED) of its selection', async () => {
  const start = await store.currentRevision();
  const filter = (o: Readonly<Record<string, unknown>>): boolean => (o['labels'] as Record<string, string>)['app'] === 'x';
  const events = take({ keyPrefix: '/registry/core/pods/', start: { kind: 'after', revision: start }, filter }, 3);
  const kv = await store.create('/registry/core/pods/f/mover', obj('mover'));
  const inside = await store.update('/registry/core/pods/f/mover', obj('mover', { app: 'x' }), kv.modRevision);
  const outside = await store.update('/registry/core/pods/f/mover', obj('mover', { app: 'y' }), inside.modRevision);
  await store.delete('/registry/core/pods/f/mover');
  await store.create('/registry/core/pods/f/other', obj('other', { app: 'x' }));
  const seen = await events;
  assert.deepEqual(seen.map(describe), ['ADDED /registry/core/pods/f/mover', 'DELETED /registry/core/pods/f/mover', 'ADDED /registry/core/pods/f/other']);
  assert.equal(seen[1]?.revision, outside.modRevision);
});

test('waitFor a revision the store never reaches fails with TooLargeRevision', async () => {
  await assert.rejects(cache.waitFor((await store.currentRevision()) + 100), (e: unknown) => isStorageError(e, 'TooLargeRevision'));
});

test('a thousand watchers cost one store watch and all see a write', async () => {
  const start = await store.currentRevision();
  const watchers = Array.from({ length: 1000 }, () => take({ keyPrefix: '/registry/core/configmaps/', start: { kind: 'after', revision: start } }, 1));
  await store.create('/registry/core/configmaps/z/fan-out', obj('fan-out'));
  const all = await Promise.all(watchers);
  assert.ok(all.every((events) => events[0]?.type === 'ADDED'));
});

test('listPage: pages of the current state, and of an earlier revision while nothing under the prefix changed since', async () => {
  const p = '/registry/apps/deployments/';
  for (const key of ['n1/a', 'n1/b', 'n1/c', 'n2/d']) await store.create(`${p}${key}`, obj(key));
  await cache.waitUntilFresh();
  const at = cache.revision;
  const keysOf = (page: ReturnType<WatchCache['listPage']>): unknown => page === undefined ? 'from the Store' : { keys: page.items.map((o) => o.key.slice(p.length)), next: page.next, revision: page.revision };
  const pages = (): Array<[string, unknown, unknown]> => [
    ['first page of n1/', keysOf(cache.listPage(`${p}n1/`, {}, 2)), { keys: ['n1/a', 'n1/b'], next: { key: `${p}n1/c`, remaining: 1 }, revision: cache.revision }],
    ['n1/ from n1/c at the first revision', keysOf(cache.listPage(`${p}n1/`, { revision: at, startKey: `${p}n1/c` }, 2)), { keys: ['n1/c'], next: undefined, revision: at }],
    ['the bucket, no limit', keysOf(cache.listPage(p, { revision: at }, 0)), { keys: ['n1/a', 'n1/b', 'n1/c', 'n2/d'], next: undefined, revision: at }],
    ['a revision the cache has not reached', keysOf(cache.listPage(`${p}n1/`, { revision: cache.revision + 10 }, 2)), 'from the Store'],
    ['a filter that drops n1/a', keysOf(cache.listPage(`${p}n1/`, {}, 1, (o) => o['name'] !== 'n1/a')), { keys: ['n1/b'], next: { key: `${p}n1/c`, remaining: 1 }, revision: cache.revision }],
  ];
  for (const [name, got, want] of pages()) assert.deepEqual(got, want, name);
  // A change elsewhere in the bucket leaves n1/'s snapshot servable; one under n1/ does not.
  await store.create(`${p}n2/e`, obj('n2/e'));
  await cache.waitUntilFresh();
  assert.deepEqual(keysOf(cache.listPage(`${p}n1/`, { revision: at }, 0)), { keys: ['n1/a', 'n1/b', 'n1/c'], next: undefined, revision: at });
  assert.equal(keysOf(cache.listPage(p, { revision: at }, 0)), 'from the Store', 'n2/e was created since');
  await store.create(`${p}n1/bb`, obj('n1/bb'));
  await cache.waitUntilFresh();
  assert.equal(keysOf(cache.listPage(`${p}n1/`, { revision: at }, 0)), 'from the Store');
  // Once the window (5 events per bucket here) has moved past the revision, nothing can tell.
  for (let i = 0; i < 6; i++) await store.create(`${p}n3/${i}`, obj(String(i)));
  await cache.waitUntilFresh();
  assert.equal(keysOf(cache.listPage(`${p}n2/`, { revision: at + 1 }, 0)), 'from the Store');
});

test('expect: the event of the expected value takes the writer\'s parse; any other value, a forgotten one or an excluded bucket\'s is parsed', async () => {
  const key = '/registry/core/pods/g/expected';
  // A marker that parsing the value would not give shows which decode ran.
  const parsedBy = (value: string) => () => ({ ...(JSON.parse(value) as object), by: 'writer' });
  const byOf = (): unknown => cache.get(key)?.object['by'];
  const v1 = obj('expected', { v: '1' });
  cache.expect(key, v1, parsedBy(v1));
  const kv = await store.create(key, v1);
  await cache.waitUntilFresh();
  assert.equal(byOf(), 'writer');
  assert.equal(cache.get(key)?.object['rv'], kv.modRevision);
  // Another writer's value lands first: parsed, and the expectation waits for its own write.
  const v2 = obj('expected', { v: '2' });
  const v3 = obj('expected', { v: '3' });
  cache.expect(key, v3, parsedBy(v3));
  const kv2 = await store.update(key, v2, kv.modRevision);
  await cache.waitUntilFresh();
  assert.equal(byOf(), undefined);
  const kv3 = await store.update(key, v3, kv2.modRevision);
  await cache.waitUntilFresh();
  assert.equal(byOf(), 'writer');
  // A write that failed was forgotten: an equal value written later is parsed.
  const v4 = obj('expected', { v: '4' });
  cache.expect(key, v4, parsedBy(v4));
  cache.forget(key, v4);
  await store.update(key, v4, kv3.modRevision);
  await cache.waitUntilFresh();
  assert.equal(byOf(), undefined);
  // Excluded buckets keep no objects, so nothing is expected of them (parse is not even called).
  cache.exclude('/registry/core/events/');
  cache.expect('/registry/core/events/g/e', obj('e'), () => assert.fail('parsed for an excluded bucket'));
});

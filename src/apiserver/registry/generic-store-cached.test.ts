// Writes that start from the watch cache's copy of an object (upstream's cachedExistingObject):
// a fresh copy saves the Store read; a stale one never makes a write land on a state it did not
// show, and nothing decided on it reaches the client.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { map, opt, raw, string, struct } from '../../api/schema/shape.ts';
import { StatusError } from '../../api/status.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../api/validation/names.ts';
import { objectJson } from '../../storage/cache/object-json.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import type { Store } from '../../storage/store.ts';
import { GenericStore, type RequestScope } from './generic-store.ts';
import { bindPod } from './core/pods/binding.ts';
import { decodeStored } from './stored.ts';
import { pods } from './core/pods/strategy.ts';
import { keys, type ApiObject, type ResourceDef } from './resource.ts';
import { stalledWatch } from './test-registry.fixture.ts';

const Gizmo = struct('test.Gizmo', { apiVersion: opt(0, string), kind: opt(0, string), metadata: opt(1, raw), spec: opt(2, map(string)) });
const gizmos: ResourceDef = {
  group: 'example.io', version: 'v1', resource: 'gizmos', singular: 'gizmo', kind: 'Gizmo', listKind: 'GizmoList',
  namespaced: true, shape: Gizmo as never, strategy: { validateName: nameIsDNSSubdomain },
};
const scope: RequestScope = { namespace: 'default', dryRun: false };

let dir: string;
let sqlite: SqliteStore;
/** Reads the Store through this, counting its get() calls. */
let counted: Store;
let storeGets = 0;
/** Sees the Store as it was when the cache started; the cache's watch never delivers. */
let staleStore: GenericStore;
/** A cache that follows the Store. */
let liveStore: GenericStore;
let stalePods: GenericStore<Pod>;
const stop = new AbortController();

/** `target`, counting its get() calls. */
function countingStore(target: SqliteStore): Store {
  return new Proxy(target, {
    get(t, property, receiver) {
      if (property === 'get') storeGets++;
      const value: unknown = Reflect.get(t, property, receiver);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  }) as Store;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-generic-store-cached-'));
  sqlite = await SqliteStore.open(join(dir, 'state.db'));
  counted = countingStore(sqlite);
  // As the API server's: writers tell it what their values parse to (see WatchCache.expect).
  const liveCache = new WatchCache(sqlite, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: decodeStored });
  liveStore = new GenericStore(gizmos, { store: counted, cache: liveCache });
  void liveCache.run(stop.signal);
  await liveCache.ready();
  for (const name of ['patched', 'pinned', 'gone', 'guarded', 'fresh']) await liveStore.create(scope, { metadata: { name }, spec: { v: '1' } });
  const livePods = new GenericStore(pods, { store: counted, cache: liveCache });
  await livePods.create(scope, { metadata: { name: 'web' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } });
  const staleCache = new WatchCache(stalledWatch(sqlite), { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => staleStore.decodeStored(kv) });
  staleStore = new GenericStore(gizmos, { store: counted, cache: staleCache });
  stalePods = new GenericStore(pods, { store: counted, cache: staleCache });
  void staleCache.run(stop.signal);
  await staleCache.ready();
  // Written after the stale cache's list: it keeps showing v=1.
  for (const name of ['patched', 'pinned', 'guarded']) {
    const current = await liveStore.get(scope, name);
    await liveStore.update(scope, name, { ...current, spec: { v: '2', other: 'kept' } });
  }
  await liveStore.delete(scope, 'gone', {});
  await bindPod(livePods, scope, 'web', { metadata: { name: 'web' }, target: { kind: 'Node', name: 'node-1' } });
});

after(async () => {
  stop.abort();
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A merge patch of `spec` as the PATCH handler makes it: computed from whatever copy it is given. */
function patchSpec(store: GenericStore, name: string, spec: Record<string, string>, resourceVersion?: string) {
  const seen: Array<{ v: string | undefined; cached: boolean }> = [];
  const run = store.readModifyWrite(scope, name, async (current, cached) => {
    seen.push({ v: (current?.['spec'] as Record<string, string> | undefined)?.['v'], cached });
    if (current === undefined) throw new Error('not found');
    const input: ApiObject = { ...current, spec: { ...(current['spec'] as Record<string, string>), ...spec } };
    if (resourceVersion !== undefined) input.metadata = { ...input.metadata, resourceVersion };
    return (await store.update(scope, name, input, { current, derived: cached })).object;
  });
  return { run, seen };
}

test('a patch computed on a stale cached copy is computed again on the Store\'s object: no write is lost', async () => {
  const { run, seen } = patchSpec(staleStore, 'patched', { v: '3' });
  const object = await run;
  assert.deepEqual(seen, [{ v: '1', cached: true }, { v: '2', cached: false }]);
  assert.deepEqual(object['spec'], { v: '3', other: 'kept' });
  assert.deepEqual((await liveStore.get(scope, 'patched'))['spec'], { v: '3', other: 'kept' });
});

test('a resourceVersion the stale cache has not seen yet is checked against the Store, not refused', async () => {
  const stored = await liveStore.get(scope, 'pinned');
  const { run } = patchSpec(staleStore, 'pinned', { v: '4' }, stored.metadata?.resourceVersion);
  assert.deepEqual((await run)['spec'], { v: '4', other: 'kept' });
  // …while an old one is a conflict once the Store confirms it.
  const { run: old } = patchSpec(staleStore, 'pinned', { v: '5' }, stored.metadata?.resourceVersion);
  await assert.rejects(old, (e: unknown) => e instanceof StatusError && e.code === 409);
});

test('a fresh cached copy saves the Store read', async () => {
  await liveStore.cache.waitUntilFresh();
  const before = storeGets;
  const { run, seen } = patchSpec(liveStore, 'fresh', { v: '6' });
  assert.deepEqual((await run)['spec'], { v: '6' });
  assert.deepEqual(seen, [{ v: '1', cached: true }]);
  assert.equal(storeGets, before, 'no Store get');
  await liveStore.cache.waitUntilFresh();
  const beforeDelete = storeGets;
  assert.equal((await liveStore.delete(scope, 'fresh', {})).deleted, true);
  assert.equal(storeGets, beforeDelete, 'no Store get');
  assert.equal(await sqlite.get(keys.object(gizmos, 'default', 'fresh')), undefined);
});

test('deleting what the stale cache still shows but the Store no longer has is a 404', async () => {
  await assert.rejects(staleStore.delete(scope, 'gone', {}), (e: unknown) => e instanceof StatusError && e.code === 404);
});

test('delete preconditions are checked against the Store when the cached copy disagrees', async () => {
  const stored = await liveStore.get(scope, 'guarded');
  await assert.rejects(staleStore.delete(scope, 'guarded', { preconditions: { resourceVersion: '1' } }), (e: unknown) => e instanceof StatusError && e.code === 409);
  const outcome = await staleStore.delete(scope, 'guarded', { preconditions: { resourceVersion: stored.metadata?.resourceVersion ?? '' } });
  assert.equal(outcome.deleted, true);
  assert.deepEqual(outcome.object['spec'], { v: '2', other: 'kept' }, 'the deleted object as stored, not as cached');
});

test('a binding decided on a stale cached pod is decided again: a bound pod is never bound twice', async () => {
  await assert.rejects(bindPod(stalePods, scope, 'web', { metadata: { name: 'web' }, target: { kind: 'Node', name: 'node-2' } }),
    (e: unknown) => e instanceof StatusError && e.code === 409 && /already assigned to node "node-1"/.test(e.message));
});

test('the watch cache holds what parsing the stored values gives, byte for byte, whether it parsed them or the writer told it', async () => {
  // Written by create, update (from an object read with its resourceVersion), delete (finalizer
  // set: an update) and binding; several writes to one key.
  await liveStore.create(scope, { metadata: { name: 'told', labels: { a: '1' }, finalizers: ['example.io/hold'] }, spec: { v: '1' } });
  const current = await liveStore.get(scope, 'told');
  await liveStore.update(scope, 'told', { ...current, spec: { v: '2', w: 'x' } });
  await liveStore.delete(scope, 'told', {});
  const pod = keys.object(pods, 'default', 'web');
  await liveStore.cache.waitUntilFresh();
  for (const key of [keys.object(gizmos, 'default', 'told'), keys.object(gizmos, 'default', 'patched'), pod]) {
    const stored = await sqlite.get(key);
    assert.ok(stored !== undefined);
    const cached = liveStore.cache.get(key)?.object;
    assert.ok(cached !== undefined);
    assert.equal(JSON.stringify(cached), JSON.stringify(decodeStored(stored)), key);
    // …and so is the encoding watchers are sent, made from the writer's.
    assert.equal(objectJson(cached), JSON.stringify(decodeStored(stored)), key);
  }
  assert.equal(((liveStore.cache.get(pod)?.object['spec'] as Pod['spec'])?.nodeName), 'node-1');
});

test('a write\'s returned object comes with its encoding when it encodes as stored (resourceVersion last), and only then', async () => {
  const created = await liveStore.createWithJson(scope, { metadata: { name: 'answered', labels: { a: '1' } }, spec: { v: '1' } });
  assert.equal(created.json?.(), JSON.stringify(created.object));
  // Sent back as read: resourceVersion last in metadata, as every answer has it.
  const updated = await liveStore.update(scope, 'answered', { ...created.object, spec: { v: '2' } });
  assert.equal(updated.json?.(), JSON.stringify(updated.object));
  // resourceVersion elsewhere: the object encodes differently from the stored value, so no encoding.
  const current = await liveStore.get(scope, 'answered');
  const { name: _n, ...rest } = current.metadata ?? {};
  const reordered = await liveStore.update(scope, 'answered', { ...current, metadata: { resourceVersion: current.metadata?.resourceVersion ?? '', name: 'answered', ...rest }, spec: { v: '3' } });
  assert.notEqual(lastMetadataKey(reordered.object), 'resourceVersion');
  assert.equal(reordered.json, undefined);
  // A delete held by a finalizer is an update, whose deletionTimestamp follows resourceVersion.
  await liveStore.update(scope, 'answered', { ...reordered.object, metadata: { ...reordered.object.metadata, finalizers: ['example.io/hold'] } });
  const held = await liveStore.delete(scope, 'answered', {});
  assert.equal(held.deleted, false);
  assert.notEqual(lastMetadataKey(held.object), 'resourceVersion');
  assert.equal(held.json, undefined);
});

function lastMetadataKey(object: ApiObject): string | undefined {
  return Object.keys(object.metadata ?? {}).at(-1);
}

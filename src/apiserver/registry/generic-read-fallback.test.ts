// A consistent list (resourceVersion "") when the watch cache cannot catch up with the Store in
// time: the Store answers, as upstream's cacher falls back to etcd, instead of a 504.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EVERYTHING as ALL_FIELDS } from '../../api/fields/selector.ts';
import { EVERYTHING as ALL_LABELS } from '../../api/labels/selector.ts';
import { map, opt, raw, string, struct } from '../../api/schema/shape.ts';
import { nameIsDNSSubdomain } from '../../api/validation/names.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import { GenericStore } from './generic-store.ts';
import { listObjects, type ListParams } from './generic-read.ts';
import { keys, type ResourceDef } from './resource.ts';
import { stalledWatch } from './test-registry.fixture.ts';

const Gadget = struct('test.Gadget', { apiVersion: opt(0, string), kind: opt(0, string), metadata: opt(1, raw), spec: opt(2, map(string)) });
const gadgets: ResourceDef = {
  group: 'example.io', version: 'v1', resource: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList',
  namespaced: true, shape: Gadget as never, strategy: { validateName: nameIsDNSSubdomain },
};

let dir: string;
let sqlite: SqliteStore;
let gadgetStore: GenericStore;
const stop = new AbortController();
const all: ListParams = { labels: ALL_LABELS, fields: ALL_FIELDS, limit: 0, continue: undefined, resourceVersion: undefined, resourceVersionMatch: undefined };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-generic-read-fallback-'));
  sqlite = await SqliteStore.open(join(dir, 'state.db'));
  // The cache's watch never delivers an event: it stays at the revision of its first list.
  const stalled = stalledWatch(sqlite);
  const cache = new WatchCache(stalled, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => gadgetStore.decodeStored(kv), freshnessTimeoutMs: 50 });
  gadgetStore = new GenericStore(gadgets, { store: sqlite, cache });
  void cache.run(stop.signal);
  await cache.ready();
});

after(async () => {
  stop.abort();
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a consistent list the lagging cache cannot serve in time comes from the Store, whole and paged', async () => {
  const scope = { namespace: 'default', dryRun: false };
  for (const name of ['a', 'b', 'c']) await gadgetStore.create(scope, { metadata: { name }, spec: { v: '1' } });
  const revision = await sqlite.currentRevision();
  const whole = await listObjects(gadgetStore, scope, all);
  assert.deepEqual(whole.items.map((g) => g.metadata?.name), ['a', 'b', 'c']);
  assert.equal(whole.resourceVersion, String(revision));
  const first = await listObjects(gadgetStore, scope, { ...all, limit: 2 });
  assert.deepEqual(first.items.map((g) => g.metadata?.name), ['a', 'b']);
  assert.ok(first.continue !== undefined);
  const rest = await listObjects(gadgetStore, scope, { ...all, limit: 2, continue: first.continue });
  assert.deepEqual(rest.items.map((g) => g.metadata?.name), ['c']);
  // A read pinned to a revision the cache has not reached still answers "too large" (upstream's 504).
  await assert.rejects(listObjects(gadgetStore, scope, { ...all, resourceVersion: String(revision) }), /Too large resource version/);
});

test('a whole list read from the Store in chunks is still one complete snapshot', async () => {
  const scope = { namespace: 'many', dryRun: false };
  for (let i = 0; i < 1_005; i++) await gadgetStore.create(scope, { metadata: { name: `g${String(i).padStart(4, '0')}` }, spec: { v: '1' } });
  const whole = await listObjects(gadgetStore, scope, all);
  assert.equal(whole.items.length, 1_005);
  assert.equal(whole.items[1_004]?.metadata?.name, 'g1004');
  assert.equal(whole.continue, undefined);
  assert.equal(whole.resourceVersion, String(await sqlite.currentRevision()));
});

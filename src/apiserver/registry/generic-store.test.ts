import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EVERYTHING as ALL_FIELDS, parseFieldSelector } from '../../api/fields/selector.ts';
import { EVERYTHING as ALL_LABELS, parseSelector } from '../../api/labels/selector.ts';
import { int32, map, opt, raw, string, struct } from '../../api/schema/shape.ts';
import { StatusError } from '../../api/status.ts';
import { nameIsDNSSubdomain } from '../../api/validation/names.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import { GenericStore, type RequestScope } from './generic-store.ts';
import { listObjects, watchObjects, type ListParams } from './generic-read.ts';
import { keys, type ApiObject, type ResourceDef } from './resource.ts';

// A namespaced test resource with a spec, a status subresource and graceful deletion.
const Widget = struct('test.Widget', {
  apiVersion: opt(0, string),
  kind: opt(0, string),
  metadata: opt(1, raw),
  spec: opt(2, map(string)),
  status: opt(3, map(string)),
  grace: opt(4, int32),
});

const widgets: ResourceDef = {
  group: 'example.io', version: 'v1', resource: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList',
  namespaced: true, shape: Widget as never,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    defaults: (o) => { o['spec'] ??= {}; },
    prepareForCreate: (o) => { o['status'] = { phase: 'New' }; },
    validate: (o) => ((o['spec'] as Record<string, string>)['bad'] === undefined ? [] : [{ type: 'FieldValueInvalid', field: 'spec.bad', badValue: 'x', detail: 'not allowed' }]),
    gracePeriodSeconds: (o, options) => options.gracePeriodSeconds ?? (o['grace'] as number | undefined),
    selectableFields: (o) => ({ 'status.phase': (o['status'] as Record<string, string> | undefined)?.['phase'] ?? '' }),
  },
  status: {},
};

let dir: string;
let store: SqliteStore;
let cache: WatchCache;
let widgetsStore: GenericStore;
const stop = new AbortController();
const ns: RequestScope = { namespace: 'default', dryRun: false };
const listAll: ListParams = { labels: ALL_LABELS, fields: ALL_FIELDS, limit: 0, continue: undefined, resourceVersion: undefined, resourceVersionMatch: undefined };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-registry-'));
  store = await SqliteStore.open(join(dir, 'state.db'));
  cache = new WatchCache(store, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => widgetsStore.decodeStored(kv) });
  widgetsStore = new GenericStore(widgets, { store, cache });
  void cache.run(stop.signal);
  await cache.ready();
});

after(async () => {
  stop.abort();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejectsStatus(promise: Promise<unknown>, code: number, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof StatusError && e.code === code && message.test(e.message));
}

test('create fills metadata, runs the strategy, and refuses duplicates and invalid objects', async () => {
  const created = await widgetsStore.create(ns, { metadata: { name: 'w1', labels: { app: 'a' } }, spec: { size: 'l' }, status: { phase: 'Hacked' } });
  assert.equal(created.apiVersion, 'example.io/v1');
  assert.equal(created.kind, 'Widget');
  assert.equal(created.metadata?.namespace, 'default');
  assert.match(created.metadata?.uid ?? '', /^[0-9a-f-]{36}$/);
  assert.match(created.metadata?.creationTimestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(created.metadata?.generation, 1);
  assert.deepEqual(created['status'], { phase: 'New' }, 'prepareForCreate decides the status');
  assert.equal((await widgetsStore.get(ns, 'w1')).metadata?.resourceVersion, created.metadata?.resourceVersion);
  await rejectsStatus(widgetsStore.create(ns, { metadata: { name: 'w1' } }), 409, /^widgets.example.io "w1" already exists$/);
  await rejectsStatus(widgetsStore.create(ns, { metadata: { name: 'Bad_Name' } }), 422, /^Widget.example.io "Bad_Name" is invalid: metadata.name: Invalid value/);
  await rejectsStatus(widgetsStore.create(ns, { metadata: { name: 'w2' }, spec: { bad: 'x' } }), 422, /spec.bad: Invalid value: "x": not allowed/);
  await rejectsStatus(widgetsStore.create(ns, { metadata: { name: 'w3', namespace: 'other' } }), 400, /does not match the namespace/);
  const generated = await widgetsStore.create(ns, { metadata: { generateName: 'gen-' } });
  assert.match(generated.metadata?.name ?? '', /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const dry = await widgetsStore.create({ ...ns, dryRun: true }, { metadata: { name: 'dry' } });
  assert.equal(dry.metadata?.resourceVersion, undefined);
  await rejectsStatus(widgetsStore.get(ns, 'dry'), 404, /^widgets.example.io "dry" not found$/);
});

test('update: optimistic concurrency, no-op updates, generation, spec/status separation', async () => {
  const created = await widgetsStore.create(ns, { metadata: { name: 'u1' }, spec: { size: 's' } });
  const rv = created.metadata?.resourceVersion;
  const { object: same } = await widgetsStore.update(ns, 'u1', created);
  assert.equal(same.metadata?.resourceVersion, rv, 'an update that changes nothing does not bump the resourceVersion');
  const { object: grown } = await widgetsStore.update(ns, 'u1', { ...created, spec: { size: 'xl' }, status: { phase: 'Ignored' } });
  assert.equal(grown.metadata?.generation, 2);
  assert.deepEqual(grown['status'], { phase: 'New' }, 'the main resource ignores status');
  await rejectsStatus(widgetsStore.update(ns, 'u1', created), 409, /the object has been modified; please apply your changes to the latest version and try again/);
  const { object: labelled } = await widgetsStore.update(ns, 'u1', { ...grown, metadata: { ...grown.metadata, labels: { x: 'y' } } });
  assert.equal(labelled.metadata?.generation, 2, 'metadata changes do not bump generation');
  const { object: status } = await widgetsStore.update(ns, 'u1', { ...labelled, spec: { size: 'ignored' }, status: { phase: 'Ready' } }, { subresource: 'status' });
  assert.deepEqual(status['status'], { phase: 'Ready' });
  assert.deepEqual(status['spec'], { size: 'xl' }, 'the status subresource ignores spec');
  await rejectsStatus(widgetsStore.update(ns, 'missing', { metadata: { name: 'missing' } }), 404, /not found/);
  await rejectsStatus(widgetsStore.update(ns, 'u1', { metadata: { name: 'other' } }), 400, /does not match the name on the URL/);
  await rejectsStatus(widgetsStore.update(ns, 'u1', { ...status, metadata: { ...status.metadata, uid: 'changed' } }), 422, /metadata.uid: Invalid value: "changed": field is immutable/);
});

test('delete: at once, held by finalizers (orphan, foreground), or graceful', async () => {
  await widgetsStore.create(ns, { metadata: { name: 'd1' } });
  const gone = await widgetsStore.delete(ns, 'd1', {});
  assert.equal(gone.deleted, true);
  await rejectsStatus(widgetsStore.get(ns, 'd1'), 404, /not found/);

  await widgetsStore.create(ns, { metadata: { name: 'd2' } });
  const orphaned = await widgetsStore.delete(ns, 'd2', { propagationPolicy: 'Orphan' });
  assert.equal(orphaned.deleted, false);
  assert.deepEqual(orphaned.object.metadata?.finalizers, ['orphan']);
  assert.ok(orphaned.object.metadata?.deletionTimestamp);
  // The garbage collector's part: remove the finalizer, and the object goes.
  const held = await widgetsStore.get(ns, 'd2');
  await widgetsStore.update(ns, 'd2', { ...held, metadata: { ...held.metadata, finalizers: [] } });
  await rejectsStatus(widgetsStore.get(ns, 'd2'), 404, /not found/);

  await widgetsStore.create(ns, { metadata: { name: 'd3', finalizers: ['example.io/keep'] } });
  const foreground = await widgetsStore.delete(ns, 'd3', { propagationPolicy: 'Foreground' });
  assert.deepEqual(foreground.object.metadata?.finalizers, ['example.io/keep', 'foregroundDeletion']);

  const graceful = await widgetsStore.create(ns, { metadata: { name: 'd4' }, grace: 30 });
  await rejectsStatus(widgetsStore.delete(ns, 'd4', { preconditions: { uid: 'nope' } }), 409, /Precondition failed: UID in precondition: nope/);
  const pending = await widgetsStore.delete(ns, 'd4', { preconditions: { uid: graceful.metadata?.uid ?? '' } });
  assert.equal(pending.deleted, false);
  assert.equal(pending.object.metadata?.deletionGracePeriodSeconds, 30);
  const now = await widgetsStore.delete(ns, 'd4', { gracePeriodSeconds: 0 });
  assert.equal(now.deleted, true, 'grace period 0 deletes at once');
});

test('list: selectors, paging, resourceVersion semantics', async () => {
  const team: RequestScope = { namespace: 'team', dryRun: false };
  for (let i = 0; i < 7; i++) await widgetsStore.create(team, { metadata: { name: `l${i}`, labels: { tier: i % 2 === 0 ? 'even' : 'odd' } } });
  const all = await listObjects(widgetsStore, team, listAll);
  assert.deepEqual(all.items.map((o) => o.metadata?.name), ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6']);
  assert.ok(Number(all.resourceVersion) > 0);
  const selector = parseSelector('tier=odd');
  assert.ok(selector.ok);
  const odd = await listObjects(widgetsStore, team, { ...listAll, labels: selector.value });
  assert.deepEqual(odd.items.map((o) => o.metadata?.name), ['l1', 'l3', 'l5']);
  const byName = parseFieldSelector('metadata.name=l4');
  assert.ok(byName.ok);
  assert.deepEqual((await listObjects(widgetsStore, team, { ...listAll, fields: byName.value })).items.map((o) => o.metadata?.name), ['l4']);
  const first = await listObjects(widgetsStore, team, { ...listAll, limit: 3 });
  assert.equal(first.items.length, 3);
  assert.equal(first.remainingItemCount, 4);
  await widgetsStore.create(team, { metadata: { name: 'l3a' } });
  const second = await listObjects(widgetsStore, team, { ...listAll, limit: 10, continue: first.continue });
  assert.deepEqual(second.items.map((o) => o.metadata?.name), ['l3', 'l4', 'l5', 'l6'], 'pages come from one snapshot');
  assert.equal(second.continue, undefined);
  const oddPage = await listObjects(widgetsStore, team, { ...listAll, labels: selector.value, limit: 2 });
  assert.deepEqual(oddPage.items.map((o) => o.metadata?.name), ['l1', 'l3']);
  assert.equal(oddPage.remainingItemCount, undefined, 'no remaining count with a selector');
  await rejectsStatus(listObjects(widgetsStore, team, { ...listAll, resourceVersion: String(Number(all.resourceVersion) + 1000) }), 504, /Too large resource version/);
  await rejectsStatus(listObjects(widgetsStore, team, { ...listAll, resourceVersionMatch: 'Exact' }), 400, /resourceVersionMatch is forbidden/);
});

test('watch: initial events, then changes matching the selection', async () => {
  const scope: RequestScope = { namespace: 'watched', dryRun: false };
  await widgetsStore.create(scope, { metadata: { name: 'before' } });
  const controller = new AbortController();
  const seen: string[] = [];
  let writeLater: Promise<unknown> = Promise.resolve();
  for await (const event of watchObjects(widgetsStore, scope, { labels: ALL_LABELS, fields: ALL_FIELDS, resourceVersion: undefined, sendInitialEvents: true, allowWatchBookmarks: true, signal: controller.signal })) {
    seen.push(event.type === 'BOOKMARK' ? 'BOOKMARK' : `${event.type} ${(event.object.object as ApiObject).metadata?.name}`);
    // The initial events have ended: a write now can only arrive as a live event.
    if (event.type === 'BOOKMARK') writeLater = widgetsStore.create(scope, { metadata: { name: 'after' } });
    if (seen.length === 3) controller.abort();
  }
  await writeLater;
  assert.deepEqual(seen, ['ADDED before', 'BOOKMARK', 'ADDED after']);
});

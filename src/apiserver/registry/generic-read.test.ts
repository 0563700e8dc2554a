// Paged lists served by the watch cache, and updates that start from the caller's read: the
// answers must be the ones the Store's snapshots give.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EVERYTHING as ALL_FIELDS } from '../../api/fields/selector.ts';
import { EVERYTHING as ALL_LABELS, parseSelector } from '../../api/labels/selector.ts';
import { map, opt, raw, string, struct } from '../../api/schema/shape.ts';
import { StatusError } from '../../api/status.ts';
import { nameIsDNSSubdomain } from '../../api/validation/names.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import type { ListOptions, ListResult, Store } from '../../storage/store.ts';
import { GenericStore, type RequestScope } from './generic-store.ts';
import { listObjects, type ListPage, type ListParams } from './generic-read.ts';
import { keys, type ApiObject, type ResourceDef } from './resource.ts';

const Gadget = struct('test.Gadget', { apiVersion: opt(0, string), kind: opt(0, string), metadata: opt(1, raw), spec: opt(2, map(string)), status: opt(3, map(string)) });
const gadgets: ResourceDef = {
  group: 'example.io', version: 'v1', resource: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList',
  namespaced: true, shape: Gadget as never, strategy: { validateName: nameIsDNSSubdomain }, status: {},
};

let dir: string;
let sqlite: SqliteStore;
/** Store lists (snapshot reads) since the last reset: the pages the cache did not serve. */
let storeLists = 0;
let gadgetStore: GenericStore;
const stop = new AbortController();
const all: ListParams = { labels: ALL_LABELS, fields: ALL_FIELDS, limit: 0, continue: undefined, resourceVersion: undefined, resourceVersionMatch: undefined };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-generic-read-'));
  sqlite = await SqliteStore.open(join(dir, 'state.db'));
  // Counts the lists the registry makes; the cache's own (its initial load) happen before any test.
  const counted = new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === 'list') return (prefix: string, options?: ListOptions): Promise<ListResult> => { storeLists++; return target.list(prefix, options); };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Store;
  const cache = new WatchCache(sqlite, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => gadgetStore.decodeStored(kv) });
  gadgetStore = new GenericStore(gadgets, { store: counted, cache });
  void cache.run(stop.signal);
  await cache.ready();
});

after(async () => {
  stop.abort();
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = (page: ListPage<ApiObject>): string[] => page.items.map((o) => `${o.metadata?.name}:${(o['spec'] as Record<string, string> | undefined)?.['v'] ?? ''}`);

async function seed(namespace: string, count: number): Promise<RequestScope> {
  const scope: RequestScope = { namespace, dryRun: false };
  for (let i = 0; i < count; i++) await gadgetStore.create(scope, { metadata: { name: `g${i}`, labels: { parity: i % 2 === 0 ? 'even' : 'odd' } }, spec: { v: '1' } });
  return scope;
}

interface PagingCase {
  readonly name: string;
  /** Runs between the first page and the second. */
  readonly between: (scope: RequestScope) => Promise<unknown>;
  readonly second: string[];
  /** Whether the second page needed the Store's snapshot. */
  readonly fromStore: boolean;
}

const pagingCases: readonly PagingCase[] = [
  { name: 'nothing changed', between: async () => undefined, second: ['g3:1', 'g4:1'], fromStore: false },
  { name: 'a change in another namespace', between: () => seed('elsewhere-1', 1), second: ['g3:1', 'g4:1'], fromStore: false },
  {
    name: 'a change under the listed prefix',
    between: async (scope) => {
      await gadgetStore.update(scope, 'g4', { ...(await gadgetStore.get(scope, 'g4')), spec: { v: '2' } });
      await gadgetStore.create(scope, { metadata: { name: 'g3a' } });
    },
    second: ['g3:1', 'g4:1'],
    fromStore: true,
  },
];

for (const [i, c] of pagingCases.entries()) {
  test(`paged list, ${c.name} between pages: the second page is the first page's snapshot`, async () => {
    const scope = await seed(`paging-${i}`, 5);
    await gadgetStore.cache.waitUntilFresh();
    storeLists = 0;
    const first = await listObjects(gadgetStore, scope, { ...all, limit: 3 });
    assert.deepEqual(names(first), ['g0:1', 'g1:1', 'g2:1']);
    assert.equal(first.remainingItemCount, 2);
    assert.ok(first.continue !== undefined);
    assert.equal(storeLists, 0, 'the first page comes from the cache');
    await c.between(scope);
    await gadgetStore.cache.waitUntilFresh();
    const second = await listObjects(gadgetStore, scope, { ...all, limit: 3, continue: first.continue });
    assert.deepEqual(names(second), c.second);
    assert.equal(second.resourceVersion, first.resourceVersion, 'pages of one list share its resourceVersion');
    assert.equal(second.continue, undefined);
    assert.equal(storeLists > 0, c.fromStore);
  });
}

test('paged list with a selector: pages fill up to the limit, no remaining count', async () => {
  const scope = await seed('paging-selector', 7);
  const odd = parseSelector('parity=odd');
  assert.ok(odd.ok);
  const first = await listObjects(gadgetStore, scope, { ...all, labels: odd.value, limit: 2 });
  assert.deepEqual(names(first), ['g1:1', 'g3:1']);
  assert.equal(first.remainingItemCount, undefined);
  const second = await listObjects(gadgetStore, scope, { ...all, labels: odd.value, limit: 2, continue: first.continue });
  assert.deepEqual(names(second), ['g5:1']);
  assert.equal(second.continue, undefined);
});

test('a continue token whose snapshot was compacted away answers 410; a broken one 400', async () => {
  const scope = await seed('paging-compacted', 3);
  const first = await listObjects(gadgetStore, scope, { ...all, limit: 1 });
  await gadgetStore.update(scope, 'g2', { ...(await gadgetStore.get(scope, 'g2')), spec: { v: '2' } });
  await sqlite.compact(await sqlite.currentRevision());
  await assert.rejects(listObjects(gadgetStore, scope, { ...all, limit: 1, continue: first.continue }),
    (e: unknown) => e instanceof StatusError && e.code === 410 && e.status.reason === 'Expired' && /continue parameter is too old/.test(e.message));
  await assert.rejects(listObjects(gadgetStore, scope, { ...all, limit: 1, continue: 'not-a-token' }),
    (e: unknown) => e instanceof StatusError && e.code === 400 && /continue key is not valid/.test(e.message));
});

interface HintCase {
  readonly name: string;
  /** The update's input, made from the stale read and the current object. */
  readonly input: (stale: ApiObject) => ApiObject;
  readonly expect: { readonly spec?: string; readonly status?: string; readonly written?: boolean; readonly error?: number };
}

const hintCases: readonly HintCase[] = [
  // Without a resourceVersion the write goes on the current object: its status (kept from the
  // Store, not from the stale read) and a new revision.
  { name: 'unconditional', input: (stale) => ({ ...stale, metadata: { ...stale.metadata, resourceVersion: '' }, spec: { v: 'new' } }), expect: { spec: 'new', status: 'current', written: true } },
  // No change to the stale read, nor (status is not the main resource's) to the stored object:
  // the answer is the stored object, not the stale one.
  { name: 'equal to the stale read', input: (stale) => ({ ...stale, metadata: { ...stale.metadata, resourceVersion: '' } }), expect: { spec: '1', status: 'current', written: false } },
  { name: 'with a change and a status', input: (stale) => ({ ...stale, metadata: { ...stale.metadata, resourceVersion: '' }, spec: { v: '1', w: '2' }, status: { s: 'ignored' } }), expect: { spec: '1', status: 'current', written: true } },
  { name: 'pinned to the stale revision', input: (stale) => ({ ...stale, spec: { v: 'new' } }), expect: { error: 409 } },
];

for (const c of hintCases) {
  test(`update from a stale read (${c.name}) decides on the stored object`, async () => {
    const scope: RequestScope = { namespace: 'hints', dryRun: false };
    const name = `h-${c.name.replaceAll(' ', '-')}`;
    await gadgetStore.create(scope, { metadata: { name }, spec: { v: '1' } });
    const stale = await gadgetStore.get(scope, name);
    const current = await gadgetStore.update(scope, name, { ...stale, status: { s: 'current' } }, { subresource: 'status' });
    const run = gadgetStore.update(scope, name, c.input(stale), { current: stale });
    if (c.expect.error !== undefined) {
      await assert.rejects(run, (e: unknown) => e instanceof StatusError && e.code === c.expect.error);
      return;
    }
    const { object } = await run;
    assert.equal((object['spec'] as Record<string, string>)['v'], c.expect.spec);
    assert.equal((object['status'] as Record<string, string>)['s'], c.expect.status);
    assert.equal(Number(object.metadata?.resourceVersion) > Number(current.object.metadata?.resourceVersion), c.expect.written);
    assert.deepEqual(await gadgetStore.get(scope, name), object);
  });
}

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { StatusError } from '../../api/status.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { PriorityClass } from '../../api/types/scheduling/v1/index.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import { priorityAdmission } from './admission-priority.ts';
import { pods } from './core/pods/strategy.ts';
import { GenericStore } from './generic-store.ts';
import { keys } from './resource.ts';
import { priorityclasses } from './scheduling/priorityclasses/strategy.ts';
import { decodeStored } from './stored.ts';

let dir: string;
let sqlite: SqliteStore;
let cache: WatchCache;
let podStore: GenericStore<Pod>;
let classStore: GenericStore<PriorityClass>;
const stop = new AbortController();
const ns = { namespace: 'default', dryRun: false };
const cluster = { namespace: '', dryRun: false };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-admission-priority-'));
  sqlite = await SqliteStore.open(join(dir, 'state.db'));
  cache = new WatchCache(sqlite, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => decodeStored(kv) });
  void cache.run(stop.signal);
  await cache.ready();
  podStore = new GenericStore(pods, { store: sqlite, cache, admission: priorityAdmission(cache) });
  classStore = new GenericStore(priorityclasses, { store: sqlite, cache });
  await classStore.create(cluster, { metadata: { name: 'batch-high' }, value: 10 });
  await classStore.create(cluster, { metadata: { name: 'gentle' }, value: 5, preemptionPolicy: 'Never' });
  await cache.waitUntilFresh();
});

after(async () => {
  stop.abort();
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const pod = (name: string, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } });
const refused = (message: string) => (e: unknown): boolean => e instanceof StatusError && e.code === 403 && e.message === message;

test('a pod takes its PriorityClass\'s value and preemption policy; an unknown class or other values are refused', async () => {
  const high = await podStore.create(ns, pod('high', { priorityClassName: 'batch-high' }));
  assert.deepEqual([high.spec?.priority, high.spec?.preemptionPolicy], [10, 'PreemptLowerPriority']);
  const gentle = await podStore.create(ns, pod('gentle', { priorityClassName: 'gentle', priority: 5 }));
  assert.deepEqual([gentle.spec?.priority, gentle.spec?.preemptionPolicy], [5, 'Never']);
  const system = await podStore.create(ns, pod('critical', { priorityClassName: 'system-node-critical' }));
  assert.equal(system.spec?.priority, 2000001000, 'the system classes are known before bootstrap stores them');
  await assert.rejects(podStore.create(ns, pod('nope', { priorityClassName: 'missing' })), refused('pods "nope" is forbidden: no PriorityClass with name missing was found'));
  await assert.rejects(podStore.create(ns, pod('liar', { priorityClassName: 'batch-high', priority: 7 })),
    refused('pods "liar" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 10 from the given PriorityClass name'));
  await assert.rejects(podStore.create(ns, pod('pushy', { priorityClassName: 'gentle', preemptionPolicy: 'PreemptLowerPriority' })),
    refused('pods "pushy" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name'));
  const plain = await podStore.create(ns, pod('plain'));
  assert.deepEqual([plain.spec?.priorityClassName, plain.spec?.priority], [undefined, 0], 'no class and no global default: 0');
});

test('a pod without a class gets the global default class', async () => {
  await classStore.create(cluster, { metadata: { name: 'everyday' }, value: 100, globalDefault: true });
  await cache.waitUntilFresh();
  const p = await podStore.create(ns, pod('defaulted'));
  assert.deepEqual([p.spec?.priorityClassName, p.spec?.priority, p.spec?.preemptionPolicy], ['everyday', 100, 'PreemptLowerPriority']);
});

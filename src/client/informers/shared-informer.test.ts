import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { resourceExpired } from '../../api/status.ts';
import { cm, FakeListerWatcher, settle, type ConfigMap } from './fake-lister-watcher.fixture.ts';
import { SharedInformer, trimManagedFields, waitForCacheSync, type ResourceEventHandler } from './shared-informer.ts';
import { DeletedFinalStateUnknown, deletionHandlingKey } from './store.ts';

function recorder(log: string[], tag = ''): ResourceEventHandler<ConfigMap> {
  return {
    onAdd: (obj, initial) => log.push(`${tag}add ${obj.metadata?.name}@${obj.metadata?.resourceVersion}${initial ? ' initial' : ''}`),
    onUpdate: (old, obj) => log.push(`${tag}update ${old.metadata?.name}@${old.metadata?.resourceVersion}->${obj.metadata?.resourceVersion}`),
    onDelete: (obj) => log.push(obj instanceof DeletedFinalStateUnknown
      ? `${tag}tombstone ${obj.key}@${obj.obj.metadata?.resourceVersion}`
      : `${tag}delete ${obj.metadata?.name}`),
  };
}

function setup(resyncPeriodMs?: number): { clock: FakeClock; lw: FakeListerWatcher<ConfigMap>; informer: SharedInformer<ConfigMap>; stop: AbortController } {
  const clock = new FakeClock();
  const lw = new FakeListerWatcher<ConfigMap>();
  const informer = new SharedInformer<ConfigMap>(lw, { clock, random: () => 0, watchTimeoutSeconds: 60, onError: () => undefined,
    ...(resyncPeriodMs === undefined ? {} : { resyncPeriodMs }) });
  return { clock, lw, informer, stop: new AbortController() };
}

test('the first list arrives as initial adds and marks the informer synced; events follow in order', async () => {
  const { lw, informer, stop } = setup();
  const log: string[] = [];
  informer.addEventHandler(recorder(log));
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [cm('a', '1'), cm('b', '2')] });
  assert.equal(informer.hasSynced(), false);
  const synced = informer.waitForSync(stop.signal);
  const running = informer.run(stop.signal);
  assert.equal(await synced, true);
  assert.deepEqual(log, ['add a@1 initial', 'add b@2 initial']);
  await settle();
  const watch = lw.lastWatch();
  watch.push({ type: 'ADDED', object: cm('c', '11') });
  watch.push({ type: 'MODIFIED', object: cm('a', '12') });
  watch.push({ type: 'DELETED', object: cm('b', '13') });
  await settle();
  assert.deepEqual(log.slice(2), ['add c@11', 'update a@1->12', 'delete b']);
  assert.deepEqual(informer.lister().namespace('ns').list().map((o) => o.metadata?.name).sort(), ['a', 'c']);
  assert.equal(informer.lastSyncResourceVersion(), '13');
  stop.abort();
  await running;
});

test('after a 410 the relist sends updates for changed objects and tombstones for vanished ones', async () => {
  const { lw, informer, stop, clock } = setup();
  const log: string[] = [];
  informer.addEventHandler(recorder(log));
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [cm('a', '1'), cm('b', '2'), cm('c', '3')] });
  const running = informer.run(stop.signal);
  await settle();
  log.length = 0;
  lw.lastWatch().push({ type: 'ERROR', object: resourceExpired('too old').status });
  // Meanwhile: a changed, b deleted, c untouched, d created.
  lw.listAnswers.push({ metadata: { resourceVersion: '40' }, items: [cm('a', '20'), cm('c', '3'), cm('d', '30')] });
  await settle();
  clock.advance(800);
  await settle();
  assert.deepEqual(log, ['update a@1->20', 'add d@30', 'tombstone ns/b@2']);
  assert.equal(deletionHandlingKey(new DeletedFinalStateUnknown('ns/b', cm('b', '2'))), 'ns/b');
  assert.equal(informer.indexer.size, 3);
  stop.abort();
  await running;
});

test('a handler added late is told of the cache first; remove() stops deliveries; a throwing handler does not stop others', async () => {
  const { lw, informer, stop } = setup();
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [cm('a', '1')] });
  informer.addEventHandler({ onAdd: () => { throw new Error('handler bug'); } });
  const running = informer.run(stop.signal);
  await informer.waitForSync(stop.signal);
  const log: string[] = [];
  const registration = informer.addEventHandler(recorder(log));
  assert.equal(registration.hasSynced(), true);
  assert.deepEqual(log, ['add a@1 initial']);
  await settle();
  const stderr = process.stderr.write;
  process.stderr.write = () => true;
  try {
    lw.lastWatch().push({ type: 'ADDED', object: cm('b', '11') });
    await settle();
  } finally {
    process.stderr.write = stderr;
  }
  assert.deepEqual(log, ['add a@1 initial', 'add b@11']);
  registration.remove();
  lw.lastWatch().push({ type: 'ADDED', object: cm('c', '12') });
  await settle();
  assert.equal(log.length, 2);
  stop.abort();
  await running;
});

test('resync: every period each cached object is redelivered as an update to itself; timers end with run()', async () => {
  const { lw, informer, stop, clock } = setup(30_000);
  const log: string[] = [];
  informer.addEventHandler(recorder(log));
  const fast: string[] = [];
  informer.addEventHandler(recorder(fast), { resyncPeriodMs: 10_000 });
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [cm('a', '1')] });
  const running = informer.run(stop.signal);
  await settle();
  log.length = 0;
  fast.length = 0;
  clock.advance(30_000);
  assert.deepEqual(log, ['update a@1->1']);
  assert.equal(fast.length, 3);
  stop.abort();
  await running;
  clock.advance(60_000);
  assert.equal(log.length, 1);
});

test('waitForSync answers false when aborted first; waitForCacheSync joins several informers', async () => {
  const { informer } = setup();
  const stop = new AbortController();
  const waiting = waitForCacheSync(stop.signal, informer);
  stop.abort();
  assert.equal(await waiting, false);
  assert.equal(await informer.waitForSync(stop.signal), false);
});

test('custom indexers and listers with label selectors', async () => {
  const { lw, informer, stop } = setup();
  informer.addIndexers({ byApp: (o) => [o.metadata?.labels?.['app'] ?? ''] });
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [
    cm('a', '1', 'ns', { app: 'web' }), cm('b', '2', 'ns', { app: 'db' }), cm('c', '3', 'other', { app: 'web' }),
  ] });
  const running = informer.run(stop.signal);
  await informer.waitForSync(stop.signal);
  assert.deepEqual(informer.indexer.byIndex('byApp', 'web').map((o) => o.metadata?.name).sort(), ['a', 'c']);
  const lister = informer.lister();
  assert.deepEqual(lister.list('app=web').map((o) => o.metadata?.name).sort(), ['a', 'c']);
  assert.deepEqual(lister.namespace('ns').list('app in (web,db)').map((o) => o.metadata?.name).sort(), ['a', 'b']);
  assert.equal(lister.namespace('other').get('c')?.metadata?.resourceVersion, '3');
  assert.equal(lister.namespace('ns').get('c'), undefined);
  assert.throws(() => lister.list('app in ('), /invalid label selector/);
  stop.abort();
  await running;
});

test('a transform applies to listed, watched and deleted objects before the cache and the handlers see them', async () => {
  const lw = new FakeListerWatcher<ConfigMap>();
  const informer = new SharedInformer<ConfigMap>(lw, { random: () => 0, watchTimeoutSeconds: 60, onError: () => undefined, transform: trimManagedFields });
  const stop = new AbortController();
  const managed = (name: string, rv: string): ConfigMap => {
    const obj = cm(name, rv);
    (obj.metadata as { managedFields?: unknown }).managedFields = [{ manager: 'kubectl', operation: 'Update' }];
    return obj;
  };
  const seen: string[] = [];
  const note = (what: string, obj: ConfigMap | DeletedFinalStateUnknown<ConfigMap>): void => {
    const o = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
    seen.push(`${what} ${o.metadata?.name}@${o.metadata?.resourceVersion} managedFields=${JSON.stringify(o).includes('managedFields')}`);
  };
  informer.addEventHandler({ onAdd: (o) => note('add', o), onUpdate: (_old, o) => note('update', o), onDelete: (o) => note('delete', o) });
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [managed('a', '1')] });
  const running = informer.run(stop.signal);
  await settle();
  lw.lastWatch().push({ type: 'ADDED', object: managed('b', '11') });
  lw.lastWatch().push({ type: 'MODIFIED', object: managed('a', '12') });
  lw.lastWatch().push({ type: 'DELETED', object: managed('b', '13') });
  await settle();
  assert.deepEqual(seen, ['add a@1 managedFields=false', 'add b@11 managedFields=false', 'update a@12 managedFields=false', 'delete b@13 managedFields=false']);
  assert.equal((informer.indexer.getByKey('ns/a')?.metadata as { managedFields?: unknown } | undefined)?.managedFields, undefined);
  assert.equal(informer.lastSyncResourceVersion(), '13');
  stop.abort();
  await running;
});

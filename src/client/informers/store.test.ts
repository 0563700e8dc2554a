import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { cm, type ConfigMap } from './fake-lister-watcher.fixture.ts';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS, UIDTrackingControllerExpectations } from './expectations.ts';
import { listAllPages } from './list-watch.ts';
import { FakeListerWatcher } from './fake-lister-watcher.fixture.ts';
import { resourceExpired } from '../../api/status.ts';
import { Indexer, metaNamespaceIndexFunc, metaNamespaceKey, NAMESPACE_INDEX, splitMetaNamespaceKey } from './store.ts';

test('keys: namespace/name, or name for cluster-scoped objects', () => {
  const cases: [ConfigMap, string][] = [[cm('a', '1', 'ns'), 'ns/a'], [cm('n1', '1', ''), 'n1']];
  for (const [obj, key] of cases) assert.equal(metaNamespaceKey(obj), key);
  assert.deepEqual(splitMetaNamespaceKey('ns/a'), { namespace: 'ns', name: 'a' });
  assert.deepEqual(splitMetaNamespaceKey('n1'), { namespace: '', name: 'n1' });
  assert.throws(() => splitMetaNamespaceKey('a/b/c'), /unexpected key format/);
});

test('indexer: the namespace index and a multi-valued custom index stay right through add, update, delete, replace', () => {
  const byLabel = (o: ConfigMap): string[] => Object.entries(o.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const indexer = new Indexer<ConfigMap>(metaNamespaceKey, { [NAMESPACE_INDEX]: metaNamespaceIndexFunc, byLabel });
  indexer.add(cm('a', '1', 'x', { app: 'web', tier: 'front' }));
  indexer.add(cm('b', '1', 'x', { app: 'db' }));
  indexer.add(cm('c', '1', 'y', { app: 'web' }));
  const names = (objs: ConfigMap[]): string[] => objs.map((o) => o.metadata?.name ?? '').sort();
  assert.deepEqual(names(indexer.byIndex(NAMESPACE_INDEX, 'x')), ['a', 'b']);
  assert.deepEqual(names(indexer.byIndex('byLabel', 'app=web')), ['a', 'c']);
  assert.deepEqual(names(indexer.index('byLabel', cm('q', '1', 'z', { tier: 'front', app: 'db' }))), ['a', 'b']);
  assert.deepEqual(indexer.listIndexFuncValues('byLabel').sort(), ['app=db', 'app=web', 'tier=front']);

  indexer.update(cm('a', '2', 'x', { app: 'db' }));
  assert.deepEqual(names(indexer.byIndex('byLabel', 'app=web')), ['c']);
  assert.equal(indexer.upsert(cm('b', '2', 'x', { app: 'db', tier: 'back' }))?.metadata?.resourceVersion, '1', 'upsert answers the replaced object');
  assert.deepEqual(indexer.indexKeys('byLabel', 'tier=back'), ['x/b']);
  assert.equal(indexer.upsert(cm('d', '1', 'x')), undefined);
  indexer.delete(cm('d', '1', 'x'));
  indexer.upsert(cm('b', '1', 'x', { app: 'db' }));
  assert.deepEqual(indexer.indexKeys('byLabel', 'tier=front'), []);
  assert.ok(!indexer.listIndexFuncValues('byLabel').includes('tier=front'), 'empty index values are dropped');
  indexer.delete(cm('c', '9', 'y'));
  assert.deepEqual(indexer.byIndex(NAMESPACE_INDEX, 'y'), []);
  assert.equal(indexer.getByKey('x/a')?.metadata?.resourceVersion, '2');
  assert.equal(indexer.get(cm('b', '0', 'x'))?.metadata?.resourceVersion, '1');

  indexer.replace([cm('z', '5', 'y', { app: 'web' })]);
  assert.deepEqual(indexer.listKeys(), ['y/z']);
  assert.deepEqual(names(indexer.byIndex('byLabel', 'app=web')), ['z']);
  assert.deepEqual(indexer.byIndex(NAMESPACE_INDEX, 'x'), []);

  indexer.addIndexers({ byVersion: (o) => [o.metadata?.resourceVersion ?? ''] });
  assert.deepEqual(names(indexer.byIndex('byVersion', '5')), ['z'], 'a late index covers what is already stored');
  assert.throws(() => indexer.addIndexers({ byVersion: () => [] }), /indexer conflict/);
  assert.throws(() => indexer.byIndex('nope', 'x'), /does not exist/);
});

test('pager: pages follow the continue token without a resourceVersion; an expired token reads everything again', async () => {
  const lw = new FakeListerWatcher<ConfigMap>();
  lw.listAnswers.push({ metadata: { resourceVersion: '9', continue: 't1' }, items: [cm('a', '1')] });
  lw.listAnswers.push(resourceExpired('The provided continue parameter is too old'));
  lw.listAnswers.push({ metadata: { resourceVersion: '12' }, items: [cm('a', '1'), cm('b', '2')] });
  const result = await listAllPages(lw, { resourceVersion: '0', labelSelector: 'x=y' }, 2);
  assert.deepEqual(lw.lists, [
    { resourceVersion: '0', labelSelector: 'x=y', limit: 2 },
    { labelSelector: 'x=y', limit: 2, continue: 't1' },
    { labelSelector: 'x=y' },
  ]);
  assert.deepEqual(result.items.map((o) => o.metadata?.name), ['a', 'b']);
  assert.equal(result.resourceVersion, '12');
  assert.equal(result.paginated, true);
});

test('expectations: met when the counts reach zero, when none are set, or after five minutes', () => {
  const clock = new FakeClock();
  const exp = new ControllerExpectations(clock);
  assert.equal(exp.satisfiedExpectations('ns/rs'), true, 'nothing recorded: go ahead');
  exp.expectCreations('ns/rs', 2);
  assert.equal(exp.satisfiedExpectations('ns/rs'), false);
  exp.creationObserved('ns/rs');
  assert.equal(exp.satisfiedExpectations('ns/rs'), false);
  exp.creationObserved('ns/rs');
  assert.equal(exp.satisfiedExpectations('ns/rs'), true);
  exp.creationObserved('ns/rs');
  assert.deepEqual(exp.getExpectations('ns/rs'), { add: -1, del: 0, timestamp: clock.now() });

  exp.expectDeletions('ns/rs', 1);
  exp.raiseExpectations('ns/rs', 1, 0);
  assert.deepEqual([exp.getExpectations('ns/rs')?.add, exp.getExpectations('ns/rs')?.del], [1, 1]);
  exp.lowerExpectations('ns/rs', 1, 0);
  assert.equal(exp.satisfiedExpectations('ns/rs'), false);
  clock.advance(EXPECTATIONS_TIMEOUT_MS);
  assert.equal(exp.satisfiedExpectations('ns/rs'), false);
  clock.advance(1);
  assert.equal(exp.satisfiedExpectations('ns/rs'), true, 'expired');
  exp.deleteExpectations('ns/rs');
  assert.equal(exp.getExpectations('ns/rs'), undefined);
  exp.raiseExpectations('ns/rs', 5, 5);
  assert.equal(exp.getExpectations('ns/rs'), undefined, 'raise does not create');
});

test('UID-tracking expectations count each expected deletion once', () => {
  const exp = new UIDTrackingControllerExpectations(new FakeClock());
  exp.expectDeletionsOf('ns/rs', ['ns/p1', 'ns/p2']);
  exp.deletionObservedOf('ns/rs', 'ns/other');
  exp.deletionObservedOf('ns/rs', 'ns/p1');
  exp.deletionObservedOf('ns/rs', 'ns/p1');
  assert.equal(exp.satisfiedExpectations('ns/rs'), false);
  assert.deepEqual([...exp.getUIDs('ns/rs') ?? []], ['ns/p2']);
  exp.deletionObservedOf('ns/rs', 'ns/p2');
  assert.equal(exp.satisfiedExpectations('ns/rs'), true);
  exp.deleteExpectations('ns/rs');
  assert.equal(exp.getUIDs('ns/rs'), undefined);
});

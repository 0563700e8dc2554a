import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { resourceExpired } from '../../api/status.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { FakeListerWatcher, settle } from '../../client/informers/fake-lister-watcher.fixture.ts';
import { SharedInformer } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../../client/informers/store.ts';
import { PodTally, podTallyOf } from './pod-tally.ts';

interface Shape { owner?: string; labels?: Record<string, string>; ready?: boolean; phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed'; deleting?: boolean; rv?: string }

function pod(name: string, shape: Shape = {}): Pod {
  return {
    metadata: {
      name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: shape.rv ?? '1',
      ...(shape.labels === undefined ? {} : { labels: shape.labels }),
      ...(shape.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: shape.owner, uid: shape.owner, controller: true }] }),
      ...(shape.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    status: {
      phase: shape.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: shape.ready === true ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    },
  };
}

/** Per label set of the owner: "labels active/ready/all", the form the assertions compare. */
function summary(tally: PodTally, owner: string): string[] {
  return tally.groups('ns', owner).map((g) => `${JSON.stringify(g.labels)} ${g.active}/${g.activeReady}/${g.size}`);
}

const web = { app: 'web' };
const canary = { app: 'web', track: 'canary' };

test('the tally follows each pod through adds, updates and deletes', () => {
  const tally = new PodTally();
  const h = tally.handler();
  const steps: Array<{ what: string; act: () => void; rsA: string[]; rsB?: string[] }> = [
    { what: 'a pending pod', act: () => h.onAdd?.(pod('p1', { owner: 'rs-a', labels: web }), false), rsA: ['{"app":"web"} 1/0/1'] },
    { what: 'it becomes ready: facts follow the new object', act: () => h.onUpdate?.(pod('p1', { owner: 'rs-a', labels: web }), pod('p1', { owner: 'rs-a', labels: web, ready: true, rv: '2' })), rsA: ['{"app":"web"} 1/1/1'] },
    { what: 'a second pod, other labels', act: () => h.onAdd?.(pod('p2', { owner: 'rs-a', labels: canary, ready: true }), false), rsA: ['{"app":"web"} 1/1/1', '{"app":"web","track":"canary"} 1/1/1'] },
    { what: 'its labels change: it moves group', act: () => h.onUpdate?.(pod('p2'), pod('p2', { owner: 'rs-a', labels: web, ready: true, rv: '3' })), rsA: ['{"app":"web"} 2/2/2'] },
    { what: 'a pod being deleted stays, inactive', act: () => h.onUpdate?.(pod('p1'), pod('p1', { owner: 'rs-a', labels: web, ready: true, deleting: true, rv: '4' })), rsA: ['{"app":"web"} 1/1/2'] },
    { what: 'a finished pod is inactive', act: () => h.onUpdate?.(pod('p2'), pod('p2', { owner: 'rs-a', labels: web, phase: 'Succeeded', rv: '5' })), rsA: ['{"app":"web"} 0/0/2'] },
    { what: 'released: no controller, not kept', act: () => h.onUpdate?.(pod('p2'), pod('p2', { labels: web, rv: '6' })), rsA: ['{"app":"web"} 0/0/1'] },
    { what: 'adopted by another controller', act: () => h.onUpdate?.(pod('p2'), pod('p2', { owner: 'rs-b', labels: web, rv: '7' })), rsA: ['{"app":"web"} 0/0/1'], rsB: ['{"app":"web"} 1/0/1'] },
    { what: 'deleted', act: () => h.onDelete?.(pod('p1', { owner: 'rs-a', labels: web })), rsA: [], rsB: ['{"app":"web"} 1/0/1'] },
    { what: 'deleted while not watching (tombstone)', act: () => h.onDelete?.(new DeletedFinalStateUnknown('ns/p2', pod('p2', { owner: 'rs-b' }))), rsA: [], rsB: [] },
    { what: 'an orphan is not kept', act: () => h.onAdd?.(pod('p3', { labels: web }), false), rsA: [], rsB: [] },
  ];
  for (const step of steps) {
    step.act();
    assert.deepEqual(summary(tally, 'rs-a'), step.rsA, step.what);
    assert.deepEqual(summary(tally, 'rs-b'), step.rsB ?? [], step.what);
  }
  assert.deepEqual(tally.groups('ns', ''), [], 'an empty uid names no controller');
  assert.deepEqual(tally.groups('other', 'rs-a'), [], 'namespaces are apart');
});

test('an update that keeps the label set keeps the pod in its place in the order', () => {
  const tally = new PodTally();
  for (const name of ['p1', 'p2', 'p3']) tally.set(pod(name, { owner: 'rs-a', labels: web }));
  tally.set(pod('p1', { owner: 'rs-a', labels: web, ready: true, rv: '2' }));
  const [group] = tally.groups('ns', 'rs-a');
  assert.deepEqual([...group?.facts() ?? []].map((f) => `${f.pod.metadata?.name}:${f.ready}`), ['p1:true', 'p2:false', 'p3:false']);
});

test("an informer's tally holds what its cache holds, across the first list, watch events and a relist", async () => {
  const lw = new FakeListerWatcher<Pod>();
  const clock = new FakeClock();
  const informer = new SharedInformer<Pod>(lw, { clock, random: () => 0, watchTimeoutSeconds: 60, onError: () => undefined });
  const stop = new AbortController();
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [pod('a', { owner: 'rs', labels: web, ready: true }), pod('b', { owner: 'rs', labels: web })] });
  const running = informer.run(stop.signal);
  await settle();
  // Asked for once the informer has synced: the cached pods are replayed to it.
  const tally = podTallyOf(informer);
  assert.equal(podTallyOf(informer), tally, 'one tally per informer');
  assert.deepEqual(summary(tally, 'rs'), ['{"app":"web"} 2/1/2']);
  lw.lastWatch().push({ type: 'ADDED', object: pod('c', { owner: 'rs', labels: web, ready: true, rv: '11' }) });
  lw.lastWatch().push({ type: 'MODIFIED', object: pod('b', { owner: 'rs', labels: web, ready: true, rv: '12' }) });
  await settle();
  assert.deepEqual(summary(tally, 'rs'), ['{"app":"web"} 3/3/3']);
  lw.lastWatch().push({ type: 'ERROR', object: resourceExpired('too old').status });
  // Meanwhile a was deleted and c became unready.
  lw.listAnswers.push({ metadata: { resourceVersion: '20' }, items: [pod('b', { owner: 'rs', labels: web, ready: true, rv: '12' }), pod('c', { owner: 'rs', labels: web, rv: '15' })] });
  await settle();
  clock.advance(800); // the relist's backoff
  await settle();
  assert.equal(informer.indexer.size, 2);
  assert.deepEqual(summary(tally, 'rs'), ['{"app":"web"} 2/1/2']);
  stop.abort();
  await running;
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { ListerWatcher } from '../../client/informers/list-watch.ts';
import { SharedInformer } from '../../client/informers/shared-informer.ts';
import { indexPodsByController, orphanPods, podsControlledBy } from './pod-index.ts';

const neverRun: ListerWatcher<Pod> = {
  list: () => Promise.reject(new Error('not run in this test')),
  watch: () => { throw new Error('not run in this test'); },
};

function pod(name: string, namespace: string, owners: Array<{ uid: string; controller?: boolean }> = []): Pod {
  return {
    metadata: {
      name, namespace, uid: `uid-${name}`,
      ...(owners.length === 0 ? {} : { ownerReferences: owners.map((o) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.uid, uid: o.uid, ...(o.controller === undefined ? {} : { controller: o.controller }) })) }),
    },
  };
}

const names = (pods: readonly Pod[]): string[] => pods.map((p) => p.metadata?.name ?? '').sort();

test('pods are found by their controller and namespace; orphans (no controller reference) apart', () => {
  const informer = new SharedInformer<Pod>(neverRun);
  indexPodsByController(informer);
  indexPodsByController(informer); // a second caller finds the index already there
  for (const p of [
    pod('a1', 'ns', [{ uid: 'rs-a', controller: true }]),
    pod('a2', 'ns', [{ uid: 'rs-a', controller: true }]),
    pod('a-other-ns', 'other', [{ uid: 'rs-a', controller: true }]),
    pod('b1', 'ns', [{ uid: 'rs-b', controller: true }]),
    pod('owned-not-controlled', 'ns', [{ uid: 'rs-a' }]),
    pod('bare', 'ns'),
  ]) informer.indexer.add(p);
  const cases: Array<{ what: string; got: Pod[]; want: string[] }> = [
    { what: 'rs-a in ns', got: podsControlledBy(informer, 'ns', 'rs-a'), want: ['a1', 'a2'] },
    { what: 'rs-a in other', got: podsControlledBy(informer, 'other', 'rs-a'), want: ['a-other-ns'] },
    { what: 'rs-b in ns', got: podsControlledBy(informer, 'ns', 'rs-b'), want: ['b1'] },
    { what: 'an empty uid names no controller', got: podsControlledBy(informer, 'ns', ''), want: [] },
    { what: 'orphans in ns', got: orphanPods(informer, 'ns'), want: ['bare', 'owned-not-controlled'] },
    { what: 'orphans in other', got: orphanPods(informer, 'other'), want: [] },
  ];
  for (const c of cases) assert.deepEqual(names(c.got), c.want, c.what);
});

test('a pod that is adopted or released moves between controller and orphans', () => {
  const informer = new SharedInformer<Pod>(neverRun);
  indexPodsByController(informer);
  informer.indexer.add(pod('p', 'ns'));
  informer.indexer.update(pod('p', 'ns', [{ uid: 'rs-a', controller: true }]));
  assert.deepEqual([names(podsControlledBy(informer, 'ns', 'rs-a')), names(orphanPods(informer, 'ns'))], [['p'], []]);
  informer.indexer.update(pod('p', 'ns'));
  assert.deepEqual([names(podsControlledBy(informer, 'ns', 'rs-a')), names(orphanPods(informer, 'ns'))], [[], ['p']]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { UIDTrackingControllerExpectations } from '../../client/informers/expectations.ts';
import type { ListerWatcher } from '../../client/informers/list-watch.ts';
import { SharedInformer } from '../../client/informers/shared-informer.ts';
import { podEventHandler } from './handlers.ts';

const neverRun: ListerWatcher<ReplicaSet> = {
  list: () => Promise.reject(new Error('not run in this test')),
  watch: () => { throw new Error('not run in this test'); },
};

const rs: ReplicaSet = { metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid' }, spec: { selector: { matchLabels: { app: 'web' } }, minReadySeconds: 0 } };

function pod(rv: string, change: { ready?: string; since?: string; phase?: NonNullable<Pod['status']>['phase']; labels?: Record<string, string>; nodeName?: string; restarts?: number; owner?: string } = {}): Pod {
  return {
    metadata: {
      name: 'p', namespace: 'ns', uid: 'p-uid', resourceVersion: rv, labels: change.labels ?? { app: 'web' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: change.owner ?? 'rs-uid', controller: true }],
    },
    spec: { containers: [{ name: 'c' }], ...(change.nodeName === undefined ? {} : { nodeName: change.nodeName }) },
    status: {
      phase: change.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: change.ready ?? 'False', lastTransitionTime: change.since ?? '2026-01-01T00:00:00Z' }],
      containerStatuses: [{ name: 'c', ready: change.ready === 'True', restartCount: change.restarts ?? 0, image: 'x', imageID: '' }],
    },
  };
}

test('a pod update wakes its ReplicaSet only when something its sync reads changed', () => {
  const informer = new SharedInformer<ReplicaSet>(neverRun);
  informer.indexer.add(rs);
  const base = pod('1');
  const cases: Array<{ what: string; cur: Pod; wakes: boolean }> = [
    { what: 'bound to a node', cur: pod('2', { nodeName: 'n1' }), wakes: false },
    { what: 'a container restarted, still not ready', cur: pod('2', { restarts: 1 }), wakes: false },
    { what: 'no new resourceVersion (a resync)', cur: pod('1', { ready: 'True' }), wakes: false },
    { what: 'became ready', cur: pod('2', { ready: 'True', since: '2026-01-01T00:01:00Z' }), wakes: true },
    { what: 'readiness flapped (new transition time)', cur: pod('2', { since: '2026-01-01T00:02:00Z' }), wakes: true },
    { what: 'finished', cur: pod('2', { phase: 'Succeeded' }), wakes: true },
    { what: 'labels changed', cur: pod('2', { labels: { app: 'web', extra: 'x' } }), wakes: true },
    { what: 'released by its controller', cur: pod('2', { owner: 'someone-else' }), wakes: true },
  ];
  for (const c of cases) {
    const keys: string[] = [];
    const handler = podEventHandler({
      rsLister: informer.lister(), expectations: new UIDTrackingControllerExpectations(),
      enqueue: (key) => keys.push(key), enqueueAfter: (key) => keys.push(`${key} (later)`),
    });
    handler.onUpdate?.(base, c.cur);
    assert.equal(keys.includes('ns/web'), c.wakes, `${c.what}: ${keys.join(', ')}`);
  }
});

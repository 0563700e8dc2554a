import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { PodTally } from './pod-tally.ts';
import { calculateStatus, countGroups, countPods } from './status.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');

let serial = 0;
function pod(labels: Record<string, string>, readySecondsAgo?: number, extra: { phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed'; deleting?: boolean; readyTime?: string } = {}): Pod {
  serial++;
  const readyTime = extra.readyTime ?? (readySecondsAgo === undefined ? undefined : new Date(NOW - readySecondsAgo * 1000).toISOString());
  return {
    metadata: {
      name: `p${serial}`, namespace: 'ns', uid: `u${serial}`, labels,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true }],
      ...(extra.deleting === true ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}),
    },
    spec: { containers: [] },
    status: readySecondsAgo === undefined && extra.readyTime === undefined ? { phase: extra.phase ?? 'Pending' }
      : { phase: extra.phase ?? 'Running', conditions: [{ type: 'Ready', status: 'True', ...(readyTime === undefined ? {} : { lastTransitionTime: readyTime }) }] },
  };
}

function replicaSet(minReadySeconds: number): ReplicaSet {
  return {
    metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid', generation: 3 },
    spec: { replicas: 4, minReadySeconds, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
  };
}

const full = { app: 'web', tier: 'fe' };
const partial = { app: 'web' };
const rs = replicaSet(10);

test('counts: fully labeled, ready, available after minReadySeconds', () => {
  const s = calculateStatus(rs, countPods(rs, [pod(full, 60), pod(full, 5), pod(partial, 60), pod(full)]), undefined, NOW);
  assert.deepEqual([s.replicas, s.fullyLabeledReplicas, s.readyReplicas, s.availableReplicas], [4, 3, 3, 2]);
  assert.equal(s.conditions, undefined);
});

test('the counts kept by label group equal the counts of the same pods listed', () => {
  const cases: Array<{ what: string; minReadySeconds: number; pods: Pod[]; want: [number, number, number, number] }> = [
    { what: 'no pods', minReadySeconds: 0, pods: [], want: [0, 0, 0, 0] },
    { what: 'two label sets, minReadySeconds 0', minReadySeconds: 0, pods: [pod(full, 60), pod(full), pod(partial, 1), pod(partial)], want: [4, 2, 2, 2] },
    { what: 'available only after minReadySeconds', minReadySeconds: 10, pods: [pod(full, 60), pod(full, 5), pod(partial, 60), pod(full)], want: [4, 3, 3, 2] },
    { what: 'ready at an unknown time is never available with minReadySeconds', minReadySeconds: 10, pods: [pod(full, undefined, { readyTime: 'garbage' }), pod(full, 30)], want: [2, 2, 2, 1] },
    { what: 'inactive pods count for nothing', minReadySeconds: 0, pods: [pod(full, 60, { phase: 'Succeeded' }), pod(full, 60, { phase: 'Failed' }), pod(full, 60, { deleting: true }), pod(full, 60)], want: [1, 1, 1, 1] },
    { what: 'exactly minReadySeconds ago is available', minReadySeconds: 10, pods: [pod(full, 10), pod(full, 9)], want: [2, 2, 2, 1] },
  ];
  for (const c of cases) {
    const set = replicaSet(c.minReadySeconds);
    const tally = new PodTally();
    for (const p of c.pods) tally.set(p);
    const active = c.pods.filter((p) => p.metadata?.deletionTimestamp === undefined && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const listed = calculateStatus(set, countPods(set, active), undefined, NOW);
    const grouped = calculateStatus(set, countGroups(set, tally.groups('ns', 'rs-uid')), undefined, NOW);
    assert.deepEqual(grouped, listed, c.what);
    assert.deepEqual([grouped.replicas, grouped.fullyLabeledReplicas, grouped.readyReplicas, grouped.availableReplicas], c.want, c.what);
  }
});

test('ReplicaFailure is set when creates fail and cleared once they succeed', () => {
  const failed = calculateStatus(rs, countPods(rs, []), { kind: 'create', message: 'exceeded quota' }, NOW);
  const cond = failed.conditions?.[0];
  assert.equal(cond?.type, 'ReplicaFailure');
  assert.equal(cond?.reason, 'FailedCreate');
  assert.equal(cond?.message, 'exceeded quota');
  const healed = calculateStatus({ ...rs, status: failed }, countPods(rs, []), undefined, NOW);
  assert.equal(healed.conditions, undefined);
});

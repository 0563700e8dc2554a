import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import { maxUnavailable, newRSNewReplicas, resolveFenceposts, scaledValue } from './rolling-math.ts';
import { proportionalSizes } from './scale.ts';

// Upstream's TestResolveFenceposts.
const fenceposts: { surge: number | string; unavailable: number | string; desired: number; want: [number, number] | 'error' }[] = [
  { surge: '0%', unavailable: '0%', desired: 0, want: [0, 1] },
  { surge: '39%', unavailable: '39%', desired: 10, want: [4, 3] },
  { surge: 'oops', unavailable: '39%', desired: 10, want: 'error' },
  { surge: '55%', unavailable: 'urg', desired: 10, want: 'error' },
  { surge: 0, unavailable: 0, desired: 10, want: [0, 1] },
  { surge: 2, unavailable: '25%', desired: 5, want: [2, 1] },
  { surge: '25%', unavailable: '25%', desired: 3, want: [1, 0] },
];
for (const f of fenceposts) {
  test(`resolveFenceposts(${f.surge}, ${f.unavailable}, ${f.desired})`, () => {
    if (f.want === 'error') {
      assert.throws(() => resolveFenceposts(f.surge, f.unavailable, f.desired));
      return;
    }
    const r = resolveFenceposts(f.surge, f.unavailable, f.desired);
    assert.deepEqual([r.surge, r.unavailable], f.want);
  });
}

test('percentages: surge rounds up, unavailable down', () => {
  assert.equal(scaledValue('25%', 10, true), 3);
  assert.equal(scaledValue('25%', 10, false), 2);
});

function deployment(replicas: number, surge: number | string, unavailable: number | string, statusReplicas = replicas): Deployment {
  return {
    metadata: { name: 'foo', namespace: 'ns' },
    spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
    status: { replicas: statusReplicas },
  };
}

test('maxUnavailable never exceeds replicas, and is 0 for Recreate', () => {
  assert.equal(maxUnavailable(deployment(2, 0, '100%')), 2);
  assert.equal(maxUnavailable(deployment(2, 0, 5)), 2);
  const recreate = deployment(10, 1, 1);
  recreate.spec!.strategy = { type: 'Recreate' };
  assert.equal(maxUnavailable(recreate), 0);
});

function rs(name: string, replicas: number, createdSecondsAgo: number, desired?: number, max?: number): ReplicaSet {
  return {
    metadata: {
      name, uid: name, creationTimestamp: new Date(Date.UTC(2026, 0, 1) - createdSecondsAgo * 1000).toISOString(),
      annotations: desired === undefined ? {} : { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(max ?? desired) },
    },
    spec: { replicas, selector: {} },
  };
}

// Upstream's TestNewRSNewReplicas facts.
test('newRSNewReplicas grows the new ReplicaSet up to replicas + maxSurge', () => {
  const d = deployment(10, 1, 0);
  assert.equal(newRSNewReplicas(d, [rs('old', 10, 10), rs('new', 0, 1)], rs('new', 0, 1)), 1);
  assert.equal(newRSNewReplicas(d, [rs('old', 9, 10), rs('new', 1, 1)], rs('new', 1, 1)), 2);
  assert.equal(newRSNewReplicas(d, [rs('old', 10, 10), rs('new', 1, 1)], rs('new', 1, 1)), 1, 'at the surge limit');
  assert.equal(newRSNewReplicas(deployment(1, 1, 0), [rs('new', 0, 1)], rs('new', 0, 1)), 1, 'never past replicas');
});

// Upstream's TestScale (proportional cases); maxSurge 0 as upstream's newDeployment helper.
const scaleCases = [
  { name: '5 → 10', old: 5, to: 10, rss: [['new', 2, 1], ['old', 3, 10]], want: { new: 4, old: 6 } },
  { name: '5 → 3', old: 5, to: 3, rss: [['new', 2, 1], ['old', 3, 10]], want: { new: 1, old: 2 } },
  { name: '9 → 4', old: 9, to: 4, rss: [['new', 8, 1], ['old', 1, 10]], want: { new: 4, old: 0 } },
  { name: '7 → 10', old: 7, to: 10, rss: [['new', 2, 1], ['old', 3, 10], ['older', 2, 20]], want: { new: 3, old: 4, older: 3 } },
  { name: '13 → 8', old: 13, to: 8, rss: [['new', 2, 1], ['old', 8, 10], ['older', 3, 20]], want: { new: 1, old: 5, older: 2 } },
] as const;
for (const c of scaleCases) {
  test(`proportional scaling: ${c.name}`, () => {
    const d = deployment(c.to, 0, 0, c.old);
    const sets = c.rss.map(([name, replicas, age]) => rs(name, replicas, age, c.old));
    assert.deepEqual(Object.fromEntries(proportionalSizes(d, sets)), c.want);
  });
}

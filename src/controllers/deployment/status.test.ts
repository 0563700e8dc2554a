import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import { deploymentTimedOut } from './conditions.ts';
import { calculateStatus, rolloutStatus, statusEqual, stuckRequeueAfter } from './status.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function d(replicas: number, status: Deployment['status'] = {}): Deployment {
  return {
    metadata: { name: 'web', namespace: 'ns', generation: 2 },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: {}, progressDeadlineSeconds: 60, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
    status,
  };
}

function rs(name: string, replicas: number, ready: number, available: number): ReplicaSet {
  return { metadata: { name }, spec: { replicas, selector: {} }, status: { replicas, readyReplicas: ready, availableReplicas: available } };
}

test('status counts come from the ReplicaSets; Available follows maxUnavailable', () => {
  const s = calculateStatus([rs('old', 9, 9, 9), rs('new', 2, 1, 1)], rs('new', 2, 1, 1), d(10), NOW);
  assert.deepEqual([s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas, s.unavailableReplicas, s.observedGeneration], [11, 2, 10, 10, 1, 2]);
  assert.equal(s.conditions?.find((c) => c.type === 'Available')?.reason, 'MinimumReplicasAvailable');
  const short = calculateStatus([rs('new', 10, 9, 9)], rs('new', 10, 9, 9), d(10), NOW);
  assert.equal(short.conditions?.find((c) => c.type === 'Available')?.reason, 'MinimumReplicasUnavailable');
});

test('Progressing moves through ReplicaSetUpdated to NewReplicaSetAvailable', () => {
  const moving = rolloutStatus([rs('old', 9, 9, 9), rs('new', 2, 1, 1)], rs('new', 2, 1, 1), d(10, { replicas: 10, updatedReplicas: 1 }), NOW);
  const p = moving.conditions?.find((c) => c.type === 'Progressing');
  assert.equal(p?.reason, 'ReplicaSetUpdated');
  assert.equal(p?.message, 'ReplicaSet "new" is progressing.');
  const done = rolloutStatus([rs('old', 0, 0, 0), rs('new', 10, 10, 10)], rs('new', 10, 10, 10), d(10, { replicas: 11, observedGeneration: 2 }), NOW);
  assert.equal(done.conditions?.find((c) => c.type === 'Progressing')?.reason, 'NewReplicaSetAvailable');
});

test('a rollout without progress past its deadline times out, and is requeued for it before', () => {
  const at = (s: number): string => new Date(NOW - s * 1000).toISOString();
  const cond = (updated: number) => ({ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: at(updated), lastTransitionTime: at(updated) });
  const stale = d(2, { replicas: 2, updatedReplicas: 0, readyReplicas: 2, availableReplicas: 2, conditions: [cond(120)] });
  assert.equal(deploymentTimedOut(stale, stale.status ?? {}, NOW), true);
  const s = rolloutStatus([rs('old', 2, 2, 2), rs('new', 0, 0, 0)], rs('new', 0, 0, 0), stale, NOW);
  assert.equal(s.conditions?.find((c) => c.type === 'Progressing')?.reason, 'ProgressDeadlineExceeded');
  const fresh = d(2, { replicas: 2, conditions: [cond(30)] });
  const after = stuckRequeueAfter(fresh, fresh.status ?? {}, NOW);
  assert.equal(after, 31_000);
});

test('statusEqual ignores zero counts the server leaves out', () => {
  assert.ok(statusEqual({ replicas: 1 }, { replicas: 1, readyReplicas: 0, unavailableReplicas: 0 }));
  assert.ok(!statusEqual({ replicas: 1 }, { replicas: 2 }));
});

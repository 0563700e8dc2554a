import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { calculateStatus } from './status.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function pod(labels: Record<string, string>, readySecondsAgo?: number): Pod {
  return {
    metadata: { name: 'p', labels },
    spec: { containers: [] },
    status: readySecondsAgo === undefined ? { phase: 'Pending' }
      : { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(NOW - readySecondsAgo * 1000).toISOString() }] },
  };
}

const rs: ReplicaSet = {
  metadata: { name: 'web', generation: 3 },
  spec: { replicas: 4, minReadySeconds: 10, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
};

test('counts: fully labeled, ready, available after minReadySeconds', () => {
  const s = calculateStatus(rs, [pod({ app: 'web', tier: 'fe' }, 60), pod({ app: 'web', tier: 'fe' }, 5), pod({ app: 'web' }, 60), pod({ app: 'web', tier: 'fe' })], undefined, NOW);
  assert.deepEqual([s.replicas, s.fullyLabeledReplicas, s.readyReplicas, s.availableReplicas], [4, 3, 3, 2]);
  assert.equal(s.conditions, undefined);
});

test('ReplicaFailure is set when creates fail and cleared once they succeed', () => {
  const failed = calculateStatus(rs, [], { kind: 'create', message: 'exceeded quota' }, NOW);
  const cond = failed.conditions?.[0];
  assert.equal(cond?.type, 'ReplicaFailure');
  assert.equal(cond?.reason, 'FailedCreate');
  assert.equal(cond?.message, 'exceeded quota');
  const healed = calculateStatus({ ...rs, status: failed }, [], undefined, NOW);
  assert.equal(healed.conditions, undefined);
});

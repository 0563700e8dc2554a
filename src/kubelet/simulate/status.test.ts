import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../api/types/core/v1/index.ts';
import { statusNeedsPost } from '../node/heartbeat.ts';
import { healthyConditions, nodeStatus } from './node-status.ts';

const T0 = Date.UTC(2026, 0, 1);

test('node status: healthy conditions, transitions kept, posts when not Ready or stale', () => {
  const status = nodeStatus('n', undefined, T0);
  assert.equal(status.capacity?.['cpu'], '4');
  assert.equal(status.allocatable?.['pods'], '110');
  assert.deepEqual(status.conditions?.map((c) => `${c.type}=${c.status}`), ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
  const later = healthyConditions(status.conditions, T0 + 60_000);
  assert.equal(later.find((c) => c.type === 'Ready')?.lastTransitionTime, '2026-01-01T00:00:00Z');
  assert.equal(later.find((c) => c.type === 'Ready')?.lastHeartbeatTime, '2026-01-01T00:01:00Z');
  const unknown = healthyConditions([{ type: 'Ready', status: 'Unknown', lastTransitionTime: '2025-01-01T00:00:00Z' }], T0);
  assert.equal(unknown.find((c) => c.type === 'Ready')?.lastTransitionTime, '2026-01-01T00:00:00Z');
  const node: Node = { metadata: { name: 'n' }, status };
  assert.equal(statusNeedsPost(node, nodeStatus('n', status.conditions, T0 + 60_000), T0 + 60_000), false);
  assert.equal(statusNeedsPost(node, nodeStatus('n', status.conditions, T0 + 5 * 60_000), T0 + 5 * 60_000), true);
  const marked = { ...node, status: { ...status, conditions: unknown.map((c) => ({ ...c, status: 'Unknown' })) } };
  assert.equal(statusNeedsPost(marked, nodeStatus('n', marked.status.conditions, T0), T0), true);
  assert.equal(statusNeedsPost(undefined, status, T0), true);
});

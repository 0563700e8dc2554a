import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import type { Node, NodeCondition, Taint } from '../../api/types/core/v1/index.ts';
import { observeHealth, reconcileHealthTaints, silentNodeConditions, wantsNoExecuteTaint } from './health.ts';

const T0 = Date.UTC(2026, 0, 1);
const node = (ready: string | undefined, taints: Taint[] = [], heartbeat = '2026-01-01T00:00:00Z'): Node => ({
  metadata: { name: 'n', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { taints },
  status: { conditions: ready === undefined ? [] : [
    { type: 'Ready', status: ready, lastHeartbeatTime: heartbeat, lastTransitionTime: heartbeat },
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: heartbeat, lastTransitionTime: heartbeat },
  ] },
});
const lease = (renewTime: string): Lease => ({ metadata: { name: 'n' }, spec: { renewTime } });

test('observeHealth moves the probe time only when a heartbeat changes', () => {
  const cases: { name: string; lease2: string | undefined; beat2: string; want: number }[] = [
    { name: 'nothing changed', lease2: 'a', beat2: '2026-01-01T00:00:00Z', want: T0 },
    { name: 'lease renewed', lease2: 'b', beat2: '2026-01-01T00:00:00Z', want: T0 + 5000 },
    { name: 'status heartbeat', lease2: 'a', beat2: '2026-01-01T00:00:05Z', want: T0 + 5000 },
    { name: 'lease gone: no news', lease2: undefined, beat2: '2026-01-01T00:00:00Z', want: T0 },
  ];
  for (const c of cases) {
    const first = observeHealth(undefined, node('True'), lease('a'), T0);
    assert.equal(first.probeTimestamp, T0);
    const next = observeHealth(first, node('True', [], c.beat2), c.lease2 === undefined ? undefined : lease(c.lease2), T0 + 5000);
    assert.equal(next.probeTimestamp, c.want, c.name);
  }
});

test('silentNodeConditions turns kubelet conditions Unknown only after the grace period', () => {
  const health = { probeTimestamp: T0, readyHeartbeat: undefined, leaseRenewTime: undefined };
  assert.equal(silentNodeConditions(node('True'), health, 40_000, T0 + 40_000), undefined);
  const after = silentNodeConditions(node('True'), health, 40_000, T0 + 40_001) as NodeCondition[];
  const ready = after.find((c) => c.type === 'Ready');
  assert.equal(ready?.status, 'Unknown');
  assert.equal(ready?.reason, 'NodeStatusUnknown');
  assert.equal(ready?.message, 'Kubelet stopped posting node status.');
  assert.equal(ready?.lastHeartbeatTime, '2026-01-01T00:00:00Z', 'the heartbeat time is kept');
  assert.equal(ready?.lastTransitionTime, '2026-01-01T00:00:40Z');
  assert.equal(after.find((c) => c.type === 'MemoryPressure')?.status, 'Unknown');
  assert.equal(after.find((c) => c.type === 'DiskPressure')?.reason, 'NodeStatusNeverUpdated');
  const already = { ...node('True'), status: { conditions: after } };
  assert.equal(silentNodeConditions(already, health, 40_000, T0 + 60_000), undefined, 'nothing more to change');
});

test('health taints follow the Ready condition; NoExecute only when the zone allows', () => {
  const keys = (taints: Taint[] | undefined): string[] | undefined => taints?.map((t) => `${t.key}:${t.effect}`);
  const other: Taint = { key: 'dedicated', value: 'x', effect: 'NoSchedule' };
  const cases: { name: string; node: Node; allow: boolean; want: string[] | undefined }[] = [
    { name: 'ready, untainted', node: node('True', [other]), allow: true, want: undefined },
    { name: 'unknown, limiter says wait', node: node('Unknown'), allow: false, want: ['node.kubernetes.io/unreachable:NoSchedule'] },
    { name: 'unknown, allowed', node: node('Unknown', [other]), allow: true,
      want: ['dedicated:NoSchedule', 'node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'] },
    { name: 'not ready swaps unreachable for not-ready', node: node('False', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), allow: true,
      want: ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'] },
    { name: 'back to ready removes both', node: node('True', [other, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), allow: false,
      want: ['dedicated:NoSchedule'] },
    { name: 'no Ready condition at all is unreachable', node: node(undefined), allow: false, want: ['node.kubernetes.io/unreachable:NoSchedule'] },
  ];
  for (const c of cases) assert.deepEqual(keys(reconcileHealthTaints(c.node, c.allow, T0)), c.want, c.name);
  assert.deepEqual(keys(reconcileHealthTaints(node('Unknown', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), false, T0, true)),
    ['node.kubernetes.io/unreachable:NoSchedule'], 'dropped when every zone is down');
  const added = reconcileHealthTaints(node('Unknown'), true, T0)?.find((t) => t.effect === 'NoExecute');
  assert.equal(added?.timeAdded, '2026-01-01T00:00:00Z');
  assert.equal(wantsNoExecuteTaint(node('Unknown')), true);
  assert.equal(wantsNoExecuteTaint(node('Unknown', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }])), false);
  assert.equal(wantsNoExecuteTaint(node('True')), false);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import { statusNeedsPost } from '../node/heartbeat.ts';
import { healthyConditions, nodeStatus } from './node-status.ts';
import { completes, normalizeImage, runningStatus, statusIsCurrent } from './pod-status.ts';

const T0 = Date.UTC(2026, 0, 1);
const pod = (command: string[], restartPolicy: 'Always' | 'Never' | 'OnFailure' = 'Always'): Pod => ({
  metadata: { name: 'p', namespace: 'd', uid: 'u1' },
  spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox:1.36', command }] },
  status: { phase: 'Pending', qosClass: 'BestEffort' },
});

test('pods complete only when every command exits at once and the policy allows it', () => {
  const cases: [Pod, boolean][] = [
    [pod(['true'], 'Never'), true], [pod(['sh', '-c', 'exit 0'], 'OnFailure'), true],
    [pod(['true'], 'Always'), false], [pod(['sleep', '3600'], 'Never'), false],
  ];
  for (const [p, want] of cases) assert.equal(completes(p), want, JSON.stringify(p.spec?.containers[0]?.command));
});

test('a running pod reports what the kubelet would', () => {
  const status = runningStatus(pod(['sleep', '1']), { hostIP: '127.0.0.5', podIP: '10.42.0.2' }, T0);
  assert.equal(status.phase, 'Running');
  assert.equal(status.podIP, '10.42.0.2');
  assert.deepEqual(status.podIPs, [{ ip: '10.42.0.2' }]);
  assert.equal(status.startTime, '2026-01-01T00:00:00Z');
  assert.equal(status.qosClass, 'BestEffort', 'kept from the API server');
  assert.deepEqual(status.conditions?.map((c) => `${c.type}=${c.status}`),
    ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  const cs = status.containerStatuses?.[0];
  assert.equal(cs?.ready, true);
  assert.equal(cs?.started, true);
  assert.equal(cs?.restartCount, 0);
  assert.equal(cs?.image, 'docker.io/library/busybox:1.36');
  assert.match(cs?.containerID ?? '', /^containerd:\/\/[0-9a-f]{64}$/);
  assert.ok(cs?.state?.running?.startedAt);
  assert.equal(statusIsCurrent({ ...pod(['sleep', '1']), status }, '10.42.0.2'), true);
  assert.equal(statusIsCurrent(pod(['sleep', '1']), '10.42.0.2'), false);
});

test('a completing pod Succeeds with its containers terminated', () => {
  const status = runningStatus(pod(['true'], 'Never'), { hostIP: '127.0.0.5', podIP: '10.42.0.2' }, T0);
  assert.equal(status.phase, 'Succeeded');
  assert.equal(status.containerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
  assert.equal(status.conditions?.find((c) => c.type === 'Ready')?.reason, 'PodCompleted');
});

test('normalizeImage follows containerd\'s naming', () => {
  const cases: [string, string][] = [['busybox', 'docker.io/library/busybox:latest'], ['user/app:1', 'docker.io/user/app:1'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'], ['localhost:5000/x', 'localhost:5000/x:latest']];
  for (const [image, want] of cases) assert.equal(normalizeImage(image), want);
});

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

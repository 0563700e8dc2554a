import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStatus, Pod } from '../../api/types/core/v1/index.ts';
import type { ContainerView, PodRuntimeView } from './runtime-view.ts';
import { carried, formatTime, generateStatus, podPhase } from './status.ts';

const running: ContainerStatus = { name: 'a', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } };
const ok: ContainerStatus = { name: 'a', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0 } } };
const failed: ContainerStatus = { name: 'a', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 1 } } };
const creating: ContainerStatus = { name: 'a', ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } };
const crashLoop: ContainerStatus = { name: 'a', ready: false, restartCount: 2, image: '', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } };

test('podPhase: upstream getPhase by restart policy and container states', () => {
  const cases: { name: string; policy?: 'Always' | 'OnFailure' | 'Never'; init?: ContainerStatus[]; main: ContainerStatus[]; want: string; terminal?: boolean }[] = [
    { name: 'nothing started', main: [creating], want: 'Pending' },
    { name: 'one running, one creating', main: [running, creating], want: 'Pending' },
    { name: 'all running', main: [running, running], want: 'Running' },
    { name: 'crash loop counts as stopped: Always keeps Running', main: [crashLoop], want: 'Running' },
    { name: 'Always, all exited 0', main: [ok], want: 'Running' },
    { name: 'Never, all exited 0', policy: 'Never', main: [ok, ok], want: 'Succeeded' },
    { name: 'Never, one failed', policy: 'Never', main: [ok, failed], want: 'Failed' },
    { name: 'OnFailure, one failed (restarts)', policy: 'OnFailure', main: [failed], want: 'Running' },
    { name: 'OnFailure, all exited 0', policy: 'OnFailure', main: [ok], want: 'Succeeded' },
    { name: 'init still running', init: [running], main: [creating], want: 'Pending' },
    { name: 'init failed, Never', policy: 'Never', init: [failed], main: [creating], want: 'Failed' },
    { name: 'init failed, OnFailure', policy: 'OnFailure', init: [failed], main: [creating], want: 'Pending' },
    { name: 'init done', init: [ok], main: [running], want: 'Running' },
    { name: 'deleted, Always, all exited 0', main: [ok], want: 'Succeeded', terminal: true },
    { name: 'deleted, Always, killed', main: [ok, failed], want: 'Failed', terminal: true },
    { name: 'deleted before starting', main: [creating], want: 'Failed', terminal: true },
  ];
  for (const c of cases) {
    const pod: Pod = { metadata: {}, spec: { containers: [], ...(c.policy === undefined ? {} : { restartPolicy: c.policy }) } };
    assert.equal(podPhase(pod, c.init ?? [], c.main, c.terminal ?? false), c.want, c.name);
  }
});

function view(containers: Partial<ContainerView>[]): PodRuntimeView {
  const map = new Map<string, ContainerView[]>();
  for (const c of containers) {
    const full: ContainerView = { id: 'x', name: 'a', sandboxId: 's', attempt: 0, state: 'CONTAINER_RUNNING', createdAt: 1000, startedAt: 2000,
      finishedAt: 0, exitCode: 0, reason: '', message: '', image: 'docker.io/library/busybox:1.36', imageRef: 'sha256:abc', hash: '', ...c };
    map.set(full.name, [...map.get(full.name) ?? [], full]);
  }
  return { sandboxes: [{ id: 's', ready: true, ip: '10.0.0.5', createdAt: 500, attempt: 0 }], containers: map };
}

test('generateStatus: conditions, readiness from the prober and readiness gates, lastState, transition times kept', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const base: Pod = {
    metadata: { name: 'p', namespace: 'n', uid: 'u' },
    spec: { containers: [{ name: 'a', image: 'busybox:1.36', readinessProbe: { exec: { command: ['true'] } } }], readinessGates: [{ conditionType: 'example.com/gate' }] },
    status: { conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }, { type: 'Ready', status: 'False', lastTransitionTime: '2025-12-31T00:00:00Z' }] },
  };
  const v = view([{ id: 'new', attempt: 1 }, { id: 'old', attempt: 0, state: 'CONTAINER_EXITED', exitCode: 137, reason: 'OOMKilled', finishedAt: 1500 }]);
  const cases: { name: string; probe: { ready: boolean; started: boolean } | undefined; gate?: 'True' | 'False'; ready: string; reason?: string; message?: string }[] = [
    { name: 'prober does not know it yet: not ready (it has a readiness probe)', probe: undefined, ready: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a]' },
    { name: 'ready, gate missing', probe: { ready: true, started: true }, ready: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/gate" does not exist.' },
    { name: 'ready, gate True', probe: { ready: true, started: true }, gate: 'True', ready: 'True' },
  ];
  for (const c of cases) {
    const pod: Pod = c.gate === undefined ? base : { ...base, status: { conditions: [...base.status?.conditions ?? [], { type: 'example.com/gate', status: c.gate }] } };
    const s = generateStatus({ pod, view: v, waiting: new Map(), probe: () => c.probe, hostIPs: ['192.168.1.2'], runtimeName: 'containerd', now });
    const ready = s.conditions?.find((x) => x.type === 'Ready');
    assert.equal(ready?.status, c.ready, c.name);
    assert.equal(ready?.reason, c.reason, c.name);
    assert.equal(ready?.message, c.message, c.name);
    assert.equal(ready?.lastTransitionTime, c.ready === 'False' ? '2025-12-31T00:00:00Z' : '2026-01-01T12:00:00Z', `${c.name}: kept while unchanged`);
    assert.equal(s.conditions?.find((x) => x.type === 'PodScheduled')?.lastTransitionTime, '2026-01-01T00:00:00Z', 'PodScheduled kept');
    const cs = s.containerStatuses?.[0];
    assert.equal(cs?.restartCount, 1);
    assert.equal(cs?.containerID, 'containerd://new');
    assert.deepEqual(cs?.lastState?.terminated && { exitCode: cs.lastState.terminated.exitCode, reason: cs.lastState.terminated.reason }, { exitCode: 137, reason: 'OOMKilled' });
    assert.equal(s.phase, 'Running');
    assert.equal(s.podIP, '10.0.0.5');
    assert.deepEqual(s.hostIPs, [{ ip: '192.168.1.2' }]);
  }
});

test('generateStatus: a host-network pod reports the host IP; a waiting container keeps the reason the sync gave', () => {
  const pod: Pod = { metadata: { name: 'p', namespace: 'n', uid: 'u' }, spec: { hostNetwork: true, containers: [{ name: 'a', image: 'nginx' }] } };
  const s = generateStatus({ pod, view: { sandboxes: [{ id: 's', ready: true, ip: '', createdAt: 1, attempt: 0 }], containers: new Map() },
    waiting: new Map([['a', { reason: 'ErrImagePull', message: 'not found' }]]), probe: () => undefined, hostIPs: ['192.168.1.2'], runtimeName: 'containerd', now: 0 });
  assert.equal(s.podIP, '192.168.1.2');
  assert.deepEqual(s.containerStatuses?.[0]?.state, { waiting: { reason: 'ErrImagePull', message: 'not found' } });
  assert.equal(s.phase, 'Pending');
  assert.equal(s.qosClass, 'BestEffort');
});

test('generateStatus: what the kubelet generated last wins over a cached pod that has not caught up with it', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 5);
  const earlier = '2026-01-01T12:00:00Z';
  const spec = { containers: [{ name: 'a', image: 'busybox:1.36' }] };
  // The cache still shows the pod as the scheduler left it: no kubelet conditions, no startTime.
  const lagging: Pod = { metadata: { name: 'p', namespace: 'n', uid: 'u' }, spec, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T11:59:59Z' }] } };
  // What the pod workers keep of the status they generated.
  const first = carried(generateStatus({ pod: lagging, view: view([{}]), waiting: new Map(), probe: () => undefined, hostIPs: [], runtimeName: 'containerd', now: Date.parse(earlier) }));
  const cases: { name: string; previous: typeof first | undefined; view: PodRuntimeView; ready: string; readyTime: string; startTime: string; phase: string }[] = [
    { name: 'no previous status: times are now', previous: undefined, view: view([{}]), ready: 'True', readyTime: '2026-01-01T12:00:05Z', startTime: '2026-01-01T12:00:05Z', phase: 'Running' },
    { name: 'unchanged since the last sync: its times are kept', previous: first, view: view([{}]), ready: 'True', readyTime: earlier, startTime: earlier, phase: 'Running' },
    { name: 'a condition that changed takes now; startTime stays', previous: first, view: view([{ state: 'CONTAINER_EXITED', exitCode: 1, finishedAt: now }]),
      ready: 'False', readyTime: '2026-01-01T12:00:05Z', startTime: earlier, phase: 'Running' },
    { name: 'a terminal phase generated before stays terminal', previous: { ...first, phase: 'Failed' }, view: view([{}]), ready: 'False', readyTime: '2026-01-01T12:00:05Z', startTime: earlier, phase: 'Failed' },
  ];
  for (const c of cases) {
    const s = generateStatus({ pod: lagging, view: c.view, waiting: new Map(), probe: () => undefined, hostIPs: [], runtimeName: 'containerd', now, previous: c.previous });
    const ready = s.conditions?.find((x) => x.type === 'Ready');
    assert.equal(ready?.status, c.ready, c.name);
    assert.equal(ready?.lastTransitionTime, c.readyTime, c.name);
    assert.equal(s.startTime, c.startTime, c.name);
    assert.equal(s.phase, c.phase, c.name);
    assert.equal(s.conditions?.find((x) => x.type === 'PodScheduled')?.lastTransitionTime, '2026-01-01T11:59:59Z', `${c.name}: the scheduler's condition comes from the pod`);
  }
});

test('formatTime: whole seconds in UTC, the same answer for every ms of a second, the next second after it', () => {
  const cases: { ms: number; want: string }[] = [
    { ms: Date.UTC(2026, 10, 26, 8, 30, 0, 0), want: '2026-11-26T08:30:00Z' },
    { ms: Date.UTC(2026, 10, 26, 8, 30, 0, 999), want: '2026-11-26T08:30:00Z' },
    { ms: Date.UTC(2026, 10, 26, 8, 30, 1, 0), want: '2026-11-26T08:30:01Z' },
    { ms: Date.UTC(2026, 10, 26, 8, 30, 0, 500), want: '2026-11-26T08:30:00Z' },
    { ms: 0, want: '1970-01-01T00:00:00Z' },
    { ms: -1, want: '1969-12-31T23:59:59Z' },
  ];
  for (const c of cases) assert.equal(formatTime(c.ms), c.want, String(c.ms));
});

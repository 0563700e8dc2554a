// The benchmark's judgement, without containers: when a pod counts as started (upstream's SLI
// end point), and which verdict each target gets from given figures.
//   node --import tsx --test bench/kubelet/report.test.ts

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReport, type Figures } from './report.ts';
import { allStarted, type BenchPod } from './start-watch.ts';

const running = { running: {} };
const pod = (containers: string[], statuses: NonNullable<BenchPod['status']>['containerStatuses']): BenchPod => ({
  metadata: { name: 'p' }, spec: { containers: containers.map((name) => ({ name })) }, status: { ...(statuses === undefined ? {} : { containerStatuses: statuses }) },
});

test('a pod counts as started only when every container of its spec runs with started: true', () => {
  const cases: { name: string; pod: BenchPod; want: boolean }[] = [
    { name: 'no status yet', pod: pod(['a'], undefined), want: false },
    { name: 'waiting (ContainerCreating)', pod: pod(['a'], [{ name: 'a', started: false, state: { waiting: { reason: 'ContainerCreating' } } }]), want: false },
    { name: 'running, not started (startup probe pending)', pod: pod(['a'], [{ name: 'a', started: false, state: running }]), want: false },
    { name: 'running and started', pod: pod(['a'], [{ name: 'a', started: true, state: running }]), want: true },
    { name: 'one of two started', pod: pod(['a', 'b'], [{ name: 'a', started: true, state: running }]), want: false },
    { name: 'both started', pod: pod(['a', 'b'], [{ name: 'b', started: true, state: running }, { name: 'a', started: true, state: running }]), want: true },
    { name: 'started once, now terminated', pod: pod(['a'], [{ name: 'a', started: true, state: { terminated: { reason: 'Error' } } }]), want: false },
    { name: 'no containers in the spec', pod: pod([], []), want: false },
  ];
  for (const c of cases) assert.equal(allStarted(c.pod), c.want, c.name);
});

const MiB = 2 ** 20;
const batchOf = (ms: number, n = 30): { latencies: number[]; bound: number[]; wallMs: number } => ({ latencies: Array.from({ length: n }, () => ms), bound: Array.from({ length: n }, () => 50), wallMs: ms });
const figures = (o: { single: number; batch: number; floorBatch: number; agentBusy?: number }): Figures => ({
  floor: { single: [200, 210], batch: Array.from({ length: 30 }, () => o.floorBatch), batchWallMs: o.floorBatch },
  single: [o.single * 0.8, o.single], singleBound: [10, 20], batch: batchOf(o.batch),
  server: { idle: 120 * MiB, busy: 140 * MiB, peak: 150 * MiB },
  ...(o.agentBusy === undefined ? {} : { standalone: { idle: 60 * MiB, busy: o.agentBusy * MiB, peak: o.agentBusy * MiB, batch: batchOf(o.batch), cpuMs: 1500 } }),
});
const run = { machine: 'm', date: 'd', load: [1, 1, 1], quick: false, single: 2, batchSize: 30, rounds: 1, k8ts: 'compiled', agentNodeArgs: [] };
const verdictOf = (report: string, metric: RegExp): string | undefined => report.split('\n').find((line) => metric.test(line))?.split('|').at(-2)?.trim();

test('each target gets its verdict from the figures', () => {
  const cases = [
    { name: 'all met', f: figures({ single: 900, batch: 4000, floorBatch: 3000, agentBusy: 70 }), want: ['meets', 'meets', 'meets', 'meets'] },
    { name: 'single pod too slow', f: figures({ single: 1100, batch: 4000, floorBatch: 3000, agentBusy: 70 }), want: ['**misses**', 'meets', 'meets', 'meets'] },
    { name: 'batch over the SLO but near the floor', f: figures({ single: 900, batch: 5500, floorBatch: 5000, agentBusy: 70 }), want: ['meets', '**misses**', 'meets', 'meets'] },
    { name: 'batch within the SLO but far over the floor', f: figures({ single: 900, batch: 4000, floorBatch: 2000, agentBusy: 70 }), want: ['meets', 'meets', '**misses**', 'meets'] },
    { name: 'agent too big', f: figures({ single: 900, batch: 4000, floorBatch: 3000, agentBusy: 85 }), want: ['meets', 'meets', 'meets', '**misses**'] },
    { name: 'agent not measured', f: figures({ single: 900, batch: 4000, floorBatch: 3000 }), want: ['meets', 'meets', 'meets', ''] },
  ];
  for (const c of cases) {
    const report = renderReport(c.f, run);
    const got = [/^\| 1 pod at a time/, /^\| 30 pods created at once/, /over the floor's p99/, /^\| standalone `k8ts agent`.*RSS/].map((m) => verdictOf(report, m));
    assert.deepEqual(got, c.want, c.name);
  }
});

// Micro-benchmark of the scheduling cycle alone (no API server): N nodes in the cache, then P
// pods scheduled one after another as the scheduler loop does it (snapshot, PreFilter, Filter
// over the sample, Score, assume). Prints cycles/s; run with --cpu-prof to see where time goes.
//
//   node --import tsx bench/scheduler/cycle.ts [--nodes 5000] [--pods 5000]

import { Cache } from '../../src/scheduler/framework/cache.ts';
import { CycleState } from '../../src/scheduler/framework/cycle-state.ts';
import { Snapshot } from '../../src/scheduler/framework/snapshot.ts';
import { PodScheduler } from '../../src/scheduler/framework/schedule-pod.ts';
import { framework, makeNode, makePod, container } from '../../src/scheduler/testing.fixture.ts';

const argv = process.argv.slice(2);
const flag = (name: string, d: number): number => {
  const i = argv.indexOf(name);
  return i < 0 ? d : Number(argv[i + 1]);
};
const NODES = flag('--nodes', 5000);
const PODS = flag('--pods', 5000);

const cache = new Cache();
// Objects as an informer hands them over: parsed from JSON, each with its own shape history.
const viaJson = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;
for (let i = 0; i < NODES; i++) {
  const node = makeNode(`node-${i}`, { cpu: '4', memory: '16Gi', pods: '110', labels: { 'kubernetes.io/os': 'linux' } });
  const now = new Date().toISOString();
  node.metadata = { ...node.metadata, uid: `uid-node-${i}`, resourceVersion: String(i + 10), creationTimestamp: now };
  node.status = { ...node.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready', lastHeartbeatTime: now, lastTransitionTime: now }] };
  cache.addNode(viaJson(node));
}
const fwk = framework();
const snap = new Snapshot();
const scheduler = new PodScheduler();
// Rates per CPU second of this thread as well as per wall second: the machine may be shared.
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const run = (count: number, prefix: string): { wall: number; cpu: number } => {
  const start = performance.now();
  const cpuStart = cpuSeconds();
  for (let i = 0; i < count; i++) {
    const pod = viaJson(makePod(`${prefix}-${i}`, { containers: [container({ cpu: '100m', memory: '500Mi' })], restartPolicy: 'Always', schedulerName: 'default-scheduler', tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] }));
    cache.updateSnapshot(snap);
    const state = new CycleState(snap);
    const { nodeName } = scheduler.schedule(fwk, state, pod);
    const assumed = { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName } };
    cache.assumePod(assumed);
    fwk.runReserve(state, assumed, nodeName);
  }
  return { wall: count / ((performance.now() - start) / 1000), cpu: count / (cpuSeconds() - cpuStart) };
};
run(Math.min(500, PODS), 'warm');
const rate = run(PODS, 'pod');
process.stdout.write(`${NODES} nodes, ${PODS} pods: ${rate.wall.toFixed(0)} cycles/s (${rate.cpu.toFixed(0)} per CPU second)\n`);

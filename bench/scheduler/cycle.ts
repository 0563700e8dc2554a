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
for (let i = 0; i < NODES; i++) cache.addNode(makeNode(`node-${i}`, { cpu: '4', memory: '16Gi', pods: '110' }));
const fwk = framework();
const snap = new Snapshot();
const scheduler = new PodScheduler();
const run = (count: number, prefix: string): number => {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const pod = makePod(`${prefix}-${i}`, { containers: [container({ cpu: '100m', memory: '500Mi' })] });
    cache.updateSnapshot(snap);
    const state = new CycleState(snap);
    const { nodeName } = scheduler.schedule(fwk, state, pod);
    const assumed = { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName } };
    cache.assumePod(assumed);
    fwk.runReserve(state, assumed, nodeName);
  }
  return count / ((performance.now() - start) / 1000);
};
run(Math.min(500, PODS), 'warm');
const rate = run(PODS, 'pod');
process.stdout.write(`${NODES} nodes, ${PODS} pods: ${rate.toFixed(0)} cycles/s\n`);

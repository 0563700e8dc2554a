import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { container, makeNode, makePod } from '../testing.fixture.ts';
import { NodeInfo, podInfo } from './node-info.ts';

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

test('adds, removals and replacements in any order leave exactly the pods a fresh NodeInfo of them has, with the same sums', () => {
  const next = random(7);
  const info = new NodeInfo(makeNode('n', { cpu: '64' }));
  const model = new Map<string, Pod>();
  const pods = Array.from({ length: 40 }, (_, i) => makePod(`p${i}`, { nodeName: 'n', containers: [container({ cpu: `${(i % 5) + 1}00m` })] }));
  for (let step = 0; step < 2000; step++) {
    const pod = pods[Math.floor(next() * pods.length)] as Pod;
    const uid = pod.metadata?.uid ?? '';
    const action = next();
    if (!model.has(uid)) {
      info.addPod(podInfo(pod));
      model.set(uid, pod);
    } else if (action < 0.5) {
      assert.equal(info.removePod(pod), true, `step ${step}: remove a present pod`);
      model.delete(uid);
    } else {
      const resized: Pod = { ...pod, spec: { ...pod.spec, containers: [container({ cpu: `${Math.floor(next() * 9) + 1}00m` })] } };
      assert.equal(info.replacePod(podInfo(resized)), true, `step ${step}: replace a present pod`);
      model.set(uid, resized);
    }
    if (step % 50 === 0 || step === 1999) {
      const fresh = new NodeInfo(makeNode('n', { cpu: '64' }));
      for (const p of model.values()) fresh.addPod(podInfo(p));
      const uids = (n: NodeInfo) => n.pods.map((p) => p.pod.metadata?.uid).sort();
      assert.deepEqual(uids(info), uids(fresh), `step ${step}: pods`);
      assert.deepEqual([info.podCount, info.requestedMilliCPU, info.nonZeroMilliCPU], [fresh.podCount, fresh.requestedMilliCPU, fresh.nonZeroMilliCPU], `step ${step}: sums`);
      // A copy searches its own pods: removing from it leaves the original whole.
      const copy = info.clone();
      const first = copy.pods[0];
      if (first !== undefined) {
        assert.equal(copy.removePod(first.pod), true);
        assert.equal(copy.podCount, info.podCount - 1);
        assert.ok(info.pods.includes(first));
      }
    }
  }
  const absent = makePod('never-added', { nodeName: 'n' });
  assert.equal(info.removePod(absent), false);
  assert.equal(info.replacePod(podInfo(absent)), false);
});

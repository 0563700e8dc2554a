import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { container, framework, makeNode, makePod, snapshot } from '../testing.fixture.ts';
import { CycleState } from './cycle-state.ts';
import { FitError, PodScheduler } from './schedule-pod.ts';
import { Nominator } from './nominator.ts';

const cpuPod = (name: string, cpu: string, priority: number, extra: Partial<NonNullable<Pod['spec']>> = {}): Pod =>
  makePod(name, { containers: [container({ cpu })], priority, ...extra });

test('room on a node is kept for pods nominated there with equal or higher priority', () => {
  // n1 has 2 CPUs free; a preemptor asking for 2 CPUs is nominated to it.
  const nodes = [makeNode('n1', { cpu: '2' }), makeNode('n2', { cpu: '1' })];
  const preemptor = cpuPod('preemptor', '2', 100, { nodeName: '' });
  const cases: { name: string; pod: Pod; want: string }[] = [
    { name: 'a lower-priority pod does not take the nominated room', pod: cpuPod('low', '1500m', 10), want: 'fits nowhere: 0/2 nodes are available: 2 Insufficient cpu.' },
    { name: 'a lower-priority pod that fits beside goes to the other node', pod: cpuPod('small', '1', 10), want: 'n2' },
    { name: 'an equal-priority pod is held back as well', pod: cpuPod('peer', '1500m', 100), want: 'fits nowhere: 0/2 nodes are available: 2 Insufficient cpu.' },
    { name: 'a higher-priority pod ignores the nomination', pod: cpuPod('high', '1500m', 1000), want: 'n1' },
    { name: 'the nominated pod itself fits there', pod: preemptor, want: 'n1' },
  ];
  for (const c of cases) {
    const nominator = new Nominator();
    nominator.set(preemptor, 'n1');
    const fwk = framework();
    let got: string;
    try {
      got = new PodScheduler(() => 0).schedule(fwk, new CycleState(snapshot(nodes)), c.pod, (n) => nominator.podsOn(n)).nodeName;
    } catch (err) {
      if (!(err instanceof FitError)) throw err;
      got = `fits nowhere: ${err.message}`;
    }
    assert.equal(got, c.want, c.name);
  }
});

test('nominator: set, replace, keep on an empty status, delete', () => {
  const n = new Nominator();
  const p = makePod('p', { priority: 5 });
  n.set(p, 'a');
  assert.deepEqual(n.podsOn('a').map((x) => x.metadata?.name), ['p']);
  n.set({ ...p, status: { nominatedNodeName: 'b' } });
  assert.deepEqual([n.podsOn('a').length, n.podsOn('b').length], [0, 1]);
  n.set({ ...p, status: {} });
  assert.equal(n.podsOn('b').length, 1, 'an update without the status keeps the nomination');
  n.delete(p);
  assert.equal(n.size, 0);
});

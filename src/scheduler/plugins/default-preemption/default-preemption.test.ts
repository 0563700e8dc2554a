import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodDisruptionBudget } from '../../../api/types/policy/v1/index.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { unresolvable, unschedulable } from '../../framework/status.ts';
import { container, fakeApi, fakeHandle, framework, makeNode, makePod, snapshot } from '../../testing.fixture.ts';
import { ineligibleReason } from './default-preemption.ts';
import { pickCandidate, splitByPdb } from './victims.ts';

const req = (cpu: string, priority: number, nodeName?: string, labels: Record<string, string> = {}) =>
  makePod(`p${cpu}-${priority}`, { containers: [container({ cpu })], priority, ...(nodeName === undefined ? {} : { nodeName }) }, labels);

test('DefaultPreemption picks the node with the cheapest victims and deletes only what is needed', async () => {
  const api = fakeApi();
  const fwk = framework({}, fakeHandle({ api }));
  const snap = snapshot([makeNode('n1', { cpu: '2' }), makeNode('n2', { cpu: '2' }), makeNode('tainted', { cpu: '8', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] })], [
    req('1', 5, 'n1'), req('1', 50, 'n1'),
    req('1', 10, 'n2'), req('500m', 1, 'n2'),
  ]);
  const pod = req('1', 100);
  const statuses = new Map([['n1', unschedulable('Insufficient cpu')], ['n2', unschedulable('Insufficient cpu')], ['tainted', unresolvable('node(s) had untolerated taint {k: v}')]]);
  const r = await fwk.runPostFilter(new CycleState(snap), pod, statuses);
  // n1 must lose its priority-5 pod. On n2 the priority-10 pod is reprieved first (highest
  // priority first: 1 + 1 CPU fits), so only the priority-1 pod goes: the cheaper candidate.
  assert.equal(r.nominatedNodeName, 'n2');
  assert.deepEqual(api.deleted, ['p500m-1']);
  assert.match(api.events[0] ?? '', /^Preempted p500m-1: Preempted by pod uid-.* on node n2$/);
});

test('DefaultPreemption explains when it cannot help', async () => {
  const fwk = framework();
  const snap = snapshot([makeNode('n1', { cpu: '1' }), makeNode('n2', { cpu: '1', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] })], [req('1', 500, 'n1')]);
  const statuses = new Map([['n1', unschedulable('Insufficient cpu')], ['n2', unresolvable('node(s) had untolerated taint {k: v}')]]);
  const r = await fwk.runPostFilter(new CycleState(snap), req('1', 100), statuses);
  assert.deepEqual(r.status.reasons, ['preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling']);
  const never = makePod('p', { priority: 100, preemptionPolicy: 'Never' });
  assert.equal(ineligibleReason(never, () => []), 'not eligible due to preemptionPolicy=Never.');
});

test('PDB-protected victims are counted and the candidate with fewer violations wins', () => {
  const pdb: PodDisruptionBudget = { metadata: { name: 'b', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } } },
    status: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 } };
  const a = req('1', 1, 'n', { app: 'db' });
  const b = req('1', 2, 'n', { app: 'db' });
  const { violating, ok } = splitByPdb([a, b], [pdb]);
  assert.deepEqual(ok, [a]);
  assert.deepEqual(violating, [b]);
  const best = pickCandidate([
    { nodeName: 'x', pods: [req('1', 1)], pdbViolations: 1 },
    { nodeName: 'y', pods: [req('1', 9), req('1', 9)], pdbViolations: 0 },
    { nodeName: 'z', pods: [req('1', 3)], pdbViolations: 0 },
  ]);
  assert.equal(best?.nodeName, 'z');
});

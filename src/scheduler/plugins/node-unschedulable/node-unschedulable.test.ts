import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterAll, framework, makeNode, makePod, snapshot } from '../../testing.fixture.ts';

test('NodeUnschedulable: cordoned nodes take only pods that tolerate node.kubernetes.io/unschedulable', () => {
  const snap = snapshot([makeNode('open'), makeNode('cordoned', { unschedulable: true })]);
  assert.deepEqual(filterAll(framework(), snap, makePod('p')), { open: '', cordoned: 'node(s) were unschedulable' });
  const tolerant = makePod('t', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
  assert.deepEqual(filterAll(framework(), snap, tolerant), { open: '', cordoned: '' });
});

// NodeName, NodeUnschedulable, NodePorts, SchedulingGates, ImageLocality, PrioritySort.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterAll, framework, makeNode, makePod, scoreWith, snapshot } from '../testing.fixture.ts';
import { calculatePriority, normalizedImageName } from './image-locality/image-locality.ts';
import { prioritySort } from './queue-sort/priority-sort.ts';

const port = (hostPort: number, protocol: 'TCP' | 'UDP' = 'TCP', hostIP?: string) =>
  ({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort, protocol, ...(hostIP === undefined ? {} : { hostIP }) }] }] });

test('NodeName, NodeUnschedulable and NodePorts filters', () => {
  const nodes = [makeNode('a'), makeNode('cordoned', { unschedulable: true })];
  const busy = makePod('busy', { nodeName: 'a', ...port(8080, 'TCP', '10.0.0.1') });
  const cases = [
    // NodeUnschedulable runs before NodeName, as in upstream's default order.
    { name: 'spec.nodeName', pod: makePod('p', { nodeName: 'a' }), want: { a: '', cordoned: 'node(s) were unschedulable' } },
    { name: 'spec.nodeName, tolerating the cordon', pod: makePod('p', { nodeName: 'a', tolerations: [{ operator: 'Exists' }] }), want: { a: '', cordoned: 'node(s) didn\'t match the requested node name' } },
    { name: 'cordoned', pod: makePod('p'), want: { a: '', cordoned: 'node(s) were unschedulable' } },
    { name: 'cordoned but tolerated', pod: makePod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), want: { a: '', cordoned: '' } },
    { name: '0.0.0.0 conflicts with a specific IP', pod: makePod('p', port(8080)), want: { a: 'node(s) didn\'t have free ports for the requested pod ports', cordoned: 'node(s) were unschedulable' } },
    { name: 'another protocol is free', pod: makePod('p', port(8080, 'UDP')), want: { a: '', cordoned: 'node(s) were unschedulable' } },
    { name: 'another IP is free', pod: makePod('p', port(8080, 'TCP', '10.0.0.2')), want: { a: '', cordoned: 'node(s) were unschedulable' } },
  ];
  for (const c of cases) assert.deepEqual(filterAll(framework(), snapshot(nodes, [busy]), c.pod), c.want, c.name);
});

test('SchedulingGates PreEnqueue', () => {
  const fwk = framework();
  assert.equal(fwk.runPreEnqueue(makePod('p')).code, 'Success');
  const gated = fwk.runPreEnqueue(makePod('p', { schedulingGates: [{ name: 'a' }, { name: 'b' }] }));
  assert.equal(gated.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(gated.reasons, ['waiting for scheduling gates: [a b]']);
});

test('ImageLocality', () => {
  assert.equal(normalizedImageName('busybox'), 'busybox:latest');
  assert.equal(normalizedImageName('registry:5000/busybox'), 'registry:5000/busybox:latest');
  assert.equal(normalizedImageName('busybox:1.36'), 'busybox:1.36');
  assert.equal(normalizedImageName('busybox@sha256:abc'), 'busybox@sha256:abc');
  const MB = 1024 * 1024;
  assert.equal(calculatePriority(10 * MB, 1), 0);
  assert.equal(calculatePriority(2000 * MB, 1), 100);
  const big = { names: ['gcr.io/250:latest'], sizeBytes: 250 * MB };
  const snap = snapshot([makeNode('has', { images: [big] }), makeNode('hasnt')]);
  // 250 MB seen on 1 of 2 nodes: 125 MB → (125 - 23) × 100 / (1000 - 23) = 10.
  assert.deepEqual(scoreWith(framework(), 'ImageLocality', snap, makePod('p', { containers: [{ name: 'c', image: 'gcr.io/250' }] })), { has: 10, hasnt: 0 });
});

test('PrioritySort: higher priority first, then earlier timestamp', () => {
  const s = prioritySort();
  const q = (priority: number, timestamp: number) => ({ pod: makePod('p', { priority }), initialAttemptTimestamp: 0, timestamp, attempts: 0, unschedulablePlugins: new Set<string>() });
  assert.equal(s.less(q(10, 5), q(1, 1)), true);
  assert.equal(s.less(q(1, 1), q(10, 5)), false);
  assert.equal(s.less(q(1, 1), q(1, 2)), true);
});

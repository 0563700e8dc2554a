// NodeName, NodeUnschedulable and NodePorts together, in the default profile's order. SchedulingGates,
// ImageLocality and PrioritySort are tested in their own folders.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterAll, framework, makeNode, makePod, snapshot } from '../testing.fixture.ts';

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

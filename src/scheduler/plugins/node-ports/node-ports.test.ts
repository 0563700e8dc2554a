import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterAll, framework, makeNode, makePod, snapshot } from '../../testing.fixture.ts';

const withHostPort = (name: string, hostPort: number, nodeName?: string): ReturnType<typeof makePod> => makePod(name, {
  ...(nodeName === undefined ? {} : { nodeName }),
  containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80, hostPort, protocol: 'TCP' }] }],
});

test('NodePorts: a host port already taken on a node rules the node out', () => {
  const snap = snapshot([makeNode('busy'), makeNode('free')], [withHostPort('running', 8080, 'busy')]);
  assert.deepEqual(filterAll(framework(), snap, withHostPort('new', 8080)), { busy: "node(s) didn't have free ports for the requested pod ports", free: '' });
  assert.deepEqual(filterAll(framework(), snap, withHostPort('other-port', 9090)), { busy: '', free: '' });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import { missingNodes, terminatedOverThreshold, terminatingPastGrace, unscheduledTerminating } from './rules.ts';

const pod = (name: string, o: { phase?: string; created?: string; node?: string; deleting?: string } = {}): Pod => ({
  metadata: { name, namespace: 'd', creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', ...(o.deleting === undefined ? {} : { deletionTimestamp: o.deleting }) },
  spec: { containers: [], ...(o.node === undefined ? {} : { nodeName: o.node }) },
  status: o.phase === undefined ? {} : { phase: o.phase as 'Running' },
});
const names = (pods: Pod[]): string[] => pods.map((p) => p.metadata?.name ?? '');

test('terminated pods over the threshold go, oldest first', () => {
  const pods = [
    pod('new', { phase: 'Succeeded', created: '2026-01-03T00:00:00Z' }),
    pod('old', { phase: 'Failed', created: '2026-01-01T00:00:00Z' }),
    pod('mid', { phase: 'Succeeded', created: '2026-01-02T00:00:00Z' }),
    pod('running', { phase: 'Running', created: '2025-01-01T00:00:00Z' }),
  ];
  const cases: [number, string[]][] = [[0, []], [3, []], [2, ['old']], [1, ['old', 'mid']]];
  for (const [threshold, want] of cases) assert.deepEqual(names(terminatedOverThreshold(pods, threshold)), want, String(threshold));
});

test('unscheduled terminating pods and missing nodes', () => {
  const pods = [pod('a', { deleting: '2026-01-01T00:00:00Z' }), pod('b', { node: 'gone' }), pod('c', { node: 'here', deleting: '2026-01-01T00:00:00Z' })];
  assert.deepEqual(names(unscheduledTerminating(pods)), ['a']);
  assert.deepEqual([...missingNodes(pods, (n) => n === 'here')], ['gone']);
});

test('terminating pods on unreachable nodes go once their grace has passed', () => {
  const unreachable: Node = { metadata: { name: 'u' }, spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } };
  const healthy: Node = { metadata: { name: 'h' }, spec: {} };
  const nodes = new Map([['u', unreachable], ['h', healthy]]);
  const pods = [pod('past', { node: 'u', deleting: '2026-01-01T00:00:10Z' }), pod('early', { node: 'u', deleting: '2026-01-01T00:01:00Z' }),
    pod('healthy', { node: 'h', deleting: '2026-01-01T00:00:10Z' }), pod('alive', { node: 'u' })];
  assert.deepEqual(names(terminatingPastGrace(pods, (n) => nodes.get(n), Date.UTC(2026, 0, 1, 0, 0, 30))), ['past']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TopologySpreadConstraint } from '../../../api/types/core/v1/index.ts';
import { filterAll, framework, makeNode, makePod, scoreWith, snapshot } from '../../testing.fixture.ts';

const ZONE = 'topology.kubernetes.io/zone';
const SKEW = 'node(s) didn\'t match pod topology spread constraints';
const MISSING = 'node(s) didn\'t match pod topology spread constraints (missing required label)';
const c = (o: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint =>
  ({ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } }, ...o });
const nodes = [makeNode('a1', { labels: { [ZONE]: 'a' } }), makeNode('b1', { labels: { [ZONE]: 'b' } }), makeNode('c1', { labels: { [ZONE]: 'c', pool: 'x' } }), makeNode('nolabel')];
const on = (node: string, i: number): ReturnType<typeof makePod> => makePod(`e${i}`, { nodeName: node }, { app: 's' });

test('PodTopologySpread filter', () => {
  const cases = [
    { name: 'spread 1/1/0: only the empty zone keeps skew ≤ 1', cons: [c()], pods: [on('a1', 0), on('b1', 1)], want: { a1: SKEW, b1: SKEW, c1: '', nolabel: MISSING } },
    { name: 'maxSkew 2 allows the fuller zones', cons: [c({ maxSkew: 2 })], pods: [on('a1', 0), on('b1', 1)], want: { a1: '', b1: '', c1: '', nolabel: MISSING } },
    { name: 'minDomains above the domain count makes the minimum 0', cons: [c({ minDomains: 4 })], pods: [on('a1', 0), on('b1', 1), on('c1', 2)],
      want: { a1: SKEW, b1: SKEW, c1: SKEW, nolabel: MISSING } },
    { name: 'nodeAffinityPolicy Honor: zones of non-matching nodes do not count', cons: [c()], pods: [on('a1', 0), on('b1', 1)], selector: { pool: 'x' },
      want: { a1: 'node(s) didn\'t match Pod\'s node affinity/selector', b1: 'node(s) didn\'t match Pod\'s node affinity/selector', c1: '', nolabel: 'node(s) didn\'t match Pod\'s node affinity/selector' } },
    { name: 'pods not matching the selector are not counted', cons: [c()], pods: [makePod('o', { nodeName: 'a1' }, { app: 'other' })], want: { a1: '', b1: '', c1: '', nolabel: MISSING } },
  ];
  for (const t of cases) {
    const pod = makePod('p', { topologySpreadConstraints: t.cons, ...(t.selector === undefined ? {} : { nodeSelector: t.selector }) }, { app: 's' });
    assert.deepEqual(filterAll(framework(), snapshot(nodes, t.pods), pod), t.want, t.name);
  }
});

test('PodTopologySpread score: emptier domains score higher; nodes without the key score 0', () => {
  const pod = makePod('p', { topologySpreadConstraints: [c({ whenUnsatisfiable: 'ScheduleAnyway' })] }, { app: 's' });
  const scores = scoreWith(framework(), 'PodTopologySpread', snapshot(nodes, [on('a1', 0), on('a1', 1), on('b1', 2)]), pod);
  assert.equal(scores['nolabel'], 0);
  assert.equal(scores['c1'], 100);
  assert.ok((scores['c1'] ?? 0) > (scores['b1'] ?? 0) && (scores['b1'] ?? 0) > (scores['a1'] ?? 0), JSON.stringify(scores));
});

test('PodTopologySpread score: with no node carrying every topology key, every node scores 0; one that does is scored', () => {
  const pod = makePod('p', { topologySpreadConstraints: [c({ whenUnsatisfiable: 'ScheduleAnyway' })] }, { app: 's' });
  const unlabeled = [makeNode('n1'), makeNode('n2')];
  assert.deepEqual(scoreWith(framework(), 'PodTopologySpread', snapshot(unlabeled, [on('n1', 0)]), pod), { n1: 0, n2: 0 });
  const oneLabeled = [...unlabeled, makeNode('z1', { labels: { [ZONE]: 'a' } })];
  assert.deepEqual(scoreWith(framework(), 'PodTopologySpread', snapshot(oneLabeled, [on('n1', 0)]), pod), { n1: 0, n2: 0, z1: 100 });
});

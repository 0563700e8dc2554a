import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NodeSelectorRequirement, Taint, Toleration } from '../../../api/types/core/v1/index.ts';
import { makeNode, makePod } from '../../testing.fixture.ts';
import { matchesRequiredNodeAffinity, matchesRequirement, matchesTerm, tolerates, untoleratedTaint } from './node-selector.ts';
import { defaultNormalizeScore } from './normalize.ts';

test('defaultNormalizeScore: the best becomes 100 (reversed: 0), all zeros stay (reversed: 100)', () => {
  const cases: { scores: number[]; want: number[]; reversed: number[] }[] = [
    { scores: [10, 20, 30, 40, 50], want: [20, 40, 60, 80, 100], reversed: [80, 60, 40, 20, 0] },
    { scores: [1000, 10, 20, 30, 40, 50], want: [100, 1, 2, 3, 4, 5], reversed: [0, 99, 98, 97, 96, 95] },
    { scores: [0, 1, 1, 1], want: [0, 100, 100, 100], reversed: [100, 0, 0, 0] },
    { scores: [0, 0, 0, 0], want: [0, 0, 0, 0], reversed: [100, 100, 100, 100] },
  ];
  for (const c of cases) {
    for (const [reverse, want] of [[false, c.want], [true, c.reversed]] as const) {
      const scores = c.scores.map((score, i) => ({ name: `n${i}`, score }));
      defaultNormalizeScore(scores, reverse);
      assert.deepEqual(scores.map((s) => s.score), want, `${c.scores.join(',')} reverse=${reverse}`);
    }
  }
});

test('node selector requirements, by operator', () => {
  const labels = { zone: 'a', count: '10', word: '12abc' };
  const r = (operator: NodeSelectorRequirement['operator'], key: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values === undefined ? {} : { values }) });
  const cases: { req: NodeSelectorRequirement; want: boolean }[] = [
    { req: r('In', 'zone', ['a', 'b']), want: true },
    { req: r('In', 'zone', ['b']), want: false },
    { req: r('In', 'missing', ['a']), want: false },
    { req: r('NotIn', 'zone', ['b']), want: true },
    { req: r('NotIn', 'zone', ['a']), want: false },
    { req: r('NotIn', 'missing', ['a']), want: true },
    { req: r('Exists', 'zone'), want: true },
    { req: r('Exists', 'missing'), want: false },
    { req: r('DoesNotExist', 'missing'), want: true },
    { req: r('DoesNotExist', 'zone'), want: false },
    { req: r('Gt', 'count', ['9']), want: true },
    { req: r('Gt', 'count', ['10']), want: false },
    { req: r('Lt', 'count', ['11']), want: true },
    { req: r('Lt', 'count', ['-1']), want: false },
    { req: r('Gt', 'count', ['1', '2']), want: false },
    { req: r('Gt', 'word', ['1']), want: false },
    { req: r('Gt', 'count', ['1.5']), want: false },
    { req: r('Gt', 'missing', ['1']), want: false },
  ];
  for (const c of cases) assert.equal(matchesRequirement(c.req, labels), c.want, JSON.stringify(c.req));
});

test('node selector terms and a pod\'s required node affinity', () => {
  const node = makeNode('n1', { labels: { zone: 'a', disk: 'ssd' } });
  assert.equal(matchesTerm({}, node), false, 'an empty term matches nothing');
  assert.equal(matchesTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, node), true);
  assert.equal(matchesTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }, node), false);
  assert.equal(matchesTerm({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }, node), false,
    'expressions and fields must all hold');
  const affinity = (terms: { key: string; values: string[] }[][]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {
    nodeSelectorTerms: terms.map((t) => ({ matchExpressions: t.map((e) => ({ key: e.key, operator: 'In' as const, values: e.values })) })) } } });
  const cases: { name: string; spec: Parameters<typeof makePod>[1]; want: boolean }[] = [
    { name: 'nothing required', spec: {}, want: true },
    { name: 'nodeSelector matches', spec: { nodeSelector: { zone: 'a' } }, want: true },
    { name: 'nodeSelector does not', spec: { nodeSelector: { zone: 'a', disk: 'hdd' } }, want: false },
    { name: 'terms are ORed', spec: { affinity: affinity([[{ key: 'zone', values: ['b'] }], [{ key: 'disk', values: ['ssd'] }]]) }, want: true },
    { name: 'nodeSelector and affinity must both hold', spec: { nodeSelector: { zone: 'b' }, affinity: affinity([[{ key: 'disk', values: ['ssd'] }]]) }, want: false },
    { name: 'an empty term list matches nothing', spec: { affinity: affinity([]) }, want: false },
  ];
  for (const c of cases) assert.equal(matchesRequiredNodeAffinity(makePod('p', c.spec), node), c.want, c.name);
});

test('tolerations against taints', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const cases: { name: string; t: Toleration; want: boolean }[] = [
    { name: 'Equal, same key, value and effect', t: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, want: true },
    { name: 'an empty operator means Equal', t: { key: 'dedicated', value: 'gpu' }, want: true },
    { name: 'Equal, another value', t: { key: 'dedicated', operator: 'Equal', value: 'cpu' }, want: false },
    { name: 'Exists ignores the value', t: { key: 'dedicated', operator: 'Exists' }, want: true },
    { name: 'Exists without a key tolerates everything', t: { operator: 'Exists' }, want: true },
    { name: 'another effect', t: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, want: false },
    { name: 'another key', t: { key: 'other', operator: 'Exists' }, want: false },
  ];
  for (const c of cases) assert.equal(tolerates(c.t, taint), c.want, c.name);
  const taints: Taint[] = [{ key: 'soft', effect: 'PreferNoSchedule' }, taint];
  assert.deepEqual(untoleratedTaint(taints, [], ['NoSchedule', 'NoExecute']), taint, 'PreferNoSchedule is not among the effects asked for');
  assert.equal(untoleratedTaint(taints, [{ key: 'dedicated', operator: 'Exists' }], ['NoSchedule', 'NoExecute']), undefined);
});

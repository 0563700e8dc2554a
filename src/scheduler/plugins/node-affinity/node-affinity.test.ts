import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NodeSelectorRequirement } from '../../../api/types/core/v1/index.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { filterAll, framework, makeNode, makePod, scoreWith, snapshot } from '../../testing.fixture.ts';
import { matchesRequirement } from '../helpers/node-selector.ts';

const REASON = 'node(s) didn\'t match Pod\'s node affinity/selector';

test('node selector operators', () => {
  const labels = { zone: 'a', cores: '8' };
  const cases: [NodeSelectorRequirement, boolean][] = [
    [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, true],
    [{ key: 'zone', operator: 'NotIn', values: ['a'] }, false],
    [{ key: 'missing', operator: 'NotIn', values: ['a'] }, true],
    [{ key: 'zone', operator: 'Exists' }, true],
    [{ key: 'zone', operator: 'DoesNotExist' }, false],
    [{ key: 'cores', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'cores', operator: 'Lt', values: ['4'] }, false],
    [{ key: 'zone', operator: 'Gt', values: ['4'] }, false],
  ];
  for (const [r, want] of cases) assert.equal(matchesRequirement(r, labels), want, JSON.stringify(r));
});

test('NodeAffinity filter: nodeSelector, required terms ORed, empty term matches nothing, matchFields', () => {
  const snap = snapshot([makeNode('a', { labels: { zone: 'a' } }), makeNode('b', { labels: { zone: 'b' } })]);
  const cases = [
    { name: 'nodeSelector', spec: { nodeSelector: { zone: 'a' } }, want: { a: '', b: REASON } },
    { name: 'terms are ORed', spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['b'] }] }] } } } }, want: { a: '', b: '' } },
    { name: 'an empty term matches nothing', spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }, want: { a: REASON, b: REASON } },
    { name: 'matchFields metadata.name', spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: ['b'] }] }] } } } }, want: { a: 'node(s) didn\'t satisfy plugin(s) [NodeAffinity]', b: '' } },
  ];
  for (const c of cases) {
    const pod = makePod('p', c.spec);
    const fwk = framework();
    if (c.name === 'matchFields metadata.name') {
      // PreFilter narrows the node set; nodes outside it are not filtered at all.
      const pre = fwk.runPreFilter(new CycleState(snap), pod);
      assert.deepEqual([...(pre.nodeNames ?? [])], ['b']);
      continue;
    }
    assert.deepEqual(filterAll(fwk, snap, pod), c.want, c.name);
  }
});

test('NodeAffinity score: preferred weights normalized to 100', () => {
  const snap = snapshot([makeNode('a', { labels: { zone: 'a', ssd: 'y' } }), makeNode('b', { labels: { zone: 'b' } }), makeNode('c', { labels: { zone: 'a' } })]);
  const pod = makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
    { weight: 6, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } },
  ] } } });
  assert.deepEqual(scoreWith(framework(), 'NodeAffinity', snap, pod), { a: 100, b: 0, c: 25 });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterAll, framework, makeNode, makePod, scoreWith, snapshot } from '../../testing.fixture.ts';
import { tolerates } from '../helpers/node-selector.ts';

test('toleration matching (upstream ToleratesTaint)', () => {
  const taint = { key: 'foo', value: 'bar', effect: 'NoSchedule' as const };
  const cases = [
    { t: { key: 'foo', operator: 'Equal' as const, value: 'bar', effect: 'NoSchedule' as const }, want: true },
    { t: { key: 'foo', operator: 'Equal' as const, value: 'baz', effect: 'NoSchedule' as const }, want: false },
    { t: { key: 'foo', operator: 'Exists' as const, effect: 'NoSchedule' as const }, want: true },
    { t: { key: 'foo', operator: 'Exists' as const, effect: 'NoExecute' as const }, want: false },
    { t: { key: 'foo', operator: 'Exists' as const }, want: true },
    { t: { operator: 'Exists' as const }, want: true },
    { t: { key: 'other', operator: 'Exists' as const }, want: false },
    { t: { key: 'foo', value: 'bar' }, want: true },
  ];
  for (const c of cases) assert.equal(tolerates(c.t, taint), c.want, JSON.stringify(c.t));
});

test('TaintToleration filter: NoSchedule and NoExecute reject; PreferNoSchedule does not', () => {
  const snap = snapshot([
    makeNode('hard', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    makeNode('exec', { taints: [{ key: 'k', value: '', effect: 'NoExecute' }] }),
    makeNode('soft', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
  ]);
  assert.deepEqual(filterAll(framework(), snap, makePod('p')), {
    hard: 'node(s) had untolerated taint {dedicated: gpu}', exec: 'node(s) had untolerated taint {k: }', soft: '',
  });
  const tolerant = makePod('p', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
  assert.equal(filterAll(framework(), snap, tolerant)['hard'], '');
});

test('TaintToleration score: fewer intolerable PreferNoSchedule taints is better', () => {
  const snap = snapshot([
    makeNode('none'),
    makeNode('one', { taints: [{ key: 'a', value: '1', effect: 'PreferNoSchedule' }] }),
    makeNode('two', { taints: [{ key: 'a', value: '1', effect: 'PreferNoSchedule' }, { key: 'b', value: '1', effect: 'PreferNoSchedule' }] }),
  ]);
  assert.deepEqual(scoreWith(framework(), 'TaintToleration', snap, makePod('p')), { none: 100, one: 50, two: 0 });
  const tolerant = makePod('p', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }] });
  assert.deepEqual(scoreWith(framework(), 'TaintToleration', snap, tolerant), { none: 100, one: 100, two: 0 });
});

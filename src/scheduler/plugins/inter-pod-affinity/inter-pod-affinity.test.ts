import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodAffinityTerm } from '../../../api/types/core/v1/index.ts';
import { fakeHandle, filterAll, framework, makeNode, makePod, scoreWith, snapshot } from '../../testing.fixture.ts';

const ZONE = 'topology.kubernetes.io/zone';
const term = (app: string, topologyKey = ZONE, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey, ...extra });
const nodes = [makeNode('a1', { labels: { [ZONE]: 'a' } }), makeNode('a2', { labels: { [ZONE]: 'a' } }), makeNode('b1', { labels: { [ZONE]: 'b' } }), makeNode('x')];
const AFF = 'node(s) didn\'t match pod affinity rules';
const ANTI = 'node(s) didn\'t match pod anti-affinity rules';
const EXISTING = 'node(s) didn\'t satisfy existing pods anti-affinity rules';

test('InterPodAffinity filter', () => {
  const db = makePod('db', { nodeName: 'a1' }, { app: 'db' });
  const cases = [
    { name: 'required affinity: same zone as a db pod; nodes without the key are out',
      pod: makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } }), pods: [db],
      want: { a1: '', a2: '', b1: AFF, x: AFF } },
    { name: 'first pod of a self-affine group may go anywhere with the key',
      pod: makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } }, { app: 'web' }), pods: [],
      want: { a1: '', a2: '', b1: '', x: AFF } },
    { name: 'required anti-affinity by zone',
      pod: makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } }), pods: [db],
      want: { a1: ANTI, a2: ANTI, b1: '', x: '' } },
    { name: 'an existing pod\'s anti-affinity rejects the newcomer',
      pod: makePod('p', {}, { app: 'web' }),
      pods: [makePod('e', { nodeName: 'b1', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } })],
      want: { a1: '', a2: '', b1: EXISTING, x: '' } },
    { name: 'terms only see the pod\'s namespace by default',
      pod: makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } }), pods: [makePod('db', { nodeName: 'a1' }, { app: 'db' }, 'other')],
      want: { a1: '', a2: '', b1: '', x: '' } },
    { name: 'an empty namespaceSelector selects every namespace',
      pod: makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE, { namespaceSelector: {} })] } } }),
      pods: [makePod('db', { nodeName: 'a1' }, { app: 'db' }, 'other')],
      want: { a1: ANTI, a2: ANTI, b1: '', x: '' } },
  ];
  for (const c of cases) assert.deepEqual(filterAll(framework({}, fakeHandle({ namespaces: { other: { team: 'x' } } })), snapshot(nodes, c.pods), c.pod), c.want, c.name);
});

test('InterPodAffinity score: preferred terms and existing pods\' terms, min..max to 0..100', () => {
  const pod = makePod('p', { affinity: {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('db') }] },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('noisy') }] },
  } });
  const pods = [makePod('db', { nodeName: 'a1' }, { app: 'db' }), makePod('n', { nodeName: 'b1' }, { app: 'noisy' })];
  // zone a: +5, zone b: -10, x: 0 → (s - (-10)) × 100 / 15.
  assert.deepEqual(scoreWith(framework(), 'InterPodAffinity', snapshot(nodes, pods), pod), { a1: 100, a2: 100, b1: 0, x: 66 });
});

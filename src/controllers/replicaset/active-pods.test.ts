import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { compareForDeletion, podsToDelete, rankByRelatedPodsOnSameNode, rankedPod } from './active-pods.ts';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

function pod(name: string, o: { node?: string; phase?: string; ready?: number; restarts?: number; created?: number; cost?: string } = {}): Pod {
  return {
    metadata: { name, uid: name, creationTimestamp: ago(o.created ?? 1000), ...(o.cost === undefined ? {} : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } }) },
    spec: { containers: [], ...(o.node === undefined ? {} : { nodeName: o.node }) },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ready === undefined ? {} : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.ready) }] }),
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: o.ready !== undefined, restartCount: o.restarts ?? 0 }],
    },
  } as Pod;
}

// Upstream's TestSortingActivePodsWithRanks, as pairs: the first goes before the second.
const cases: { name: string; first: Pod; second: Pod; rankFirst?: number; rankSecond?: number }[] = [
  { name: 'unassigned before assigned', first: pod('a'), second: pod('b', { node: 'n', phase: 'Pending' }) },
  { name: 'Pending before Unknown', first: pod('a', { node: 'n', phase: 'Pending' }), second: pod('b', { node: 'n', phase: 'Unknown' }) },
  { name: 'Unknown before Running', first: pod('a', { node: 'n', phase: 'Unknown' }), second: pod('b', { node: 'n' }) },
  { name: 'not ready before ready', first: pod('a', { node: 'n' }), second: pod('b', { node: 'n', ready: 10 }) },
  { name: 'lower deletion cost first', first: pod('a', { node: 'n', ready: 10, cost: '-5' }), second: pod('b', { node: 'n', ready: 10 }) },
  { name: 'doubled up first', first: pod('a', { node: 'n', ready: 10 }), second: pod('b', { node: 'm', ready: 10 }), rankFirst: 3, rankSecond: 1 },
  { name: 'ready for less time first (log scale)', first: pod('a', { node: 'n', ready: 10 }), second: pod('b', { node: 'n', ready: 1000 }) },
  { name: 'more restarts first', first: pod('a', { node: 'n', ready: 100, restarts: 5 }), second: pod('b', { node: 'n', ready: 100 }) },
  { name: 'newer first', first: pod('a', { node: 'n', created: 10 }), second: pod('b', { node: 'n', created: 10_000 }) },
  { name: 'same log bucket: by UID', first: pod('a', { node: 'n', created: 100 }), second: pod('b', { node: 'n', created: 101 }) },
];

for (const c of cases) {
  test(`deletion order: ${c.name}`, () => {
    const a = rankedPod(c.first, c.rankFirst ?? 0, NOW);
    const b = rankedPod(c.second, c.rankSecond ?? 0, NOW);
    assert.ok(compareForDeletion(a, b) < 0, 'first before second');
    assert.ok(compareForDeletion(b, a) > 0, 'and not the other way');
  });
}

test('ranks count active related pods per node', () => {
  const pods = [pod('a', { node: 'n1' }), pod('b', { node: 'n2' })];
  const related = [...pods, pod('c', { node: 'n1' }), pod('d', { node: 'n1', phase: 'Succeeded' })];
  assert.deepEqual(rankByRelatedPodsOnSameNode(pods, related).map((r) => r.rank), [2, 1]);
});

test('podsToDelete takes the cheapest pods', () => {
  const pods = [pod('ready', { node: 'n', ready: 50 }), pod('pending', { node: 'n', phase: 'Pending' }), pod('unassigned', { phase: 'Pending' })];
  assert.deepEqual(podsToDelete(pods, pods, 2, NOW).map((p) => p.metadata?.name), ['unassigned', 'pending']);
});

test('without the time of the order, times compare as times (newer first), not by logarithmic age', () => {
  const newer = rankedPod(pod('b', { node: 'n', created: 100 }), 0);
  const older = rankedPod(pod('a', { node: 'n', created: 101 }), 0);
  assert.ok(compareForDeletion(newer, older) < 0);
  // At a known time both are in one log bucket, so the UID decides ('a' first).
  assert.ok(compareForDeletion(rankedPod(newer.pod, 0, NOW), rankedPod(older.pod, 0, NOW)) > 0);
});

test('facts are read per pod object: an updated pod (a new object) is ranked by its new state', () => {
  const pending = pod('a', { node: 'n', phase: 'Pending' });
  const running = pod('b', { node: 'n' });
  assert.deepEqual(podsToDelete([running, pending], [], 1, NOW).map((p) => p.metadata?.name), ['a']);
  const nowRunningAndReady = { ...pending, status: { ...pending.status, phase: 'Running' as const, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(50) }] } };
  assert.deepEqual(podsToDelete([running, nowRunningAndReady], [], 1, NOW).map((p) => p.metadata?.name), ['b']);
});

test('podsToDelete picks what a full sort would put first, in that order (times all distinct: a strict order)', () => {
  const pods: Pod[] = [];
  for (let i = 0; i < 300; i++) {
    const o = { created: 10 + ((i * 7919) % 997), restarts: i % 3, ...(i % 5 === 0 ? {} : { node: `n${i % 7}` }), ...(i % 4 === 0 ? {} : { ready: 5 + ((i * 131) % 991) }) };
    pods.push(pod(`p${String(i).padStart(3, '0')}`, { ...o, phase: i % 11 === 0 ? 'Pending' : 'Running' }));
  }
  // Distinct creation and ready times, so no two pods tie on a time.
  const seen = new Set<string>();
  const distinct = pods.filter((p) => {
    const k = `${p.metadata?.creationTimestamp}|${p.status?.conditions?.[0]?.lastTransitionTime ?? p.metadata?.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const sorted = rankByRelatedPodsOnSameNode(distinct, distinct, NOW).sort(compareForDeletion).map((r) => r.pod.metadata?.name);
  for (const count of [1, 2, 17, 150, distinct.length - 1]) {
    assert.deepEqual(podsToDelete(distinct, distinct, count, NOW).map((p) => p.metadata?.name), sorted.slice(0, count), `count ${count}`);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { makeNode, makePod } from '../testing.fixture.ts';
import { mayHelp, nodeChanges, type ClusterEvent } from './cluster-events.ts';
import { SchedulingQueue } from './queue.ts';
import { success } from './status.ts';

test('which events may help a pod, by the plugins that rejected it', () => {
  const cases: { rejectedBy: string[]; event: ClusterEvent; want: boolean }[] = [
    { rejectedBy: ['NodeResourcesFit'], event: 'AssignedPodAdd', want: false },
    { rejectedBy: ['NodeResourcesFit'], event: 'AssignedPodDelete', want: true },
    { rejectedBy: ['NodeResourcesFit'], event: 'NodeAllocatable', want: true },
    { rejectedBy: ['NodeResourcesFit'], event: 'NodeLabel', want: false },
    { rejectedBy: ['NodeAffinity'], event: 'NodeLabel', want: true },
    { rejectedBy: ['NodeAffinity', 'TaintToleration'], event: 'NodeTaint', want: true },
    { rejectedBy: ['InterPodAffinity'], event: 'AssignedPodAdd', want: true },
    { rejectedBy: ['VolumeBinding'], event: 'PvcUpdate', want: true },
    { rejectedBy: ['NodeVolumeLimits'], event: 'PvcUpdate', want: false },
    { rejectedBy: ['VolumeBinding'], event: 'AssignedPodDelete', want: false },
    { rejectedBy: ['SomeOutOfTreePlugin'], event: 'NodeCondition', want: true },
    { rejectedBy: [], event: 'NodeCondition', want: true },
  ];
  for (const c of cases) assert.equal(mayHelp(c.event, new Set(c.rejectedBy)), c.want, `${c.rejectedBy.join('+')} on ${c.event}`);
});

test('node changes: labels, taints, allocatable, conditions; heartbeats are none', () => {
  const base = makeNode('n', { labels: { zone: 'a' } });
  const cases: { name: string; after: typeof base; want: ClusterEvent[] }[] = [
    { name: 'same', after: structuredClone(base), want: [] },
    { name: 'label', after: makeNode('n', { labels: { zone: 'b' } }), want: ['NodeLabel'] },
    { name: 'taint', after: makeNode('n', { labels: { zone: 'a' }, taints: [{ key: 'k', effect: 'NoSchedule' }] }), want: ['NodeTaint'] },
    { name: 'allocatable', after: makeNode('n', { labels: { zone: 'a' }, cpu: '8' }), want: ['NodeAllocatable'] },
    { name: 'cordon', after: makeNode('n', { labels: { zone: 'a' }, unschedulable: true }), want: ['NodeOther'] },
  ];
  for (const c of cases) assert.deepEqual(nodeChanges(base, c.after), c.want, c.name);
});

test('queue: an event moves back only the unschedulable pods it may help', async () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock, less: (a, b) => a.timestamp < b.timestamp, preEnqueue: () => success(), initialBackoffMs: 1, maxBackoffMs: 1 });
  const stop = new AbortController();
  q.run(stop.signal);
  for (const [name, plugin] of [['needs-cpu', 'NodeResourcesFit'], ['needs-peer', 'InterPodAffinity']] as const) {
    q.add(makePod(name));
    const info = await q.pop(stop.signal);
    assert.ok(info !== undefined);
    info.unschedulablePlugins = new Set([plugin]);
    q.addUnschedulable(info, q.schedulingCycle);
  }
  clock.advance(10);
  assert.equal(q.lengths().unschedulable, 2);
  q.moveAllToActiveOrBackoff('AssignedPodAdd');
  assert.deepEqual(q.lengths(), { active: 1, backoff: 0, unschedulable: 1, gated: 0 });
  assert.equal((await q.pop(stop.signal))?.pod.metadata?.name, 'needs-peer');
  q.moveAllToActiveOrBackoff('AssignedPodDelete');
  assert.equal((await q.pop(stop.signal))?.pod.metadata?.name, 'needs-cpu');
  stop.abort();
});

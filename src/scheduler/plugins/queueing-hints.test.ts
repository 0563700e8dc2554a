import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../api/types/core/v1/index.ts';
import { mayHelp, type ClusterEvent } from '../framework/cluster-events.ts';
import { SchedulingQueue } from '../framework/queue.ts';
import { success } from '../framework/status.ts';
import { makePod } from '../testing.fixture.ts';
import { inTreeQueueingHints } from './queueing-hints.ts';

const hints = inTreeQueueingHints();
const withClaim = (name: string, claim: string, o: { namespace?: string; nodeName?: string } = {}): Pod =>
  makePod(name, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }], ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }) }, {}, o.namespace);
const withDisk = (name: string, pdName: string, nodeName?: string): Pod =>
  makePod(name, { volumes: [{ name: 'd', gcePersistentDisk: { pdName } }], ...(nodeName === undefined ? {} : { nodeName }) });
const pvc = (name: string, namespace = 'default'): PersistentVolumeClaim => ({ metadata: { name, namespace } });
const pv: PersistentVolume = { metadata: { name: 'pv' } };

test('queueing hints of the volume plugins', () => {
  const cases: { name: string; plugin: string; event: ClusterEvent; pod: Pod; obj: unknown; want: boolean }[] = [
    { name: 'VolumeRestrictions: a pod sharing the claim was deleted', plugin: 'VolumeRestrictions', event: 'AssignedPodDelete', pod: withClaim('p', 'solo'), obj: withClaim('q', 'solo', { nodeName: 'a' }), want: true },
    { name: 'VolumeRestrictions: an unrelated pod was deleted', plugin: 'VolumeRestrictions', event: 'AssignedPodDelete', pod: withClaim('p', 'solo'), obj: withClaim('q', 'other', { nodeName: 'a' }), want: false },
    { name: 'VolumeRestrictions: a pod in another namespace', plugin: 'VolumeRestrictions', event: 'AssignedPodDelete', pod: withClaim('p', 'solo'), obj: withClaim('q', 'solo', { namespace: 'x', nodeName: 'a' }), want: false },
    { name: 'VolumeRestrictions: the pod holding the same disk was deleted', plugin: 'VolumeRestrictions', event: 'AssignedPodDelete', pod: withDisk('p', 'foo'), obj: withDisk('q', 'foo', 'a'), want: true },
    { name: 'VolumeRestrictions: the pod\'s claim was created', plugin: 'VolumeRestrictions', event: 'PvcAdd', pod: withClaim('p', 'solo'), obj: pvc('solo'), want: true },
    { name: 'VolumeRestrictions: another claim was created', plugin: 'VolumeRestrictions', event: 'PvcAdd', pod: withClaim('p', 'solo'), obj: pvc('else'), want: false },
    { name: 'VolumeRestrictions: a claim of that name elsewhere', plugin: 'VolumeRestrictions', event: 'PvcAdd', pod: withClaim('p', 'solo'), obj: pvc('solo', 'x'), want: false },
    { name: 'NodeVolumeLimits: a pod with a claim was deleted', plugin: 'NodeVolumeLimits', event: 'AssignedPodDelete', pod: withClaim('p', 'c'), obj: withClaim('q', 'other', { nodeName: 'a' }), want: true },
    { name: 'NodeVolumeLimits: a pod without volumes was deleted', plugin: 'NodeVolumeLimits', event: 'AssignedPodDelete', pod: withClaim('p', 'c'), obj: makePod('q', { nodeName: 'a' }), want: false },
    { name: 'NodeVolumeLimits: the pod\'s claim was created', plugin: 'NodeVolumeLimits', event: 'PvcAdd', pod: withClaim('p', 'c'), obj: pvc('c'), want: true },
    { name: 'NodeVolumeLimits: a node change does not help', plugin: 'NodeVolumeLimits', event: 'NodeAdd', pod: withClaim('p', 'c'), obj: {}, want: false },
    { name: 'VolumeBinding: a PV added, pod with claims', plugin: 'VolumeBinding', event: 'PvAdd', pod: withClaim('p', 'c'), obj: pv, want: true },
    { name: 'VolumeBinding: a PV added, pod without claims', plugin: 'VolumeBinding', event: 'PvAdd', pod: makePod('p'), obj: pv, want: false },
    { name: 'VolumeBinding: a claim updated (no hint)', plugin: 'VolumeBinding', event: 'PvcUpdate', pod: makePod('p'), obj: pvc('c'), want: true },
  ];
  for (const c of cases) assert.equal(mayHelp(c.event, new Set([c.plugin]), { hints, pod: c.pod, obj: c.obj }), c.want, c.name);
});

test('queue: a pod rejected by VolumeRestrictions comes back only when a pod holding its claim goes', async () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock, less: (a, b) => a.timestamp < b.timestamp, preEnqueue: () => success(), initialBackoffMs: 1, maxBackoffMs: 1, hints });
  const stop = new AbortController();
  q.add(withClaim('p', 'solo'));
  const info = await q.pop(stop.signal);
  assert.ok(info !== undefined);
  info.unschedulablePlugins = new Set(['VolumeRestrictions']);
  q.addUnschedulable(info, q.schedulingCycle);
  q.moveAllToActiveOrBackoff('AssignedPodDelete', withClaim('q', 'other', { nodeName: 'a' }));
  assert.equal(q.lengths().unschedulable, 1);
  q.moveAllToActiveOrBackoff('AssignedPodDelete', withClaim('r', 'solo', { nodeName: 'a' }));
  assert.equal(q.lengths().unschedulable, 0);
  stop.abort();
});

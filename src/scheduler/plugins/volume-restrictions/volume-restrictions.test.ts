import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolumeClaim, Pod, Volume } from '../../../api/types/core/v1/index.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { fakeApi, fakeHandle, filterAll, framework, makeNode, makePod, snapshot } from '../../testing.fixture.ts';

const DISK = 'node(s) had no available disk';
const RWOP = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const nodes = [makeNode('a'), makeNode('b')];
const on = (node: string, ...volumes: Volume[]): Pod => makePod(`on-${node}-${volumes.length}`, { nodeName: node, volumes });
const gce = (pdName: string, readOnly = false): Volume => ({ name: 'd', gcePersistentDisk: { pdName, readOnly } });
const ebs = (volumeID: string, readOnly = false): Volume => ({ name: 'd', awsElasticBlockStore: { volumeID, readOnly } });
const rbd = (monitors: string[], image: string, pool?: string, readOnly = false): Volume => ({ name: 'd', rbd: { monitors, image, readOnly, ...(pool === undefined ? {} : { pool }) } });
const iscsi = (iqn: string, readOnly = false): Volume => ({ name: 'd', iscsi: { targetPortal: '10.0.0.1:3260', iqn, lun: 0, readOnly } });

test('VolumeRestrictions: the same inline disk twice on a node', () => {
  const cases: { name: string; existing: Volume; wanted: Volume; conflict: boolean }[] = [
    { name: 'GCE PD, same disk', existing: gce('foo'), wanted: gce('foo'), conflict: true },
    { name: 'GCE PD, another disk', existing: gce('foo'), wanted: gce('bar'), conflict: false },
    { name: 'GCE PD, both read-only', existing: gce('foo', true), wanted: gce('foo', true), conflict: false },
    { name: 'GCE PD, one read-write', existing: gce('foo', true), wanted: gce('foo'), conflict: true },
    { name: 'EBS, same volume even read-only', existing: ebs('vol-1', true), wanted: ebs('vol-1', true), conflict: true },
    { name: 'EBS, another volume', existing: ebs('vol-1'), wanted: ebs('vol-2'), conflict: false },
    { name: 'RBD, a shared monitor, same pool and image', existing: rbd(['a', 'b'], 'img'), wanted: rbd(['b', 'c'], 'img', 'rbd'), conflict: true },
    { name: 'RBD, no shared monitor', existing: rbd(['a'], 'img'), wanted: rbd(['c'], 'img'), conflict: false },
    { name: 'RBD, another pool', existing: rbd(['a'], 'img', 'p1'), wanted: rbd(['a'], 'img', 'p2'), conflict: false },
    { name: 'RBD, both read-only', existing: rbd(['a'], 'img', undefined, true), wanted: rbd(['a'], 'img', undefined, true), conflict: false },
    { name: 'iSCSI, same IQN', existing: iscsi('iqn.2026-01.io.k8ts:a'), wanted: iscsi('iqn.2026-01.io.k8ts:a'), conflict: true },
    { name: 'iSCSI, both read-only', existing: iscsi('iqn.2026-01.io.k8ts:a', true), wanted: iscsi('iqn.2026-01.io.k8ts:a', true), conflict: false },
    { name: 'different kinds never conflict', existing: gce('foo'), wanted: ebs('foo'), conflict: false },
  ];
  for (const c of cases) {
    const got = filterAll(framework(), snapshot(nodes, [on('a', c.existing)]), makePod('p', { volumes: [c.wanted] }));
    assert.deepEqual(got, { a: c.conflict ? DISK : '', b: '' }, c.name);
  }
});

test('VolumeRestrictions: a ReadWriteOncePod claim serves one pod in the cluster', () => {
  const claim = (name: string, mode: 'ReadWriteOncePod' | 'ReadWriteOnce', namespace = 'default'): PersistentVolumeClaim =>
    ({ metadata: { name, namespace }, spec: { accessModes: [mode], volumeName: `pv-${name}` } });
  const using = (name: string): Volume => ({ name: 'data', persistentVolumeClaim: { claimName: name } });
  const claims = [claim('solo', 'ReadWriteOncePod'), claim('shared', 'ReadWriteOnce'), claim('solo', 'ReadWriteOncePod', 'other')];
  const cases: { name: string; existing: Pod[]; wanted: string; want: Record<string, string> }[] = [
    { name: 'unused RWOP claim', existing: [], wanted: 'solo', want: { a: '', b: '' } },
    { name: 'RWOP claim used by a pod on b: no node fits', existing: [on('b', using('solo'))], wanted: 'solo', want: { a: RWOP, b: RWOP } },
    { name: 'a claim of the same name in another namespace does not count', existing: [makePod('x', { nodeName: 'b', volumes: [using('solo')] }, {}, 'other')], wanted: 'solo', want: { a: '', b: '' } },
    { name: 'ReadWriteOnce claims may be shared', existing: [on('b', using('shared'))], wanted: 'shared', want: { a: '', b: '' } },
    { name: 'a missing claim', existing: [], wanted: 'nope', want: { a: 'persistentvolumeclaim "nope" not found', b: 'persistentvolumeclaim "nope" not found' } },
  ];
  for (const c of cases) {
    // Only VolumeRestrictions at Filter: VolumeBinding would stop the pod earlier for the missing claim.
    const fwk = framework({ plugins: { preFilter: { disabled: [{ name: 'VolumeBinding' }] } } }, fakeHandle({ volumes: { claims } }));
    assert.deepEqual(filterAll(fwk, snapshot(nodes, c.existing), makePod('p', { volumes: [using(c.wanted)] })), c.want, c.name);
  }
});

test('VolumeRestrictions: preempting the pod that holds a ReadWriteOncePod claim frees it, on that pod\'s node', async () => {
  const claims: PersistentVolumeClaim[] = [{ metadata: { name: 'solo', namespace: 'default' }, spec: { accessModes: ['ReadWriteOncePod'], volumeName: 'pv-solo' } }];
  const using: Volume = { name: 'data', persistentVolumeClaim: { claimName: 'solo' } };
  const holder = makePod('holder', { nodeName: 'b', priority: 1, volumes: [using] });
  const api = fakeApi();
  const disabled = [{ name: 'VolumeBinding' }];
  const fwk = framework({ plugins: { preFilter: { disabled }, filter: { disabled } } }, fakeHandle({ api, volumes: { claims } }));
  const snap = snapshot(nodes, [holder]);
  const pod = makePod('p', { priority: 100, volumes: [using] });
  assert.deepEqual(filterAll(fwk, snap, pod), { a: RWOP, b: RWOP });
  const r = await fwk.runPostFilter(new CycleState(snap), pod, new Map(nodes.map((n) => [n.metadata?.name ?? '', { code: 'Unschedulable' as const, reasons: [RWOP] }])));
  assert.equal(r.nominatedNodeName, 'b');
  assert.deepEqual(api.deleted, ['holder']);
});

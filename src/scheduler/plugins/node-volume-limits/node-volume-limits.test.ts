import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from '../../../api/types/core/v1/index.ts';
import type { StorageClass } from '../../../api/types/storage/v1/index.ts';
import type { CSINode } from '../../framework/types.ts';
import { fakeHandle, filterAll, framework, makeNode, makePod, snapshot, type FakeVolumes } from '../../testing.fixture.ts';
import { attachLimitKey } from './attachable.ts';

const MAX = 'node(s) exceed max volume count';
const DRIVER = 'ebs.csi.aws.com';
const BOUND = { 'pv.kubernetes.io/bind-completed': 'yes' };
const claimOf = (name: string, o: { pv?: string; cls?: string } = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', annotations: BOUND },
  spec: { accessModes: ['ReadWriteOnce'], ...(o.pv === undefined ? {} : { volumeName: o.pv }), ...(o.cls === undefined ? {} : { storageClassName: o.cls }) },
});
const csiPV = (name: string, driver = DRIVER): PersistentVolume => ({
  metadata: { name }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver, volumeHandle: `handle-${name}` } },
});
const gcePV = (name: string): PersistentVolume => ({ metadata: { name }, spec: { capacity: { storage: '1Gi' }, gcePersistentDisk: { pdName: `disk-${name}` } } });
const uses = (...claims: string[]): Volume[] => claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } }));
const csiNode = (name: string, count: number, driver = DRIVER, migrated?: string): CSINode => ({
  metadata: { name, ...(migrated === undefined ? {} : { annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': migrated } }) },
  spec: { drivers: [{ name: driver, allocatable: { count } }] },
});
const classes: StorageClass[] = [{ metadata: { name: 'wffc' }, provisioner: DRIVER, volumeBindingMode: 'WaitForFirstConsumer' }];

test('attach limit keys: attachable-volumes-csi-<driver>, long names shortened with a hash', () => {
  assert.equal(attachLimitKey('ebs.csi.aws.com'), 'attachable-volumes-csi-ebs.csi.aws.com');
  const long = 'a-very-long-csi-driver-name.storage.example.com';
  const key = attachLimitKey(long);
  assert.equal(key.length, 'attachable-volumes-csi-'.length + 23 + 16);
  assert.ok(key.startsWith('attachable-volumes-csi-a-very-long-csi-drive'));
});

test('NodeVolumeLimits: CSI volumes per driver against CSINode and Node limits', () => {
  // Node a has one volume attached for an existing pod; the incoming pod asks for more.
  const existing = makePod('old', { nodeName: 'a', volumes: uses('c0') });
  const claims = [claimOf('c0', { pv: 'pv0' }), claimOf('c1', { pv: 'pv1' }), claimOf('c2', { pv: 'pv2' }), claimOf('other', { pv: 'pv-other' }),
    claimOf('unbound', { cls: 'wffc' }), claimOf('gce', { pv: 'pv-gce' })];
  const volumes = [csiPV('pv0'), csiPV('pv1'), csiPV('pv2'), csiPV('pv-other', 'other.csi.example.com'), gcePV('pv-gce')];
  const nodeAllocatable = makeNode('a', { extra: { [attachLimitKey(DRIVER)]: '2' } });
  const cases: { name: string; pod: Pod; csiNodes?: CSINode[]; node?: typeof nodeAllocatable; want: string }[] = [
    { name: 'no limits known: fits', pod: makePod('p', { volumes: uses('c1', 'c2') }), want: '' },
    { name: 'CSINode count 2, 1 attached + 2 new', pod: makePod('p', { volumes: uses('c1', 'c2') }), csiNodes: [csiNode('a', 2)], want: MAX },
    { name: 'CSINode count 3, 1 attached + 2 new', pod: makePod('p', { volumes: uses('c1', 'c2') }), csiNodes: [csiNode('a', 3)], want: '' },
    { name: 'Node allocatable 2, 1 attached + 2 new', pod: makePod('p', { volumes: uses('c1', 'c2') }), node: nodeAllocatable, want: MAX },
    { name: 'a volume the node already has is not counted again', pod: makePod('p', { volumes: uses('c0', 'c1') }), csiNodes: [csiNode('a', 2)], want: '' },
    { name: 'another driver has no limit', pod: makePod('p', { volumes: uses('other', 'c1') }), csiNodes: [csiNode('a', 2)], want: '' },
    { name: 'an unbound claim counts as a new volume of its provisioner', pod: makePod('p', { volumes: uses('unbound', 'c1') }), csiNodes: [csiNode('a', 2)], want: MAX },
    { name: 'in-tree GCE PD not migrated on the node: not counted', pod: makePod('p', { volumes: [...uses('gce'), { name: 'inline', gcePersistentDisk: { pdName: 'x' } }] }),
      csiNodes: [csiNode('a', 1, 'pd.csi.storage.gke.io')], want: '' },
    { name: 'in-tree GCE PD migrated: counted under pd.csi.storage.gke.io', pod: makePod('p', { volumes: [...uses('gce'), { name: 'inline', gcePersistentDisk: { pdName: 'x' } }] }),
      csiNodes: [csiNode('a', 1, 'pd.csi.storage.gke.io', 'kubernetes.io/gce-pd')], want: MAX },
    { name: 'a missing claim', pod: makePod('p', { volumes: uses('nope') }), csiNodes: [csiNode('a', 2)], want: 'looking up PVC default/nope: persistentvolumeclaim "nope" not found' },
  ];
  for (const c of cases) {
    const v: FakeVolumes = { claims, volumes, classes, csiNodes: c.csiNodes ?? [] };
    // Only the limits at PreFilter/Filter: VolumeBinding and VolumeRestrictions would reject a missing claim first.
    const disabled = [{ name: 'VolumeBinding' }, { name: 'VolumeRestrictions' }];
    const fwk = framework({ plugins: { preFilter: { disabled }, filter: { disabled } } }, fakeHandle({ volumes: v }));
    assert.deepEqual(filterAll(fwk, snapshot([c.node ?? makeNode('a')], [existing]), c.pod), { a: c.want }, c.name);
  }
});

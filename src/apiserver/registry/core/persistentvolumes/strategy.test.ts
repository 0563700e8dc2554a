import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../../../api/clock.ts';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { PersistentVolume, PersistentVolumeSpec } from '../../../../api/types/core/v1/index.ts';
import { accessModesString } from './access-modes.ts';
import { persistentVolumePrinter } from './printer.ts';
import { createPersistentVolumesDef, defaultPersistentVolume, validatePersistentVolume, validatePersistentVolumeUpdate } from './strategy.ts';

const pv = (spec: PersistentVolumeSpec, extra: Partial<PersistentVolume> = {}): PersistentVolume => ({ metadata: { name: 'pv1' }, spec, ...extra });
const base: PersistentVolumeSpec = { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' };

test('defaults', () => {
  const cases: Array<{ name: string; spec: PersistentVolumeSpec; want: PersistentVolumeSpec }> = [
    { name: 'reclaim policy Retain, volume mode Filesystem', spec: { hostPath: { path: '/x' } }, want: { hostPath: { path: '/x' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' } },
    { name: 'given values stay; the gated class is dropped', spec: { persistentVolumeReclaimPolicy: 'Delete', volumeMode: 'Block', volumeAttributesClassName: 'gold' }, want: { persistentVolumeReclaimPolicy: 'Delete', volumeMode: 'Block' } },
  ];
  for (const c of cases) {
    const obj = pv(c.spec);
    defaultPersistentVolume(obj);
    assert.deepEqual(obj.spec, c.want, c.name);
  }
});

test('validation, with upstream messages', () => {
  const cases: Array<{ name: string; spec: PersistentVolumeSpec; want: string[] }> = [
    { name: 'valid', spec: base, want: [] },
    { name: 'access modes required', spec: { ...base, accessModes: [] }, want: ['spec.accessModes: Required value'] },
    {
      name: 'access modes supported and RWOP alone',
      spec: { ...base, accessModes: ['ReadWriteOncePod', 'ReadWriteMany', 'WriteOnly' as 'ReadWriteOnce'] },
      want: ['spec.accessModes: Unsupported value: "WriteOnly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"', 'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'],
    },
    { name: 'capacity required', spec: { ...base, capacity: {} }, want: ['spec.capacity: Required value', 'spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"'] },
    { name: 'capacity positive', spec: { ...base, capacity: { storage: '0' } }, want: ['spec.capacity[storage]: Invalid value: "0": must be greater than zero'] },
    { name: 'one source required', spec: { ...base, hostPath: undefined as never }, want: ['spec: Required value: must specify a volume type'] },
    { name: 'only one source', spec: { ...base, nfs: { server: 'nfs.local', path: '/export' }, cephfs: { monitors: ['m'] } }, want: ['spec.nfs: Forbidden: may not specify more than 1 volume type', 'spec.cephFS: Forbidden: may not specify more than 1 volume type'] },
    { name: 'host path without backsteps', spec: { ...base, hostPath: { path: '/data/../etc' } }, want: ['spec.hostPath.path: Invalid value: "/data/../etc": must not contain \'..\''] },
    { name: 'no recycling of /', spec: { ...base, hostPath: { path: '/tmp/..' }, persistentVolumeReclaimPolicy: 'Recycle' }, want: ['spec.hostPath.path: Invalid value: "/tmp/..": must not contain \'..\'', "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"] },
    { name: 'nfs', spec: { ...base, hostPath: undefined as never, nfs: { server: '', path: 'export' } }, want: ['spec.nfs.server: Required value', 'spec.nfs.path: Invalid value: "export": must be an absolute path'] },
    { name: 'local needs node affinity', spec: { ...base, hostPath: undefined as never, local: { path: '/mnt/disk' } }, want: ['spec.nodeAffinity: Required value: Local volume requires node affinity'] },
    { name: 'node affinity needs terms', spec: { ...base, nodeAffinity: { required: { nodeSelectorTerms: [] } } }, want: ['spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term'] },
    { name: 'csi', spec: { ...base, hostPath: undefined as never, csi: { driver: 'csi.example.com', volumeHandle: '', nodePublishSecretRef: { name: 'creds' } } }, want: ['spec.csi.volumeHandle: Required value', 'spec.csi.nodePublishSecretRef.namespace: Required value'] },
    { name: 'reclaim policy', spec: { ...base, persistentVolumeReclaimPolicy: 'Keep' as 'Retain' }, want: ['spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"'] },
    { name: 'volume mode', spec: { ...base, volumeMode: 'Raw' as 'Block' }, want: ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"'] },
  ];
  for (const c of cases) {
    const spec: Record<string, unknown> = { ...c.spec };
    for (const k of Object.keys(spec)) if (spec[k] === undefined) delete spec[k];
    assert.deepEqual(validatePersistentVolume(pv(spec as PersistentVolumeSpec)).map(fieldErrorMessage), c.want, c.name);
  }
});

test('update: the source and volume mode are immutable', () => {
  const old = pv(base);
  assert.deepEqual(validatePersistentVolumeUpdate(pv({ ...base, capacity: { storage: '2Gi' }, claimRef: { name: 'c', namespace: 'd' } }), old), []);
  assert.deepEqual(validatePersistentVolumeUpdate(pv({ ...base, hostPath: { path: '/other' }, volumeMode: 'Block' }), old).map(fieldErrorMessage), [
    'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n  core.PersistentVolumeSource{\n- \thostPath: {"path":"/data"},\n+ \thostPath: {"path":"/other"},\n  }',
    'volumeMode: Invalid value: "Block": field is immutable',
  ]);
  const csi = { driver: 'd.example.com', volumeHandle: 'h' };
  const { hostPath: _h, ...withoutHostPath } = base;
  const withCSI = pv({ ...withoutHostPath, csi });
  assert.deepEqual(validatePersistentVolumeUpdate(pv({ ...withoutHostPath, csi: { ...csi, controllerExpandSecretRef: { name: 's', namespace: 'n' } } }), withCSI), [], 'an expand secret may be added');
});

test('status: Pending at create, transition times follow the phase', () => {
  const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
  const def = createPersistentVolumesDef(clock);
  const created = pv(base, { status: { phase: 'Bound' } });
  def.strategy.prepareForCreate?.(created);
  assert.deepEqual(created.status, { phase: 'Pending', lastPhaseTransitionTime: '2026-01-01T00:00:00Z' });
  clock.advance(60_000);
  const cases: Array<{ name: string; status: PersistentVolume['status']; want: PersistentVolume['status'] }> = [
    { name: 'same phase keeps the time', status: { phase: 'Pending', message: 'waiting' }, want: { phase: 'Pending', message: 'waiting', lastPhaseTransitionTime: '2026-01-01T00:00:00Z' } },
    { name: 'new phase stamps now', status: { phase: 'Available' }, want: { phase: 'Available', lastPhaseTransitionTime: '2026-01-01T00:01:00Z' } },
    { name: 'a time the writer set stays', status: { phase: 'Available', lastPhaseTransitionTime: '2025-12-31T00:00:00Z' }, want: { phase: 'Available', lastPhaseTransitionTime: '2025-12-31T00:00:00Z' } },
  ];
  for (const c of cases) {
    const next = { ...created, ...(c.status === undefined ? {} : { status: c.status }) };
    def.status?.prepareForUpdate?.(next, created);
    assert.deepEqual(next.status, c.want, c.name);
  }
});

test('printer', () => {
  assert.deepEqual(persistentVolumePrinter.columns.map((c) => c.name),
    ['Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode']);
  const now = Date.parse('2026-01-02T00:00:00Z');
  const bound = pv({ ...base, capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'local-path' },
    { metadata: { name: 'pv1', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Bound' } });
  assert.deepEqual(persistentVolumePrinter.cells(bound, now), ['pv1', '1Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'local-path', '<unset>', '', '24h', 'Filesystem']);
  const going = pv({}, { metadata: { name: 'pv2', deletionTimestamp: '2026-01-01T00:00:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } }, status: { phase: 'Released', reason: 'Gone' } });
  assert.deepEqual(persistentVolumePrinter.cells(going, now), ['pv2', '0', '', '', 'Terminating', '', 'old', '<unset>', 'Gone', '<unknown>', '<unset>']);
  assert.equal(accessModesString(['ReadWriteOncePod', 'ReadOnlyMany', 'ReadOnlyMany']), 'ROX,RWOP');
});

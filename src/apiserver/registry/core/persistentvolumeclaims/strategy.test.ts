import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage, path } from '../../../../api/field-errors.ts';
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from '../../../../api/types/core/v1/index.ts';
import { persistentVolumeClaimPrinter } from './printer.ts';
import { persistentvolumeclaims, validateClaimSpec } from './strategy.ts';
import { validateClaimUpdate } from './update.ts';

const spec: PersistentVolumeClaimSpec = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', storageClassName: 'local-path' };
const claim = (s: PersistentVolumeClaimSpec, extra: Partial<PersistentVolumeClaim> = {}): PersistentVolumeClaim => ({ metadata: { name: 'data', namespace: 'default' }, spec: s, ...extra });

test('defaults and create', () => {
  const pvc = claim({ accessModes: ['ReadWriteOnce'], volumeAttributesClassName: 'gold', dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } }, { status: { phase: 'Bound' } });
  persistentvolumeclaims.strategy.defaults?.(pvc);
  persistentvolumeclaims.strategy.prepareForCreate?.(pvc);
  assert.deepEqual(pvc.spec, {
    accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem',
    dataSource: { kind: 'PersistentVolumeClaim', name: 'src' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'src' },
  });
  assert.deepEqual(pvc.status, { phase: 'Pending' });
  const fromRef = claim({ dataSourceRef: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' } });
  persistentvolumeclaims.strategy.prepareForCreate?.(fromRef);
  assert.deepEqual(fromRef.spec?.dataSource, { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' });
});

test('validation, with upstream messages', () => {
  const cases: Array<{ name: string; spec: PersistentVolumeClaimSpec; want: string[] }> = [
    { name: 'valid', spec, want: [] },
    { name: 'access modes required', spec: { ...spec, accessModes: [] }, want: ['spec.accessModes: Required value: at least 1 access mode is required'] },
    { name: 'RWOP alone', spec: { ...spec, accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }, want: ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'] },
    { name: 'storage request required', spec: { ...spec, resources: { requests: { cpu: '1' } } }, want: ['spec.resources[storage]: Required value'] },
    { name: 'storage request positive', spec: { ...spec, resources: { requests: { storage: '0' } } }, want: ['spec.resources[storage]: Invalid value: "0": must be greater than zero'] },
    { name: 'storage class', spec: { ...spec, storageClassName: 'Fast_SSD' }, want: ["spec.storageClassName: Invalid value: \"Fast_SSD\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"] },
    { name: 'selector', spec: { ...spec, selector: { matchExpressions: [{ key: 'tier', operator: 'In' }] } }, want: ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"] },
    {
      name: 'data sources',
      spec: { ...spec, dataSource: { kind: 'Secret', name: '' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'x' } },
      want: ['spec.dataSource.name: Required value', 'spec.dataSource: Invalid value: "Secret": must be \'PersistentVolumeClaim\' when referencing the default apiGroup', 'spec: Invalid value: spec.dataSource: must match dataSourceRef'],
    },
  ];
  for (const c of cases) assert.deepEqual(validateClaimSpec(c.spec, path('spec')).map(fieldErrorMessage), c.want, c.name);
});

test('update: immutable spec, binding once, expansion when bound', () => {
  const pending = claim(spec, { status: { phase: 'Pending' } });
  const bound = claim({ ...spec, volumeName: 'pv1' }, { status: { phase: 'Bound', capacity: { storage: '1Gi' } } });
  const cases: Array<{ name: string; pvc: PersistentVolumeClaim; old: PersistentVolumeClaim; want: string[] }> = [
    { name: 'binding sets volumeName', pvc: claim({ ...spec, volumeName: 'pv1' }, { status: { phase: 'Pending' } }), old: pending, want: [] },
    { name: 'the same size, written differently', pvc: claim({ ...spec, resources: { requests: { storage: '1024Mi' } } }, { status: { phase: 'Pending' } }), old: pending, want: [] },
    {
      name: 'rebinding is refused',
      pvc: claim({ ...spec, volumeName: 'pv2' }, { status: bound.status ?? {} }), old: bound,
      want: ['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n- \tvolumeName: "pv1",\n+ \tvolumeName: "pv2",\n  }'],
    },
    { name: 'a bound claim grows', pvc: claim({ ...spec, volumeName: 'pv1', resources: { requests: { storage: '5Gi' } } }, { status: bound.status ?? {} }), old: bound, want: [] },
    {
      name: 'a pending claim does not grow',
      pvc: claim({ ...spec, resources: { requests: { storage: '5Gi' } } }, { status: { phase: 'Pending' } }), old: pending,
      want: ['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n- \tresources: {"requests":{"storage":"1Gi"}},\n+ \tresources: {"requests":{"storage":"5Gi"}},\n  }'],
    },
    {
      name: 'no shrinking to the capacity or below',
      pvc: claim({ ...spec, volumeName: 'pv1', resources: { requests: { storage: '1Gi' } } }, { status: bound.status ?? {} }),
      old: claim({ ...spec, volumeName: 'pv1', resources: { requests: { storage: '5Gi' } } }, { status: bound.status ?? {} }),
      want: ['spec.resources.requests.storage: Forbidden: field can not be less than status.capacity'],
    },
    {
      name: 'shrinking above the capacity recovers a failed expansion',
      pvc: claim({ ...spec, volumeName: 'pv1', resources: { requests: { storage: '2Gi' } } }, { status: bound.status ?? {} }),
      old: claim({ ...spec, volumeName: 'pv1', resources: { requests: { storage: '5Gi' } } }, { status: bound.status ?? {} }),
      want: [],
    },
    {
      name: 'volume mode',
      pvc: claim({ ...spec, volumeMode: 'Block' }, { status: { phase: 'Pending' } }), old: pending,
      want: ['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n- \tvolumeMode: "Filesystem",\n+ \tvolumeMode: "Block",\n  }', 'volumeMode: Invalid value: "Block": field is immutable'],
    },
    {
      name: 'a class from the beta annotation, or for a claim without one',
      pvc: claim({ ...spec, storageClassName: 'old' }, { metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } } }),
      old: claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, { metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } } }),
      want: [],
    },
    {
      name: 'the beta annotation is immutable',
      pvc: claim(spec, { metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'new' } } }), old: pending,
      want: ['metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: "new": field is immutable'],
    },
  ];
  for (const c of cases) assert.deepEqual(validateClaimUpdate(c.pvc, c.old).map(fieldErrorMessage), c.want, c.name);
});

test('status validation and printer', () => {
  const status = persistentvolumeclaims.status?.validateUpdate ?? ((): never[] => []);
  const pvc = claim(spec, { status: { phase: 'Bound', capacity: { storage: '-1' }, allocatedResources: { cpu: '1' } } });
  assert.deepEqual(status(pvc, pvc).map(fieldErrorMessage), ['status.capacity[storage]: Invalid value: -1: must be a valid resource quantity', 'status.allocatedResources: Unsupported value: "cpu": supported values: "storage"']);
  assert.deepEqual(persistentVolumeClaimPrinter.columns.map((c) => c.name), ['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode']);
  const now = Date.parse('2026-01-01T00:10:00Z');
  const meta = { name: 'data', creationTimestamp: '2026-01-01T00:00:00Z' };
  assert.deepEqual(persistentVolumeClaimPrinter.cells(claim(spec, { metadata: meta, status: { phase: 'Pending' } }), now), ['data', 'Pending', '', '', '', 'local-path', '<unset>', '10m', 'Filesystem']);
  const bound = claim({ ...spec, volumeName: 'pvc-123' }, { metadata: meta, status: { phase: 'Bound', capacity: { storage: '2048Mi' }, accessModes: ['ReadWriteOnce', 'ReadWriteOncePod'] } });
  assert.deepEqual(persistentVolumeClaimPrinter.cells(bound, now), ['data', 'Bound', 'pvc-123', '2Gi', 'RWO,RWOP', 'local-path', '<unset>', '10m', 'Filesystem']);
});

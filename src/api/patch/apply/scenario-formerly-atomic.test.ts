// Upstream's TestApplyFormerlyAtomicFields: a PersistentVolume whose claimRef was owned as one
// atomic field (by older servers) is re-applied without the uid; claimRef is granular now, the
// apply succeeds, the uid stays, and the old owner keeps its (now partial) entry.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PersistentVolume } from '../../types/core/v1/index.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { applyConfiguration } from './apply.ts';
import { trackUpdate } from './update-tracking.ts';

const scope = { shape: PersistentVolume, apiVersion: 'v1' } as const;

const oldPersistentVolume = {
  apiVersion: 'v1', kind: 'PersistentVolume',
  metadata: { creationTimestamp: '2022-06-08T23:46:32Z', finalizers: ['kubernetes.io/pv-protection'], labels: { type: 'local' }, name: 'pv-storage', uid: '112b18f7-fde6-4e48-aa61-f5168bd576b8' },
  spec: {
    accessModes: ['ReadWriteOnce'], capacity: { storage: '16Mi' },
    claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'pvc-storage', namespace: 'default', resourceVersion: '15499', uid: '2018e302-7b12-406c-9fa2-e52535d29e48' },
    hostPath: { path: '“/tmp/mydata', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem',
  },
  status: { phase: 'Bound' },
};

const managedFields: ManagedFieldsEntry[] = [
  { manager: 'apply_test', operation: 'Apply', apiVersion: 'v1', time: '2022-06-08T23:46:32Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:type': {} } }, 'f:spec': { 'f:accessModes': {}, 'f:capacity': { 'f:storage': {} }, 'f:hostPath': { 'f:path': {} }, 'f:storageClassName': {} } } },
  { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2022-06-08T23:46:32Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, subresource: 'status' },
  { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2022-06-08T23:46:37Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:claimRef': {} } } },
];

test('formerly atomic claimRef: re-applied without uid, kept, ownership as upstream expects', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');
  const created = { ...oldPersistentVolume, metadata: { ...oldPersistentVolume.metadata, managedFields: trackUpdate({ ...scope, before: undefined, after: oldPersistentVolume, manager: 'apply_test', now }) } };
  // A patch that sets the managedFields directly: they are taken as given.
  const rewritten = { ...created, metadata: { ...created.metadata, managedFields } };
  const entries = trackUpdate({ ...scope, before: created, after: rewritten, manager: 'apply_test', now });
  assert.deepEqual(entries, managedFields);
  const live = { ...rewritten, metadata: { ...rewritten.metadata, managedFields: entries } };

  const r = applyConfiguration({
    ...scope, live, manager: 'apply_test', force: false, now,
    applied: {
      kind: 'PersistentVolume', apiVersion: 'v1',
      metadata: { labels: { type: 'local' }, name: 'pv-storage' },
      spec: { storageClassName: '', capacity: { storage: '16Mi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '“/tmp/mydata' }, claimRef: { name: 'pvc-storage', namespace: 'default' } },
    },
  });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.deepEqual((r.value.object['spec'] as Record<string, unknown>)['claimRef'], oldPersistentVolume.spec.claimRef);
  assert.equal(r.value.changed, false);
  assert.deepEqual(r.value.managedFields, [
    { ...managedFields[0], fieldsV1: { 'f:metadata': { 'f:labels': { 'f:type': {} } }, 'f:spec': { 'f:accessModes': {}, 'f:capacity': { 'f:storage': {} }, 'f:claimRef': { 'f:name': {}, 'f:namespace': {} }, 'f:hostPath': { 'f:path': {} }, 'f:storageClassName': {} } } },
    managedFields[1],
    managedFields[2],
  ]);
});

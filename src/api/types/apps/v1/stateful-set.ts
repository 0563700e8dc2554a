// apps/v1: StatefulSet.

import { int32, int64, intOrString, list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { PersistentVolumeClaim, PodTemplateSpec } from '../../core/v1/index.ts';
import { LabelSelector, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { PodManagementPolicyType, StatefulSetUpdateStrategyType } from './enums.ts';

export const StatefulSet = struct('io.k8s.api.apps.v1.StatefulSet', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => StatefulSetSpec, { description: 'The desired pods and their storage.', omitEmpty: true }),
  status: opt(3, () => StatefulSetStatus, { description: 'The observed state of the set.', omitEmpty: true }),
}, { description: 'Pods with stable identities and storage, created and updated in order.' });
export type StatefulSet = Infer<typeof StatefulSet>;

export const StatefulSetList = struct('io.k8s.api.apps.v1.StatefulSetList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(StatefulSet), { description: 'The StatefulSet objects.' }),
}, { description: 'A list of StatefulSet objects.' });
export type StatefulSetList = Infer<typeof StatefulSetList>;

export const StatefulSetSpec = struct('io.k8s.api.apps.v1.StatefulSetSpec', {
  replicas: opt(1, int32, { description: 'The number of pods wanted.', omitEmpty: true, pointer: true }),
  selector: req(2, LabelSelector, { description: 'Which pods belong to the set.', pointer: true }),
  template: req(3, PodTemplateSpec, { description: 'The pods to create.' }),
  volumeClaimTemplates: opt(4, list(PersistentVolumeClaim), { description: 'Claims made for each pod, kept across restarts.', listType: 'atomic', omitEmpty: true }),
  serviceName: opt(5, string, { description: 'The headless service that gives the pods their DNS names.' }),
  podManagementPolicy: opt(6, PodManagementPolicyType, { description: 'OrderedReady or Parallel pod creation and deletion.', omitEmpty: true }),
  updateStrategy: opt(7, () => StatefulSetUpdateStrategy, { description: 'How pods are replaced when the template changes.', omitEmpty: true }),
  revisionHistoryLimit: opt(8, int32, { description: 'How many old revisions to keep.', omitEmpty: true, pointer: true }),
  minReadySeconds: opt(9, int32, { description: 'Seconds a new pod must be ready before it counts as available.', omitEmpty: true }),
  persistentVolumeClaimRetentionPolicy: opt(10, () => StatefulSetPersistentVolumeClaimRetentionPolicy, { description: 'Whether claims are kept or deleted when the set is deleted or scaled down.', omitEmpty: true, pointer: true }),
  ordinals: opt(11, () => StatefulSetOrdinals, { description: 'The numbering of the pods.', omitEmpty: true, pointer: true }),
}, { description: 'The desired state of a StatefulSet.' });
export type StatefulSetSpec = Infer<typeof StatefulSetSpec>;

export const StatefulSetUpdateStrategy = struct('io.k8s.api.apps.v1.StatefulSetUpdateStrategy', {
  type: opt(1, StatefulSetUpdateStrategyType, { description: 'RollingUpdate or OnDelete.', omitEmpty: true }),
  rollingUpdate: opt(2, () => RollingUpdateStatefulSetStrategy, { description: 'Settings of a rolling update.', omitEmpty: true, pointer: true }),
}, { description: 'How a StatefulSet replaces pods.' });
export type StatefulSetUpdateStrategy = Infer<typeof StatefulSetUpdateStrategy>;

export const RollingUpdateStatefulSetStrategy = struct('io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy', {
  partition: opt(1, int32, { description: 'Only pods with an ordinal at or above this are updated.', omitEmpty: true, pointer: true }),
  maxUnavailable: opt(2, intOrString, { description: 'How many pods, or what percentage, may be unavailable during the update.', omitEmpty: true, pointer: true }),
}, { description: 'Settings of a StatefulSet rolling update.' });
export type RollingUpdateStatefulSetStrategy = Infer<typeof RollingUpdateStatefulSetStrategy>;

export const StatefulSetPersistentVolumeClaimRetentionPolicy = struct('io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy', {
  whenDeleted: opt(1, string, { description: 'Retain or Delete, when the set is deleted.', omitEmpty: true }),
  whenScaled: opt(2, string, { description: 'Retain or Delete, when the set scales down.', omitEmpty: true }),
}, { description: 'What happens to a StatefulSet\'s claims.' });
export type StatefulSetPersistentVolumeClaimRetentionPolicy = Infer<typeof StatefulSetPersistentVolumeClaimRetentionPolicy>;

export const StatefulSetOrdinals = struct('io.k8s.api.apps.v1.StatefulSetOrdinals', {
  start: opt(1, int32, { description: 'The number of the first pod.' }),
}, { description: 'How the pods of a StatefulSet are numbered.' });
export type StatefulSetOrdinals = Infer<typeof StatefulSetOrdinals>;

export const StatefulSetStatus = struct('io.k8s.api.apps.v1.StatefulSetStatus', {
  observedGeneration: opt(1, int64, { description: 'The generation the controller has acted on.', omitEmpty: true }),
  replicas: req(2, int32, { description: 'The number of pods that exist.' }),
  readyReplicas: opt(3, int32, { description: 'Pods that are ready.', omitEmpty: true }),
  currentReplicas: opt(4, int32, { description: 'Pods at currentRevision.', omitEmpty: true }),
  updatedReplicas: opt(5, int32, { description: 'Pods at updateRevision.', omitEmpty: true }),
  currentRevision: opt(6, string, { description: 'The revision that built the current pods.', omitEmpty: true }),
  updateRevision: opt(7, string, { description: 'The revision being rolled out.', omitEmpty: true }),
  collisionCount: opt(9, int32, { description: 'A counter used to avoid name collisions of revisions.', omitEmpty: true, pointer: true }),
  conditions: opt(10, () => list(StatefulSetCondition), { description: 'The set\'s current conditions.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
  availableReplicas: opt(11, int32, { description: 'Pods that have been ready for minReadySeconds.' }),
}, { description: 'The observed state of a StatefulSet.' });
export type StatefulSetStatus = Infer<typeof StatefulSetStatus>;

export const StatefulSetCondition = struct('io.k8s.api.apps.v1.StatefulSetCondition', {
  type: req(1, string, { description: 'The condition type.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastTransitionTime: opt(3, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(4, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(5, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a StatefulSet.' });
export type StatefulSetCondition = Infer<typeof StatefulSetCondition>;

// core/v1: PersistentVolumeClaim.

import { list, map, opt, quantity, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { LabelSelector, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import {
  ClaimResourceStatus,
  PersistentVolumeAccessMode,
  PersistentVolumeClaimModifyVolumeStatus,
  PersistentVolumeClaimPhase,
  PersistentVolumeMode,
} from './enums.ts';
import { TypedLocalObjectReference, TypedObjectReference } from './references.ts';

export const PersistentVolumeClaim = struct('io.k8s.api.core.v1.PersistentVolumeClaim', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => PersistentVolumeClaimSpec, { description: 'The storage the claim asks for.', omitEmpty: true }),
  status: opt(3, () => PersistentVolumeClaimStatus, { description: 'The observed state of the claim.', omitEmpty: true }),
}, { description: 'A request for storage, bound to a PersistentVolume.' });
export type PersistentVolumeClaim = Infer<typeof PersistentVolumeClaim>;

export const PersistentVolumeClaimList = struct('io.k8s.api.core.v1.PersistentVolumeClaimList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(PersistentVolumeClaim), { description: 'The PersistentVolumeClaim objects.' }),
}, { description: 'A list of PersistentVolumeClaim objects.' });
export type PersistentVolumeClaimList = Infer<typeof PersistentVolumeClaimList>;

export const PersistentVolumeClaimSpec = struct('io.k8s.api.core.v1.PersistentVolumeClaimSpec', {
  accessModes: opt(1, list(PersistentVolumeAccessMode), { description: 'How the volume must be mountable, e.g. ReadWriteOnce.', listType: 'atomic', omitEmpty: true }),
  selector: opt(4, LabelSelector, { description: 'A label query over volumes the claim may bind to.', omitEmpty: true, pointer: true }),
  resources: opt(2, () => VolumeResourceRequirements, { description: 'The amount of storage requested.', omitEmpty: true }),
  volumeName: opt(3, string, { description: 'The PersistentVolume the claim binds to.', omitEmpty: true }),
  storageClassName: opt(5, string, { description: 'The StorageClass of the volume to provision or bind.', omitEmpty: true, pointer: true }),
  volumeMode: opt(6, PersistentVolumeMode, { description: 'Filesystem or Block.', omitEmpty: true, pointer: true }),
  dataSource: opt(7, () => TypedLocalObjectReference, { description: 'An existing snapshot or claim to fill the new volume from.', omitEmpty: true, pointer: true }),
  dataSourceRef: opt(8, () => TypedObjectReference, { description: 'Any object to fill the new volume from, possibly in another namespace.', omitEmpty: true, pointer: true }),
  volumeAttributesClassName: opt(9, string, { description: 'The VolumeAttributesClass the volume should have.', omitEmpty: true, pointer: true }),
}, { description: 'The storage a claim asks for.' });
export type PersistentVolumeClaimSpec = Infer<typeof PersistentVolumeClaimSpec>;

export const VolumeResourceRequirements = struct('io.k8s.api.core.v1.VolumeResourceRequirements', {
  limits: opt(1, map(quantity), { description: 'The most storage the volume may use.', omitEmpty: true }),
  requests: opt(2, map(quantity), { description: 'The storage the volume must have.', omitEmpty: true }),
}, { description: 'Storage requested by a claim.' });
export type VolumeResourceRequirements = Infer<typeof VolumeResourceRequirements>;

export const PersistentVolumeClaimStatus = struct('io.k8s.api.core.v1.PersistentVolumeClaimStatus', {
  phase: opt(1, PersistentVolumeClaimPhase, { description: 'Pending, Bound or Lost.', omitEmpty: true }),
  accessModes: opt(2, list(PersistentVolumeAccessMode), { description: 'The access modes of the bound volume.', listType: 'atomic', omitEmpty: true }),
  capacity: opt(3, map(quantity), { description: 'The capacity of the bound volume.', omitEmpty: true }),
  conditions: opt(4, () => list(PersistentVolumeClaimCondition), { description: 'The claim\'s current conditions, e.g. Resizing.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
  allocatedResources: opt(5, map(quantity), { description: 'The storage allocated to the claim, which may exceed the request.', omitEmpty: true }),
  allocatedResourceStatuses: opt(7, map(ClaimResourceStatus), { description: 'The state of a resize for each resource.', mapType: 'granular', omitEmpty: true }),
  currentVolumeAttributesClassName: opt(8, string, { description: 'The VolumeAttributesClass currently applied.', omitEmpty: true, pointer: true }),
  modifyVolumeStatus: opt(9, () => ModifyVolumeStatus, { description: 'The state of a pending change of VolumeAttributesClass.', omitEmpty: true, pointer: true }),
}, { description: 'The observed state of a claim.' });
export type PersistentVolumeClaimStatus = Infer<typeof PersistentVolumeClaimStatus>;

export const PersistentVolumeClaimCondition = struct('io.k8s.api.core.v1.PersistentVolumeClaimCondition', {
  type: req(1, string, { description: 'The condition type, e.g. Resizing.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastProbeTime: opt(3, time, { description: 'When the condition was last checked.', omitEmpty: true }),
  lastTransitionTime: opt(4, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(5, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(6, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a claim.' });
export type PersistentVolumeClaimCondition = Infer<typeof PersistentVolumeClaimCondition>;

export const ModifyVolumeStatus = struct('io.k8s.api.core.v1.ModifyVolumeStatus', {
  targetVolumeAttributesClassName: opt(1, string, { description: 'The class being applied.', omitEmpty: true }),
  status: req(2, PersistentVolumeClaimModifyVolumeStatus, { description: 'Pending, InProgress or Infeasible.' }),
}, { description: 'The state of a change of a volume\'s VolumeAttributesClass.' });
export type ModifyVolumeStatus = Infer<typeof ModifyVolumeStatus>;

// apps/v1: ReplicaSet.

import { int32, int64, list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { PodTemplateSpec } from '../../core/v1/index.ts';
import { LabelSelector, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';

export const ReplicaSet = struct('io.k8s.api.apps.v1.ReplicaSet', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => ReplicaSetSpec, { description: 'The desired pods.', omitEmpty: true }),
  status: opt(3, () => ReplicaSetStatus, { description: 'The observed pods.', omitEmpty: true }),
}, { description: 'Keeps a given number of identical pods running.' });
export type ReplicaSet = Infer<typeof ReplicaSet>;

export const ReplicaSetList = struct('io.k8s.api.apps.v1.ReplicaSetList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(ReplicaSet), { description: 'The ReplicaSet objects.' }),
}, { description: 'A list of ReplicaSet objects.' });
export type ReplicaSetList = Infer<typeof ReplicaSetList>;

export const ReplicaSetSpec = struct('io.k8s.api.apps.v1.ReplicaSetSpec', {
  replicas: opt(1, int32, { description: 'The number of pods wanted.', omitEmpty: true, pointer: true }),
  minReadySeconds: opt(4, int32, { description: 'Seconds a new pod must be ready before it counts as available.', omitEmpty: true }),
  selector: req(2, LabelSelector, { description: 'Which pods belong to the ReplicaSet.', pointer: true }),
  template: opt(3, PodTemplateSpec, { description: 'The pods to create.', omitEmpty: true }),
}, { description: 'The desired state of a ReplicaSet.' });
export type ReplicaSetSpec = Infer<typeof ReplicaSetSpec>;

export const ReplicaSetStatus = struct('io.k8s.api.apps.v1.ReplicaSetStatus', {
  replicas: req(1, int32, { description: 'The number of pods that exist.' }),
  fullyLabeledReplicas: opt(2, int32, { description: 'Pods whose labels match the template\'s.', omitEmpty: true }),
  readyReplicas: opt(4, int32, { description: 'Pods that are ready.', omitEmpty: true }),
  availableReplicas: opt(5, int32, { description: 'Pods that have been ready for minReadySeconds.', omitEmpty: true }),
  terminatingReplicas: opt(7, int32, { description: 'Pods being terminated.', omitEmpty: true, pointer: true }),
  observedGeneration: opt(3, int64, { description: 'The generation the controller has acted on.', omitEmpty: true }),
  conditions: opt(6, () => list(ReplicaSetCondition), { description: 'The ReplicaSet\'s current conditions.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
}, { description: 'The observed state of a ReplicaSet.' });
export type ReplicaSetStatus = Infer<typeof ReplicaSetStatus>;

export const ReplicaSetCondition = struct('io.k8s.api.apps.v1.ReplicaSetCondition', {
  type: req(1, string, { description: 'The condition type, e.g. ReplicaFailure.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastTransitionTime: opt(3, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(4, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(5, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a ReplicaSet.' });
export type ReplicaSetCondition = Infer<typeof ReplicaSetCondition>;

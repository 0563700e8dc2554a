// apps/v1: Deployment.

import { boolean, int32, int64, intOrString, list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { PodTemplateSpec } from '../../core/v1/index.ts';
import { LabelSelector, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { DeploymentStrategyType } from './enums.ts';

export const Deployment = struct('io.k8s.api.apps.v1.Deployment', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => DeploymentSpec, { description: 'The desired pods and how to roll out changes.', omitEmpty: true }),
  status: opt(3, () => DeploymentStatus, { description: 'The observed state of the rollout.', omitEmpty: true }),
}, { description: 'Declarative updates for a set of identical pods, through ReplicaSets.' });
export type Deployment = Infer<typeof Deployment>;

export const DeploymentList = struct('io.k8s.api.apps.v1.DeploymentList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Deployment), { description: 'The Deployment objects.' }),
}, { description: 'A list of Deployment objects.' });
export type DeploymentList = Infer<typeof DeploymentList>;

export const DeploymentSpec = struct('io.k8s.api.apps.v1.DeploymentSpec', {
  replicas: opt(1, int32, { description: 'The number of pods wanted.', omitEmpty: true, pointer: true }),
  selector: req(2, LabelSelector, { description: 'Which pods belong to the Deployment; must match the template\'s labels.', pointer: true }),
  template: req(3, PodTemplateSpec, { description: 'The pods to create.' }),
  strategy: opt(4, () => DeploymentStrategy, { description: 'How old pods are replaced by new ones.', patchStrategy: 'retainKeys', omitEmpty: true }),
  minReadySeconds: opt(5, int32, { description: 'Seconds a new pod must be ready before it counts as available.', omitEmpty: true }),
  revisionHistoryLimit: opt(6, int32, { description: 'How many old ReplicaSets to keep for rollback.', omitEmpty: true, pointer: true }),
  paused: opt(7, boolean, { description: 'Stop rolling out changes to the template.', omitEmpty: true }),
  progressDeadlineSeconds: opt(9, int32, { description: 'Seconds without progress before the rollout is reported as failed.', omitEmpty: true, pointer: true }),
}, { description: 'The desired state of a Deployment.' });
export type DeploymentSpec = Infer<typeof DeploymentSpec>;

export const DeploymentStrategy = struct('io.k8s.api.apps.v1.DeploymentStrategy', {
  type: opt(1, DeploymentStrategyType, { description: 'Recreate or RollingUpdate.', omitEmpty: true }),
  rollingUpdate: opt(2, () => RollingUpdateDeployment, { description: 'Settings of a rolling update.', omitEmpty: true, pointer: true }),
}, { description: 'How a Deployment replaces pods.' });
export type DeploymentStrategy = Infer<typeof DeploymentStrategy>;

export const RollingUpdateDeployment = struct('io.k8s.api.apps.v1.RollingUpdateDeployment', {
  maxUnavailable: opt(1, intOrString, { description: 'How many pods, or what percentage, may be unavailable during the update.', omitEmpty: true, pointer: true }),
  maxSurge: opt(2, intOrString, { description: 'How many pods, or what percentage, may exist above the desired count.', omitEmpty: true, pointer: true }),
}, { description: 'How fast a rolling update proceeds.' });
export type RollingUpdateDeployment = Infer<typeof RollingUpdateDeployment>;

export const DeploymentStatus = struct('io.k8s.api.apps.v1.DeploymentStatus', {
  observedGeneration: opt(1, int64, { description: 'The generation the controller has acted on.', omitEmpty: true }),
  replicas: opt(2, int32, { description: 'The number of pods targeted.', omitEmpty: true }),
  updatedReplicas: opt(3, int32, { description: 'Pods running the current template.', omitEmpty: true }),
  readyReplicas: opt(7, int32, { description: 'Pods that are ready.', omitEmpty: true }),
  availableReplicas: opt(4, int32, { description: 'Pods that have been ready for minReadySeconds.', omitEmpty: true }),
  unavailableReplicas: opt(5, int32, { description: 'Pods still needed to reach full availability.', omitEmpty: true }),
  terminatingReplicas: opt(9, int32, { description: 'Pods being terminated.', omitEmpty: true, pointer: true }),
  conditions: opt(6, () => list(DeploymentCondition), { description: 'The Deployment\'s current conditions, e.g. Available and Progressing.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
  collisionCount: opt(8, int32, { description: 'A counter used to avoid name collisions of new ReplicaSets.', omitEmpty: true, pointer: true }),
}, { description: 'The observed state of a Deployment.' });
export type DeploymentStatus = Infer<typeof DeploymentStatus>;

export const DeploymentCondition = struct('io.k8s.api.apps.v1.DeploymentCondition', {
  type: req(1, string, { description: 'Available, Progressing or ReplicaFailure.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastUpdateTime: opt(6, time, { description: 'When the condition was last updated.', omitEmpty: true }),
  lastTransitionTime: opt(7, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(4, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(5, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a Deployment.' });
export type DeploymentCondition = Infer<typeof DeploymentCondition>;

// apps/v1: DaemonSet.

import { int32, int64, intOrString, list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { PodTemplateSpec } from '../../core/v1/index.ts';
import { LabelSelector, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { DaemonSetUpdateStrategyType } from './enums.ts';

export const DaemonSet = struct('io.k8s.api.apps.v1.DaemonSet', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => DaemonSetSpec, { description: 'The pod and how to update it.', omitEmpty: true }),
  status: opt(3, () => DaemonSetStatus, { description: 'The observed state of the daemon set.', omitEmpty: true }),
}, { description: 'Runs a copy of a pod on every eligible node.' });
export type DaemonSet = Infer<typeof DaemonSet>;

export const DaemonSetList = struct('io.k8s.api.apps.v1.DaemonSetList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(DaemonSet), { description: 'The DaemonSet objects.' }),
}, { description: 'A list of DaemonSet objects.' });
export type DaemonSetList = Infer<typeof DaemonSetList>;

export const DaemonSetSpec = struct('io.k8s.api.apps.v1.DaemonSetSpec', {
  selector: req(1, LabelSelector, { description: 'Which pods belong to the daemon set.', pointer: true }),
  template: req(2, PodTemplateSpec, { description: 'The pod to run on each node.' }),
  updateStrategy: opt(3, () => DaemonSetUpdateStrategy, { description: 'How pods are replaced when the template changes.', omitEmpty: true }),
  minReadySeconds: opt(4, int32, { description: 'Seconds a new pod must be ready before it counts as available.', omitEmpty: true }),
  revisionHistoryLimit: opt(6, int32, { description: 'How many old revisions to keep.', omitEmpty: true, pointer: true }),
}, { description: 'The desired state of a DaemonSet.' });
export type DaemonSetSpec = Infer<typeof DaemonSetSpec>;

export const DaemonSetUpdateStrategy = struct('io.k8s.api.apps.v1.DaemonSetUpdateStrategy', {
  type: opt(1, DaemonSetUpdateStrategyType, { description: 'RollingUpdate or OnDelete.', omitEmpty: true }),
  rollingUpdate: opt(2, () => RollingUpdateDaemonSet, { description: 'Settings of a rolling update.', omitEmpty: true, pointer: true }),
}, { description: 'How a DaemonSet replaces pods.' });
export type DaemonSetUpdateStrategy = Infer<typeof DaemonSetUpdateStrategy>;

export const RollingUpdateDaemonSet = struct('io.k8s.api.apps.v1.RollingUpdateDaemonSet', {
  maxUnavailable: opt(1, intOrString, { description: 'How many nodes, or what percentage, may be without an available pod.', omitEmpty: true, pointer: true }),
  maxSurge: opt(2, intOrString, { description: 'How many nodes, or what percentage, may run an extra new pod during the update.', omitEmpty: true, pointer: true }),
}, { description: 'How fast a DaemonSet rolling update proceeds.' });
export type RollingUpdateDaemonSet = Infer<typeof RollingUpdateDaemonSet>;

export const DaemonSetStatus = struct('io.k8s.api.apps.v1.DaemonSetStatus', {
  currentNumberScheduled: req(1, int32, { description: 'Nodes running at least one daemon pod that should.' }),
  numberMisscheduled: req(2, int32, { description: 'Nodes running a daemon pod that should not.' }),
  desiredNumberScheduled: req(3, int32, { description: 'Nodes that should run a daemon pod.' }),
  numberReady: req(4, int32, { description: 'Nodes whose daemon pod is ready.' }),
  observedGeneration: opt(5, int64, { description: 'The generation the controller has acted on.', omitEmpty: true }),
  updatedNumberScheduled: opt(6, int32, { description: 'Nodes running the current template.', omitEmpty: true }),
  numberAvailable: opt(7, int32, { description: 'Nodes whose daemon pod has been ready for minReadySeconds.', omitEmpty: true }),
  numberUnavailable: opt(8, int32, { description: 'Nodes that should run an available daemon pod and do not.', omitEmpty: true }),
  collisionCount: opt(9, int32, { description: 'A counter used to avoid name collisions of revisions.', omitEmpty: true, pointer: true }),
  conditions: opt(10, () => list(DaemonSetCondition), { description: 'The daemon set\'s current conditions.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
}, { description: 'The observed state of a DaemonSet.' });
export type DaemonSetStatus = Infer<typeof DaemonSetStatus>;

export const DaemonSetCondition = struct('io.k8s.api.apps.v1.DaemonSetCondition', {
  type: req(1, string, { description: 'The condition type.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastTransitionTime: opt(3, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(4, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(5, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a DaemonSet.' });
export type DaemonSetCondition = Infer<typeof DaemonSetCondition>;

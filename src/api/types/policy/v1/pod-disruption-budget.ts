// policy/v1: PodDisruptionBudget.

import { int32, int64, intOrString, list, map, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { Condition, LabelSelector, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { UnhealthyPodEvictionPolicyType } from './enums.ts';

export const PodDisruptionBudget = struct('io.k8s.api.policy.v1.PodDisruptionBudget', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => PodDisruptionBudgetSpec, { description: 'The budget.', omitEmpty: true }),
  status: opt(3, () => PodDisruptionBudgetStatus, { description: 'The current state of the budget.', omitEmpty: true }),
}, { description: 'Limits how many pods of a set voluntary disruptions may take down at once.' });
export type PodDisruptionBudget = Infer<typeof PodDisruptionBudget>;

export const PodDisruptionBudgetList = struct('io.k8s.api.policy.v1.PodDisruptionBudgetList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(PodDisruptionBudget), { description: 'The PodDisruptionBudget objects.' }),
}, { description: 'A list of PodDisruptionBudget objects.' });
export type PodDisruptionBudgetList = Infer<typeof PodDisruptionBudgetList>;

export const PodDisruptionBudgetSpec = struct('io.k8s.api.policy.v1.PodDisruptionBudgetSpec', {
  minAvailable: opt(1, intOrString, { description: 'Pods, or the percentage, that must stay available after an eviction.', omitEmpty: true, pointer: true }),
  selector: opt(2, LabelSelector, { description: 'The pods the budget covers.', patchStrategy: 'replace', omitEmpty: true, pointer: true }),
  maxUnavailable: opt(3, intOrString, { description: 'Pods, or the percentage, that may be unavailable after an eviction.', omitEmpty: true, pointer: true }),
  unhealthyPodEvictionPolicy: opt(4, UnhealthyPodEvictionPolicyType, { description: 'When unhealthy pods may be evicted: IfHealthyBudget or AlwaysAllow.', omitEmpty: true, pointer: true }),
}, { description: 'The budget of a PodDisruptionBudget.' });
export type PodDisruptionBudgetSpec = Infer<typeof PodDisruptionBudgetSpec>;

export const PodDisruptionBudgetStatus = struct('io.k8s.api.policy.v1.PodDisruptionBudgetStatus', {
  observedGeneration: opt(1, int64, { description: 'The generation the controller has acted on.', omitEmpty: true }),
  disruptedPods: opt(2, map(time), { description: 'Pods evicted but not yet deleted, with the eviction time.', omitEmpty: true }),
  disruptionsAllowed: req(3, int32, { description: 'How many more pods may be disrupted now.' }),
  currentHealthy: req(4, int32, { description: 'Healthy pods now.' }),
  desiredHealthy: req(5, int32, { description: 'Healthy pods needed.' }),
  expectedPods: req(6, int32, { description: 'Pods the budget counts.' }),
  conditions: opt(7, list(Condition), { description: 'The budget\'s current conditions, e.g. DisruptionAllowed.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
}, { description: 'The current state of a PodDisruptionBudget.' });
export type PodDisruptionBudgetStatus = Infer<typeof PodDisruptionBudgetStatus>;

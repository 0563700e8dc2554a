// batch/v1: Job and its failure and success policies.

import { boolean, int32, int64, list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { PodTemplateSpec } from '../../core/v1/index.ts';
import { LabelSelector, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { CompletionMode, PodFailurePolicyAction, PodFailurePolicyOnExitCodesOperator, PodReplacementPolicy } from './enums.ts';

export const Job = struct('io.k8s.api.batch.v1.Job', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => JobSpec, { description: 'The pods to run and the completion rules.', omitEmpty: true }),
  status: opt(3, () => JobStatus, { description: 'The observed progress of the job.', omitEmpty: true }),
}, { description: 'Runs pods until a number of them complete successfully.' });
export type Job = Infer<typeof Job>;

export const JobList = struct('io.k8s.api.batch.v1.JobList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Job), { description: 'The Job objects.' }),
}, { description: 'A list of Job objects.' });
export type JobList = Infer<typeof JobList>;

export const JobSpec = struct('io.k8s.api.batch.v1.JobSpec', {
  parallelism: opt(1, int32, { description: 'The most pods that run at once.', omitEmpty: true, pointer: true }),
  completions: opt(2, int32, { description: 'The number of successful pods needed.', omitEmpty: true, pointer: true }),
  activeDeadlineSeconds: opt(3, int64, { description: 'Seconds the job may run before it is failed.', omitEmpty: true, pointer: true }),
  podFailurePolicy: opt(11, () => PodFailurePolicy, { description: 'How pod failures count towards the backoff limit.', omitEmpty: true, pointer: true }),
  successPolicy: opt(16, () => SuccessPolicy, { description: 'When the job counts as succeeded before all completions.', omitEmpty: true, pointer: true }),
  backoffLimit: opt(7, int32, { description: 'Retries allowed before the job is failed.', omitEmpty: true, pointer: true }),
  backoffLimitPerIndex: opt(12, int32, { description: 'Retries allowed per index, for Indexed jobs.', omitEmpty: true, pointer: true }),
  maxFailedIndexes: opt(13, int32, { description: 'Failed indexes allowed before the job is failed.', omitEmpty: true, pointer: true }),
  selector: opt(4, LabelSelector, { description: 'Which pods belong to the job; normally generated.', omitEmpty: true, pointer: true }),
  manualSelector: opt(5, boolean, { description: 'Let the user set the selector instead of generating it.', omitEmpty: true, pointer: true }),
  template: req(6, PodTemplateSpec, { description: 'The pods to run.' }),
  ttlSecondsAfterFinished: opt(8, int32, { description: 'Seconds after finishing before the job is deleted.', omitEmpty: true, pointer: true }),
  completionMode: opt(9, CompletionMode, { description: 'NonIndexed or Indexed.', omitEmpty: true, pointer: true }),
  suspend: opt(10, boolean, { description: 'Stop creating pods, and delete running ones.', omitEmpty: true, pointer: true }),
  podReplacementPolicy: opt(14, PodReplacementPolicy, { description: 'When failed pods are replaced: TerminatingOrFailed or Failed.', omitEmpty: true, pointer: true }),
  managedBy: opt(15, string, { description: 'The controller that manages the job; empty for the built-in one.', omitEmpty: true, pointer: true }),
}, { description: 'The desired behaviour of a Job.' });
export type JobSpec = Infer<typeof JobSpec>;

export const PodFailurePolicy = struct('io.k8s.api.batch.v1.PodFailurePolicy', {
  rules: req(1, () => list(PodFailurePolicyRule), { description: 'The rules; the first that matches decides.', listType: 'atomic' }),
}, { description: 'Rules applied to failed pods, in order.' });
export type PodFailurePolicy = Infer<typeof PodFailurePolicy>;

export const PodFailurePolicyRule = struct('io.k8s.api.batch.v1.PodFailurePolicyRule', {
  action: req(1, PodFailurePolicyAction, { description: 'FailJob, FailIndex, Ignore or Count.' }),
  onExitCodes: opt(2, () => PodFailurePolicyOnExitCodesRequirement, { description: 'Requirements on container exit codes.', omitEmpty: true, pointer: true }),
  onPodConditions: opt(3, () => list(PodFailurePolicyOnPodConditionsPattern), { description: 'Requirements on pod conditions.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A rule on failed pods and what to do with them.' });
export type PodFailurePolicyRule = Infer<typeof PodFailurePolicyRule>;

export const PodFailurePolicyOnExitCodesRequirement = struct('io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement', {
  containerName: opt(1, string, { description: 'The container to look at; every container when empty.', omitEmpty: true, pointer: true }),
  operator: req(2, PodFailurePolicyOnExitCodesOperator, { description: 'In or NotIn.' }),
  values: req(3, list(int32), { description: 'The exit codes.', listType: 'set' }),
}, { description: 'Matches failed pods by container exit codes.' });
export type PodFailurePolicyOnExitCodesRequirement = Infer<typeof PodFailurePolicyOnExitCodesRequirement>;

export const PodFailurePolicyOnPodConditionsPattern = struct('io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern', {
  type: req(1, string, { description: 'The condition type, e.g. DisruptionTarget.' }),
  status: req(2, string, { description: 'The condition status to match.' }),
}, { description: 'Matches failed pods by a pod condition.' });
export type PodFailurePolicyOnPodConditionsPattern = Infer<typeof PodFailurePolicyOnPodConditionsPattern>;

export const SuccessPolicy = struct('io.k8s.api.batch.v1.SuccessPolicy', {
  rules: req(1, () => list(SuccessPolicyRule), { description: 'The rules; the job succeeds when any one holds.', listType: 'atomic' }),
}, { description: 'When a job counts as succeeded early.' });
export type SuccessPolicy = Infer<typeof SuccessPolicy>;

export const SuccessPolicyRule = struct('io.k8s.api.batch.v1.SuccessPolicyRule', {
  succeededIndexes: opt(1, string, { description: 'The indexes, as ranges like 0-3,7.', omitEmpty: true, pointer: true }),
  succeededCount: opt(2, int32, { description: 'How many of those indexes must succeed.', omitEmpty: true, pointer: true }),
}, { description: 'A set of indexes that must succeed.' });
export type SuccessPolicyRule = Infer<typeof SuccessPolicyRule>;

export const JobStatus = struct('io.k8s.api.batch.v1.JobStatus', {
  conditions: opt(1, () => list(JobCondition), { description: 'The job\'s current conditions, e.g. Complete and Failed.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic', omitEmpty: true }),
  startTime: opt(2, time, { description: 'When the controller started the job.', omitEmpty: true, pointer: true }),
  completionTime: opt(3, time, { description: 'When the job completed.', omitEmpty: true, pointer: true }),
  active: opt(4, int32, { description: 'Pods running.', omitEmpty: true }),
  succeeded: opt(5, int32, { description: 'Pods that succeeded.', omitEmpty: true }),
  failed: opt(6, int32, { description: 'Pods that failed.', omitEmpty: true }),
  terminating: opt(11, int32, { description: 'Pods being terminated.', omitEmpty: true, pointer: true }),
  completedIndexes: opt(7, string, { description: 'The completed indexes, as ranges.', omitEmpty: true }),
  failedIndexes: opt(10, string, { description: 'The failed indexes, as ranges.', omitEmpty: true, pointer: true }),
  uncountedTerminatedPods: opt(8, () => UncountedTerminatedPods, { description: 'Finished pods not yet counted in the status.', omitEmpty: true, pointer: true }),
  ready: opt(9, int32, { description: 'Pods that are ready.', omitEmpty: true, pointer: true }),
}, { description: 'The observed progress of a Job.' });
export type JobStatus = Infer<typeof JobStatus>;

export const JobCondition = struct('io.k8s.api.batch.v1.JobCondition', {
  type: req(1, string, { description: 'Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastProbeTime: opt(3, time, { description: 'When the condition was last checked.', omitEmpty: true }),
  lastTransitionTime: opt(4, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(5, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(6, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a Job.' });
export type JobCondition = Infer<typeof JobCondition>;

export const UncountedTerminatedPods = struct('io.k8s.api.batch.v1.UncountedTerminatedPods', {
  succeeded: opt(1, list(string), { description: 'UIDs of succeeded pods.', listType: 'set', omitEmpty: true }),
  failed: opt(2, list(string), { description: 'UIDs of failed pods.', listType: 'set', omitEmpty: true }),
}, { description: 'UIDs of finished pods the controller has yet to count.' });
export type UncountedTerminatedPods = Infer<typeof UncountedTerminatedPods>;

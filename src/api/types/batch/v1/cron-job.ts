// batch/v1: CronJob.

import { boolean, int32, int64, list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { ObjectReference } from '../../core/v1/index.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { ConcurrencyPolicy } from './enums.ts';
import { JobSpec } from './job.ts';

export const CronJob = struct('io.k8s.api.batch.v1.CronJob', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => CronJobSpec, { description: 'The schedule and the job to create.', omitEmpty: true }),
  status: opt(3, () => CronJobStatus, { description: 'The observed state of the schedule.', omitEmpty: true }),
}, { description: 'Creates Jobs on a schedule.' });
export type CronJob = Infer<typeof CronJob>;

export const CronJobList = struct('io.k8s.api.batch.v1.CronJobList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(CronJob), { description: 'The CronJob objects.' }),
}, { description: 'A list of CronJob objects.' });
export type CronJobList = Infer<typeof CronJobList>;

export const CronJobSpec = struct('io.k8s.api.batch.v1.CronJobSpec', {
  schedule: req(1, string, { description: 'The schedule in cron syntax.' }),
  timeZone: opt(8, string, { description: 'The time zone the schedule is read in.', omitEmpty: true, pointer: true }),
  startingDeadlineSeconds: opt(2, int64, { description: 'Seconds after a missed time a job may still be started.', omitEmpty: true, pointer: true }),
  concurrencyPolicy: opt(3, ConcurrencyPolicy, { description: 'Allow, Forbid or Replace, when a run is due while one is active.', omitEmpty: true }),
  suspend: opt(4, boolean, { description: 'Stop starting new jobs.', omitEmpty: true, pointer: true }),
  jobTemplate: req(5, () => JobTemplateSpec, { description: 'The jobs to create.' }),
  successfulJobsHistoryLimit: opt(6, int32, { description: 'How many succeeded jobs to keep.', omitEmpty: true, pointer: true }),
  failedJobsHistoryLimit: opt(7, int32, { description: 'How many failed jobs to keep.', omitEmpty: true, pointer: true }),
}, { description: 'The desired behaviour of a CronJob.' });
export type CronJobSpec = Infer<typeof CronJobSpec>;

export const JobTemplateSpec = struct('io.k8s.api.batch.v1.JobTemplateSpec', {
  metadata: opt(1, ObjectMeta, { description: 'Metadata given to the created jobs.', omitEmpty: true }),
  spec: opt(2, () => JobSpec, { description: 'The spec of the created jobs.', omitEmpty: true }),
}, { description: 'The metadata and spec of jobs to create.' });
export type JobTemplateSpec = Infer<typeof JobTemplateSpec>;

export const CronJobStatus = struct('io.k8s.api.batch.v1.CronJobStatus', {
  active: opt(1, list(ObjectReference), { description: 'The jobs currently running.', listType: 'atomic', omitEmpty: true }),
  lastScheduleTime: opt(4, time, { description: 'When a job was last scheduled.', omitEmpty: true, pointer: true }),
  lastSuccessfulTime: opt(5, time, { description: 'When a job last succeeded.', omitEmpty: true, pointer: true }),
}, { description: 'The observed state of a CronJob.' });
export type CronJobStatus = Infer<typeof CronJobStatus>;

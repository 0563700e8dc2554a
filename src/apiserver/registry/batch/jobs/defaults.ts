// batch/v1 defaults of Jobs (SetDefaults_Job) and of the job specs in CronJob templates.

import type { Job, JobSpec } from '../../../../api/types/batch/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { defaultPodTemplateSpec } from '../../core/pods/defaults.ts';

const MAX_INT32 = 2147483647;

/**
 * What every job spec gets, in a Job or in a CronJob's jobTemplate: condition patterns of the
 * pod failure policy match status True unless told otherwise, and the pod template defaults.
 */
export function defaultJobSpecParts(spec: JobSpec): void {
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= 'True';
  }
  defaultPodTemplateSpec((spec.template as PodTemplateSpec | undefined) ?? (spec.template = {}));
}

/** batch/v1 SetDefaults_Job. A Job without labels takes its template's. */
export function defaultJob(job: Job): void {
  const spec = (job.spec ??= {} as JobSpec);
  // A non-parallel job may leave both unset; then both are 1.
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex === undefined ? 6 : MAX_INT32;
  const templateLabels = (spec.template as PodTemplateSpec | undefined)?.metadata?.labels;
  const meta = (job.metadata ??= {});
  if (templateLabels !== undefined && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...templateLabels };
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy === undefined ? 'TerminatingOrFailed' : 'Failed';
  spec.manualSelector ??= false;
  defaultJobSpecParts(spec);
}

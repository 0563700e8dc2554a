// CronJobs: Jobs created on a schedule. Defaults as batch/v1 (Allow, not suspended, keep 3
// succeeded and 1 failed job); the schedule must parse as upstream's cron parser reads it and
// the time zone must be an IANA name. The job template is validated as a job spec whose
// selector the server will generate.

import { path } from '../../../../api/field-errors.ts';
import { CronJob, CronJobList, type CronJobSpec } from '../../../../api/types/batch/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { defaultJobSpecParts } from '../jobs/defaults.ts';
import { cronJobPrinter } from './printer.ts';
import { validateCronJobCreate, validateCronJobSpec } from './validation.ts';

/** batch/v1 SetDefaults_CronJob, plus the defaults of the templated job spec. */
export function defaultCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= {} as CronJobSpec);
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobSpec = (spec.jobTemplate as CronJobSpec['jobTemplate'] | undefined)?.spec;
  if (jobSpec !== undefined) defaultJobSpecParts(jobSpec);
}

export const cronjobs: ResourceDef<CronJob> = {
  group: 'batch', version: 'v1', resource: 'cronjobs', singular: 'cronjob', kind: 'CronJob', listKind: 'CronJobList',
  namespaced: true, shortNames: ['cj'], categories: ['all'], shape: CronJob, listShape: CronJobList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    defaults: defaultCronJob,
    prepareForCreate(cj) {
      cj.status = {};
    },
    validate: validateCronJobCreate,
    // Names over 52 characters from before that limit stay updatable.
    validateUpdate: (cj, old) => validateCronJobSpec(cj.spec, old.spec, path('spec')),
  },
  status: {},
  printer: cronJobPrinter,
};

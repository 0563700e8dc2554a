// Jobs: pods run to completion. Defaults as batch/v1; unless spec.manualSelector, the server
// makes the selector from the Job's uid and labels the template to match (see selector.ts);
// the template and most of the spec are fixed once created.
//
// Hook order: upstream fills metadata.uid before PrepareForCreate and generates the selector
// there. Our generic store fills the uid after prepareForCreate, so generateSelector runs in
// prepareForCreate (effective once the store fills the uid first) and again at the start of
// validate, the first create hook that sees the uid. It is idempotent.

import { path } from '../../../../api/field-errors.ts';
import { Job, JobList } from '../../../../api/types/batch/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { defaultJob } from './defaults.ts';
import { jobPrinter } from './printer.ts';
import { CONTROLLER_UID_LABEL, generateSelector, JOB_NAME_LABEL } from './selector.ts';
import { validateJob } from './spec-validation.ts';
import { validateJobSpecUpdate, validateJobStatus } from './update-validation.ts';

export const jobs: ResourceDef<Job> = {
  group: 'batch', version: 'v1', resource: 'jobs', singular: 'job', kind: 'Job', listKind: 'JobList',
  namespaced: true, categories: ['all'], shape: Job, listShape: JobList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    defaults: defaultJob,
    prepareForCreate(job) {
      job.status = {};
      generateSelector(job);
    },
    validate(job) {
      generateSelector(job);
      return validateJob(job, true);
    },
    validateUpdate(job, old) {
      // Jobs created before the prefixed labels existed are not held to them.
      const oldLabels = old.spec?.template?.metadata?.labels ?? {};
      const prefixed = Object.hasOwn(oldLabels, JOB_NAME_LABEL) && Object.hasOwn(oldLabels, CONTROLLER_UID_LABEL);
      return [...validateJob(job, prefixed), ...validateJobSpecUpdate(job, old, path('spec'))];
    },
    selectableFields: (job) => ({ 'status.successful': String(job.status?.succeeded ?? 0) }),
  },
  status: {
    validateUpdate: (job) => validateJobStatus(job.status, path('status')),
  },
  printer: jobPrinter,
};

// CronJob validation, as upstream's batch validation (validateCronJobSpec,
// validateScheduleFormat, validateTimeZone, ValidateJobTemplateSpec).

import { invalid, notSupported, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { CronJob, CronJobSpec, JobSpec } from '../../../../api/types/batch/v1/index.ts';
import { goLabelSelector } from '../../apps/replicasets/go-values.ts';
import { nonNegative } from '../../apps/replicasets/int-or-percent.ts';
import { validateJobSpecFields } from '../jobs/spec-validation.ts';
import { cronScheduleError } from './cron-schedule.ts';
import { timeZoneError } from './time-zone.ts';

/** Jobs are named <cronjob>-<11-character timestamp> and must fit in 63 characters. */
const MAX_NAME_LENGTH = 63 - 11;
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const error = cronScheduleError(schedule);
  if (error !== undefined) errs.push(invalid(at, schedule, error));
  const hasTZ = schedule.includes('TZ');
  if (allowTZ && hasTZ && timeZone !== undefined) errs.push(invalid(at, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  else if (!allowTZ && hasTZ) errs.push(invalid(at, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

/** An explicit IANA zone; names follow the tz database's naming rules. */
export function validateTimeZone(timeZone: string | undefined, at: Path): FieldError[] {
  if (timeZone === undefined) return [];
  if (timeZone === '') return [invalid(at, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return [invalid(at, timeZone, `unknown time zone ${timeZone}`)];
  }
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === 'local') errs.push(invalid(at, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const loadError = timeZoneError(timeZone);
  if (loadError !== undefined) errs.push(invalid(at, timeZone, loadError));
  return errs;
}

function validateJobTemplateSpec(spec: JobSpec, at: Path): FieldError[] {
  const errs = validateJobSpecFields(spec, at);
  // The jobs a CronJob creates always get a generated selector.
  if (spec.selector !== undefined) errs.push(invalid(at.child('selector'), goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(at.child('manualSelector'), true, ['nil', 'false']));
  return errs;
}

export function validateCronJobSpec(spec: CronJobSpec | undefined, old: CronJobSpec | undefined, at: Path): FieldError[] {
  const s = spec ?? ({} as CronJobSpec);
  const errs: FieldError[] = [];
  const schedule = s.schedule ?? '';
  if (schedule === '') errs.push(required(at.child('schedule')));
  else errs.push(...validateSchedule(schedule, old?.schedule.includes('TZ') ?? false, s.timeZone, at.child('schedule')));
  errs.push(...nonNegative(s.startingDeadlineSeconds, at.child('startingDeadlineSeconds')));
  if (old === undefined || old.timeZone !== s.timeZone) errs.push(...validateTimeZone(s.timeZone, at.child('timeZone')));
  const policy: string = s.concurrencyPolicy ?? '';
  if (policy === '') errs.push(required(at.child('concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupported(at.child('concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  errs.push(...validateJobTemplateSpec(s.jobTemplate?.spec ?? ({} as JobSpec), at.child('jobTemplate', 'spec')));
  errs.push(...nonNegative(s.successfulJobsHistoryLimit, at.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(s.failedJobsHistoryLimit, at.child('failedJobsHistoryLimit')));
  return errs;
}

export function validateCronJobCreate(cj: CronJob): FieldError[] {
  const errs = validateCronJobSpec(cj.spec, undefined, path('spec'));
  const name = cj.metadata?.name ?? '';
  if (name.length > MAX_NAME_LENGTH) errs.push(invalid(path('metadata', 'name'), name, `must be no more than ${MAX_NAME_LENGTH} characters`));
  return errs;
}

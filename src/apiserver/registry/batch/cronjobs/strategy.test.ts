import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { CronJob, CronJobSpec, JobSpec } from '../../../../api/types/batch/v1/index.ts';
import { cronScheduleError } from './cron-schedule.ts';
import { cronjobs } from './strategy.ts';

const NOW = Date.parse('2024-05-01T12:05:00Z');

function cronJob(spec: Partial<CronJobSpec> = {}, jobSpec: Partial<JobSpec> = {}, name = 'hello'): CronJob {
  return {
    metadata: { name, namespace: 'default', creationTimestamp: '2024-05-01T12:00:00Z' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28' }] } }, ...jobSpec } },
      ...spec,
    },
  };
}

function defaulted(cj: CronJob): CronJob {
  const copy = jsonClone(cj);
  cronjobs.strategy.defaults?.(copy);
  return copy;
}

function errors(cj: CronJob): string[] {
  return (cronjobs.strategy.validate?.(defaulted(cj)) ?? []).map(fieldErrorMessage);
}

test('cronjob defaults as batch/v1; the job template gets pod defaults only', () => {
  const spec = defaulted(cronJob()).spec;
  assert.deepEqual([spec?.concurrencyPolicy, spec?.suspend, spec?.successfulJobsHistoryLimit, spec?.failedJobsHistoryLimit], ['Allow', false, 3, 1]);
  assert.equal(spec?.jobTemplate.spec?.template.spec?.dnsPolicy, 'ClusterFirst');
  assert.equal(spec?.jobTemplate.spec?.backoffLimit, undefined, 'Job defaults are not applied to templates');
});

test('cron schedules are read as robfig/cron ParseStandard reads them', () => {
  const cases: [string, string | undefined][] = [
    ['*/5 * * * *', undefined],
    ['0 0 1 jan,FEB sun-sat', undefined],
    ['0 9-17/2 * * 1-5', undefined],
    ['@hourly', undefined],
    ['@every 1h30m', undefined],
    ['CRON_TZ=Europe/Berlin 0 0 * * *', undefined],
    ['x', 'expected exactly 5 fields, found 1: [x]'],
    ['* * * *  * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['@every 1y', 'failed to parse duration @every 1y: time: unknown unit "y" in duration "1y"'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ];
  for (const [schedule, want] of cases) assert.equal(cronScheduleError(schedule), want, schedule);
});

test('cronjob validation reports upstream messages', () => {
  const cases: [string, CronJob, string[]][] = [
    ['valid', cronJob({ timeZone: 'America/New_York' }), []],
    ['schedule', cronJob({ schedule: 'x' }), ['spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]']],
    ['TZ in schedule', cronJob({ schedule: 'TZ=UTC 0 * * * *' }),
      ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    ['unknown zone', cronJob({ timeZone: 'Mars/Olympus' }), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    ['zone name case', cronJob({ timeZone: 'america/new_york' }), ['spec.timeZone: Invalid value: "america/new_york": unknown time zone america/new_york']],
    ['Local', cronJob({ timeZone: 'Local' }),
      ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    ['empty zone', cronJob({ timeZone: '' }), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    ['selector', cronJob({}, { selector: { matchLabels: { a: 'b' } } }),
      ['spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated']],
    ['manual selector', cronJob({}, { manualSelector: true }),
      ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"']],
    ['restart policy', cronJob({}, { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }),
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['long name', cronJob({}, {}, 'c'.repeat(53)), [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`]],
    ['negative limits', cronJob({ startingDeadlineSeconds: -1, successfulJobsHistoryLimit: -1 }), [
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(errors(input), want, name);
});

test('cronjob updates: a TZ schedule or long name already stored stays updatable', () => {
  const old = defaulted(cronJob({ schedule: 'TZ=UTC 0 * * * *' }, {}, 'c'.repeat(60)));
  const next = jsonClone(old);
  (next.spec ?? {} as CronJobSpec).suspend = true;
  assert.deepEqual(cronjobs.strategy.validateUpdate?.(next, old), []);
  (next.spec ?? {} as CronJobSpec).timeZone = 'UTC';
  assert.deepEqual((cronjobs.strategy.validateUpdate?.(next, old) ?? []).map(fieldErrorMessage),
    ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule']);
});

test('cronjob printer: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', () => {
  const printer = cronjobs.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers', 'Images', 'Selector']);
  const cj = defaulted(cronJob());
  assert.deepEqual(printer.cells(cj, NOW), ['hello', '*/1 * * * *', '<none>', 'False', 0, '<none>', '5m', 'hello', 'busybox:1.28', '<none>']);
  cj.spec = { ...cj.spec, timeZone: 'Etc/UTC' } as CronJobSpec;
  cj.status = { active: [{ kind: 'Job', name: 'hello-28571' }], lastScheduleTime: '2024-05-01T12:04:00Z' };
  assert.deepEqual(printer.cells(cj, NOW).slice(2, 6), ['Etc/UTC', 'False', 1, '60s']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { Job, JobSpec } from '../../../../api/types/batch/v1/index.ts';
import { parseIndexes } from './policy-validation.ts';
import { jobs } from './strategy.ts';

const UID = '3f0e4a52-6c2b-4d7e-9a51-0f2f0c1e2d3c';
const NOW = Date.parse('2024-05-01T12:01:00Z');

function job(spec: Partial<JobSpec> = {}, name = 'pi'): Job {
  return {
    metadata: { name, namespace: 'default', creationTimestamp: '2024-05-01T12:00:00Z' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } }, ...spec } as JobSpec,
  };
}

/** What a create leaves for validation: defaults, then the uid the store fills in. */
function created(j: Job): Job {
  const copy = jsonClone(j);
  jobs.strategy.defaults?.(copy);
  jobs.strategy.prepareForCreate?.(copy);
  (copy.metadata ??= {}).uid = UID;
  return copy;
}

function errors(j: Job): string[] {
  return (jobs.strategy.validate?.(created(j)) ?? []).map(fieldErrorMessage);
}

test('job defaults as batch/v1', () => {
  const spec = created(job()).spec;
  assert.deepEqual([spec?.completions, spec?.parallelism, spec?.backoffLimit, spec?.completionMode, spec?.suspend, spec?.podReplacementPolicy, spec?.manualSelector],
    [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed', false]);
  const parallel = created(job({ parallelism: 3 })).spec;
  assert.deepEqual([parallel?.completions, parallel?.parallelism], [undefined, 3], 'completions stay unset for work queues');
  assert.equal(created(job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 })).spec?.backoffLimit, 2147483647);
  const withPolicy = created(job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as { type: string; status: string }] }] } })).spec;
  assert.equal(withPolicy?.podReplacementPolicy, 'Failed');
  assert.equal(withPolicy?.podFailurePolicy?.rules[0]?.onPodConditions?.[0]?.status, 'True');
});

test('job create generates the selector and labels from the uid', () => {
  const j = job();
  (j.spec?.template ?? {}).metadata = { labels: { app: 'pi' } };
  jobs.strategy.defaults?.(j);
  (j.metadata ??= {}).uid = UID;
  assert.deepEqual(jobs.strategy.validate?.(j), []);
  assert.deepEqual(j.spec?.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
  const labels = { app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': UID, 'batch.kubernetes.io/controller-uid': UID };
  assert.deepEqual(j.spec?.template.metadata?.labels, labels);
  assert.deepEqual(j.metadata.labels, labels, 'a Job without labels of its own shows its template\'s');
  const manual = created(job({ manualSelector: true, selector: { matchLabels: { app: 'x' } } }));
  assert.deepEqual(manual.spec?.selector, { matchLabels: { app: 'x' } });
  assert.equal(manual.spec?.template.metadata, undefined);
});

test('job validation reports upstream messages', () => {
  const cases: [string, Job, string[]][] = [
    ['valid', job(), []],
    ['restart Always', job({ template: { spec: { restartPolicy: 'Always', containers: [{ name: 'c', image: 'i' }] } } }),
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['OnFailure with a pod failure policy', job({
      template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'i' }] } },
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 1] } }] },
    }), [
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 1}: must be ordered',
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]],
    ['rule without requirements', job({ podFailurePolicy: { rules: [{ action: 'Ignore' }] } }),
      ['spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required']],
    ['manual selector missing', job({ manualSelector: true }), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    ]],
    ['conflicting label', job({ template: { metadata: { labels: { 'controller-uid': 'other' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } }), [
      `spec.template.metadata.labels[controller-uid]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"other", "job-name":"pi"}: must be '${UID}'`,
    ]],
    ['indexed without completions', job({ completionMode: 'Indexed', parallelism: 2 }),
      ['spec.completions: Required value: when completion mode is Indexed']],
    ['per-index limit needs Indexed', job({ backoffLimitPerIndex: 1 }),
      ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode']],
    ['indexed hostname', job({ completionMode: 'Indexed', completions: 10 }, 'a'.repeat(62)),
      [`metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-9`]],
    ['success policy', job({ completionMode: 'Indexed', completions: 4, successPolicy: { rules: [{ succeededIndexes: '0,2-1', succeededCount: 5 }] } }), [
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0,2-1": error parsing succeededIndexes: non-increasing order, previous: 2, current: 1',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 5: must be less than or equal to 4 (the number of specified completions)',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 5: must be less than or equal to 0 (the number of indexes in the specified succeededIndexes field)',
    ]],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(errors(input), want, name);
  assert.deepEqual(parseIndexes('1,3-5,7', 8), { total: 5 });
  assert.deepEqual(parseIndexes('1-2-3', 8), { error: 'the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by \'-\'' });
  assert.deepEqual(parseIndexes('9', 8), { error: 'too large index: "9"' });
});

test('job updates: the spec is mostly immutable', () => {
  const old = created(job());
  jobs.strategy.validate?.(old);
  const update = (change: (j: Job) => void, from: Job = old): string[] => {
    const next = jsonClone(from);
    change(next);
    return (jobs.strategy.validateUpdate?.(next, from) ?? []).map(fieldErrorMessage);
  };
  assert.deepEqual(update((j) => { (j.spec ?? {} as JobSpec).parallelism = 4; }), []);
  assert.deepEqual(update((j) => { (j.spec ?? {} as JobSpec).completions = 3; }), ['spec.completions: Invalid value: 3: field is immutable']);
  const templateErrs = update((j) => { (j.spec?.template.spec?.containers[0] ?? { image: '' }).image = 'perl:5.36'; });
  assert.equal(templateErrs.length, 1);
  assert.match(templateErrs[0] ?? '', /^spec\.template: Invalid value: \{.*"perl:5\.36".*\}: field is immutable$/);
  const indexed = created(job({ completionMode: 'Indexed', completions: 2, parallelism: 2 }));
  jobs.strategy.validate?.(indexed);
  assert.deepEqual(update((j) => { Object.assign(j.spec ?? {}, { completions: 5, parallelism: 5 }); }, indexed), []);
  assert.deepEqual(update((j) => { Object.assign(j.spec ?? {}, { completions: 5 }); }, indexed),
    ['spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism']);
  const suspended = created(job({ suspend: true }));
  jobs.strategy.validate?.(suspended);
  assert.deepEqual(update((j) => { (j.spec?.template.spec ?? { containers: [] }).nodeSelector = { zone: 'a' }; }, suspended), [],
    'a suspended Job that never ran may move');
  assert.equal(update((j) => { (j.spec ?? {} as JobSpec).selector = { matchLabels: { a: 'b' } }; })[0]?.startsWith('spec.selector: Invalid value: v1.LabelSelector{'), true);
});

test('job status checks and printer cells', () => {
  const j = created(job());
  jobs.strategy.validate?.(j);
  j.status = { active: -1, uncountedTerminatedPods: { succeeded: ['a'], failed: ['a', ''] } };
  assert.deepEqual((jobs.status?.validateUpdate?.(j, j) ?? []).map(fieldErrorMessage), [
    'status.active: Invalid value: -1: must be greater than or equal to 0',
    'status.uncountedTerminatedPods.failed[0]: Duplicate value: "a"',
    'status.uncountedTerminatedPods.failed[1]: Invalid value: "": must not be empty',
  ]);
  const printer = jobs.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
  j.status = { startTime: '2024-05-01T12:00:10Z', active: 1 };
  assert.deepEqual(printer.cells(j, NOW), ['pi', 'Running', '0/1', '50s', '60s', 'pi', 'perl:5.34', `batch.kubernetes.io/controller-uid=${UID}`]);
  j.status = { startTime: '2024-05-01T12:00:10Z', completionTime: '2024-05-01T12:00:40Z', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] };
  assert.deepEqual(printer.cells(j, NOW).slice(1, 4), ['Complete', '1/1', '30s']);
  const queue = created(job({ parallelism: 3, suspend: true }));
  queue.status = { conditions: [{ type: 'Suspended', status: 'True' }] };
  assert.deepEqual(printer.cells(queue, NOW).slice(1, 4), ['Suspended', '0/1 of 3', '']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { Deployment } from '../../../../api/types/apps/v1/index.ts';
import { deployments } from './strategy.ts';

const NOW = Date.parse('2024-05-01T12:00:00Z');

function deployment(spec: Partial<NonNullable<Deployment['spec']>> = {}, labels: Record<string, string> = { app: 'web' }): Deployment {
  return {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:55:00Z' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      ...spec,
    },
  };
}

function defaulted(d: Deployment): Deployment {
  const copy = jsonClone(d);
  deployments.strategy.defaults?.(copy);
  return copy;
}

function errors(d: Deployment): string[] {
  return (deployments.strategy.validate?.(defaulted(d)) ?? []).map(fieldErrorMessage);
}

test('deployment defaults: one replica, RollingUpdate 25%/25%, 10 revisions, 600 s deadline', () => {
  const cases: [Deployment, Partial<NonNullable<Deployment['spec']>>][] = [
    [deployment(), { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 }],
    [deployment({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0, progressDeadlineSeconds: 30 }),
      { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0, progressDeadlineSeconds: 30 }],
    [deployment({ strategy: { rollingUpdate: { maxSurge: 2 } } }), { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } } }],
  ];
  for (const [input, want] of cases) {
    const got = defaulted(input).spec;
    for (const [key, value] of Object.entries(want)) assert.deepEqual(got?.[key as keyof typeof want], value, key);
    assert.equal(got?.template.spec?.restartPolicy, 'Always', 'the template gets the pod defaults');
  }
});

test('deployment validation reports upstream messages', () => {
  const percentRule = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
  const cases: [string, Deployment, string[]][] = [
    ['valid', deployment(), []],
    ['labels do not match', deployment({}, { app: 'api', tier: 'x' }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"api", "tier":"x"}: `selector` does not match template `labels`']],
    ['empty selector', deployment({ selector: {} }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment']],
    ['negative replicas', deployment({ replicas: -1 }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['no surge and no unavailability', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']],
    ['over 100%', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%' } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%']],
    ['bad percent', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '20Percent' } } }),
      [`spec.strategy.rollingUpdate.maxSurge: Invalid value: 20Percent: ${percentRule}`]],
    ['Recreate with rollingUpdate', deployment({ strategy: { type: 'Recreate', rollingUpdate: {} } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
    ['restart policy', deployment({ template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'i' }] } } }),
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']],
    ['deadline not above minReadySeconds', deployment({ minReadySeconds: 10, progressDeadlineSeconds: 10 }),
      ['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds']],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(errors(input), want, name);
  const noSelector = defaulted(deployment());
  delete (noSelector.spec as { selector?: unknown }).selector;
  assert.deepEqual((deployments.strategy.validate?.(noSelector) ?? []).map(fieldErrorMessage), [
    'spec.selector: Required value',
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
  ]);
});

test('deployment updates may not change the selector, and annotations bump generation', () => {
  const old = defaulted(deployment());
  const next = defaulted(deployment({ selector: { matchLabels: { app: 'web', v: '2' } } }, { app: 'web', v: '2' }));
  assert.deepEqual((deployments.strategy.validateUpdate?.(next, old) ?? []).map(fieldErrorMessage), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  ]);
  const annotated = jsonClone(old);
  (old.metadata ??= {}).generation = 4;
  annotated.metadata = { ...annotated.metadata, generation: 4, annotations: { 'kubernetes.io/change-cause': 'x' } };
  deployments.strategy.prepareForUpdate?.(annotated, old);
  assert.equal(annotated.metadata.generation, 5);
});

test('deployment status may not count more than it has', () => {
  const old = defaulted(deployment());
  old.status = { collisionCount: 2 };
  const next = jsonClone(old);
  next.status = { replicas: 1, readyReplicas: 2, availableReplicas: 3, collisionCount: 1 };
  assert.deepEqual((deployments.status?.validateUpdate?.(next, old) ?? []).map(fieldErrorMessage), [
    'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    'status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas',
    'status.availableReplicas: Invalid value: 3: cannot be greater than readyReplicas',
    'status.collisionCount: Invalid value: 1: cannot be decremented',
  ]);
});

test('deployment printer: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR', () => {
  const printer = deployments.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => [c.name, c.priority]), [
    ['Name', 0], ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
  ]);
  const d = defaulted(deployment({ replicas: 3 }));
  d.status = { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
  assert.deepEqual(printer.cells(d, NOW), ['web', '2/3', 3, 2, '5m', 'nginx', 'nginx:1.25', 'app=web']);
  const bare = printer.cells(deployment({ selector: {} }), NOW);
  assert.deepEqual([bare[1], bare[2], bare[7]], ['0/0', 0, ''], 'an empty selector prints as nothing');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { DaemonSet } from '../../../../api/types/apps/v1/index.ts';
import { daemonsets, TEMPLATE_GENERATION_ANNOTATION } from './strategy.ts';

const NOW = Date.parse('2024-05-01T12:00:30Z');

function daemonSet(spec: Partial<NonNullable<DaemonSet['spec']>> = {}): DaemonSet {
  return {
    metadata: { name: 'fluentd', namespace: 'kube-system', creationTimestamp: '2024-05-01T12:00:00Z' },
    spec: {
      selector: { matchLabels: { name: 'fluentd' } },
      template: { metadata: { labels: { name: 'fluentd' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' }, containers: [{ name: 'fluentd', image: 'fluentd:v1' }] } },
      ...spec,
    },
  };
}

function defaulted(ds: DaemonSet): DaemonSet {
  const copy = jsonClone(ds);
  daemonsets.strategy.defaults?.(copy);
  return copy;
}

function errors(ds: DaemonSet): string[] {
  return (daemonsets.strategy.validate?.(defaulted(ds)) ?? []).map(fieldErrorMessage);
}

test('daemonset defaults: RollingUpdate with maxUnavailable 1 and maxSurge 0, ten revisions', () => {
  const spec = defaulted(daemonSet()).spec;
  assert.deepEqual(spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(spec?.revisionHistoryLimit, 10);
  assert.deepEqual(defaulted(daemonSet({ updateStrategy: { type: 'OnDelete' } })).spec?.updateStrategy, { type: 'OnDelete' });
});

test('daemonset validation reports upstream messages', () => {
  const cases: [string, DaemonSet, string[]][] = [
    ['valid', daemonSet(), []],
    ['surge and unavailability', daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 1 } } }),
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']],
    ['neither', daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } } }),
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']],
    ['unknown strategy', daemonSet({ updateStrategy: { type: 'Sometimes' as 'OnDelete' } }),
      ['spec.updateStrategy: Unsupported value: {"type":"Sometimes"}: supported values: "RollingUpdate", "OnDelete"']],
    ['empty selector', daemonSet({ selector: {} }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset']],
    ['activeDeadlineSeconds', daemonSet({ template: { metadata: { labels: { name: 'fluentd' } }, spec: { activeDeadlineSeconds: 1, containers: [{ name: 'c', image: 'i' }] } } }),
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported']],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(errors(input), want, name);
  const noSelector = defaulted(daemonSet());
  delete (noSelector.spec as { selector?: unknown }).selector;
  assert.deepEqual((daemonsets.strategy.validate?.(noSelector) ?? []).map(fieldErrorMessage), [
    'spec.template.metadata.labels: Invalid value: map[string]string{"name":"fluentd"}: `selector` does not match template `labels`',
  ], 'a missing selector selects nothing');
});

test('daemonset template generation: 1 at create, +1 per template change, kept otherwise', () => {
  const created = defaulted(daemonSet());
  daemonsets.strategy.prepareForCreate?.(created);
  assert.equal(created.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION], '1');
  assert.deepEqual(created.status, { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  const relabeled = jsonClone(created);
  relabeled.metadata = { ...relabeled.metadata, annotations: { [TEMPLATE_GENERATION_ANNOTATION]: '7' } };
  daemonsets.strategy.prepareForUpdate?.(relabeled, created);
  assert.equal(relabeled.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION], '1', 'clients cannot set it');
  const changed = jsonClone(created);
  (changed.spec?.template.spec?.containers[0] ?? { image: '' }).image = 'fluentd:v2';
  daemonsets.strategy.prepareForUpdate?.(changed, created);
  assert.equal(changed.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION], '2');
  const reselected = defaulted(daemonSet({ selector: { matchLabels: { name: 'fluentd', v: '1' } } }));
  assert.equal((daemonsets.strategy.validateUpdate?.(reselected, created) ?? []).map(fieldErrorMessage)[0],
    'spec.template.metadata.labels: Invalid value: map[string]string{"name":"fluentd"}: `selector` does not match template `labels`');
  assert.match((daemonsets.strategy.validateUpdate?.(reselected, created) ?? []).map(fieldErrorMessage)[1] ?? '', /^spec\.selector: Invalid value: .*: field is immutable$/);
});

test('daemonset status and printer', () => {
  const ds = defaulted(daemonSet());
  ds.status = { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: -1 };
  assert.deepEqual((daemonsets.status?.validateUpdate?.(ds, ds) ?? []).map(fieldErrorMessage), ['status.numberMisscheduled: Invalid value: -1: must be greater than or equal to 0']);
  const printer = daemonsets.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), [
    'Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector',
  ]);
  assert.deepEqual(printer.cells(ds, NOW), ['fluentd', 3, 3, 2, 3, 2, 'disk=ssd,kubernetes.io/os=linux', '30s', 'fluentd', 'fluentd:v1', 'name=fluentd']);
});

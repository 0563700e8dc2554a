import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { StatefulSet } from '../../../../api/types/apps/v1/index.ts';
import { statefulsets } from './strategy.ts';

const NOW = Date.parse('2024-05-03T12:00:00Z');

function statefulSet(spec: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  return {
    metadata: { name: 'db', namespace: 'default', creationTimestamp: '2024-05-01T12:00:00Z' },
    spec: {
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'postgres', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
  };
}

function defaulted(sts: StatefulSet): StatefulSet {
  const copy = jsonClone(sts);
  statefulsets.strategy.defaults?.(copy);
  return copy;
}

function errors(sts: StatefulSet): string[] {
  return (statefulsets.strategy.validate?.(defaulted(sts)) ?? []).map(fieldErrorMessage);
}

test('statefulset defaults as apps/v1', () => {
  const spec = defaulted(statefulSet()).spec;
  assert.equal(spec?.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(spec?.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(spec?.replicas, 1);
  assert.equal(spec?.revisionHistoryLimit, 10);
  assert.equal(spec?.serviceName, undefined, 'serviceName is optional');
  assert.equal(spec?.volumeClaimTemplates?.[0]?.spec?.volumeMode, 'Filesystem');
  assert.equal(spec?.volumeClaimTemplates?.[0]?.status?.phase, 'Pending');
  assert.deepEqual(defaulted(statefulSet({ updateStrategy: { type: 'OnDelete' } })).spec?.updateStrategy, { type: 'OnDelete' });
  assert.deepEqual(defaulted(statefulSet({ updateStrategy: { type: 'RollingUpdate' } })).spec?.updateStrategy, { type: 'RollingUpdate' });
  assert.deepEqual(defaulted(statefulSet({ updateStrategy: { rollingUpdate: { partition: 2 } } })).spec?.updateStrategy,
    { type: 'RollingUpdate', rollingUpdate: { partition: 2 } });
});

test('statefulset validation reports upstream messages', () => {
  const cases: [string, StatefulSet, string[]][] = [
    ['valid, mounting its claim template', statefulSet(), []],
    ['pod management', statefulSet({ podManagementPolicy: 'Sometimes' as 'Parallel' }),
      ["spec.podManagementPolicy: Invalid value: \"Sometimes\": must be 'OrderedReady' or 'Parallel'"]],
    ['OnDelete with rollingUpdate', statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }),
      ["spec.updateStrategy.rollingUpdate: Invalid value: {\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'"]],
    ['negative partition and ordinal', statefulSet({ updateStrategy: { rollingUpdate: { partition: -1 } }, ordinals: { start: -1 } }), [
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
      'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['retention', statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }),
      ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"']],
    ['empty selector', statefulSet({ selector: {} }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset']],
    ['labels', statefulSet({ selector: { matchLabels: { app: 'other' } } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`']],
  ];
  for (const [name, input, want] of cases) assert.deepEqual(errors(input), want, name);
  assert.deepEqual(statefulsets.strategy.validateName('db.0', false), ['must not contain dots'], 'names are DNS labels');
});

test('statefulset updates: only some spec fields change; maxUnavailable needs its feature', () => {
  const old = defaulted(statefulSet());
  assert.deepEqual(statefulsets.strategy.validateUpdate?.(defaulted(statefulSet({ replicas: 3, minReadySeconds: 5 })), old), []);
  assert.deepEqual((statefulsets.strategy.validateUpdate?.(defaulted(statefulSet({ serviceName: 'db-headless' })), old) ?? []).map(fieldErrorMessage), [
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  ]);
  const created = defaulted(statefulSet({ updateStrategy: { rollingUpdate: { maxUnavailable: 2 } } }));
  statefulsets.strategy.prepareForCreate?.(created);
  assert.deepEqual(created.spec?.updateStrategy?.rollingUpdate, { partition: 0 });
  assert.deepEqual(created.status, { replicas: 0, availableReplicas: 0 });
});

test('statefulset status and printer', () => {
  const sts = defaulted(statefulSet({ replicas: 3 }));
  sts.status = { replicas: 2, readyReplicas: 1, availableReplicas: 2 };
  assert.deepEqual((statefulsets.status?.validateUpdate?.(sts, sts) ?? []).map(fieldErrorMessage), [
    'status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas',
  ]);
  const printer = statefulsets.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Ready', 'Age', 'Containers', 'Images']);
  assert.deepEqual(printer.cells(sts, NOW), ['db', '1/3', '2d', 'postgres', 'postgres:16']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { ReplicaSet } from '../../../../api/types/apps/v1/index.ts';
import { replicasets } from './strategy.ts';

const NOW = Date.parse('2024-05-01T12:00:00Z');

function replicaSet(spec: Partial<NonNullable<ReplicaSet['spec']>> = {}): ReplicaSet {
  return {
    metadata: { name: 'web-5d4f', namespace: 'default', creationTimestamp: '2024-04-30T12:00:00Z' },
    spec: {
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
      template: { metadata: { labels: { app: 'web', tier: 'a' } }, spec: { containers: [{ name: 'a', image: 'img:1' }, { name: 'b', image: 'img:2' }] } },
      ...spec,
    },
  };
}

function defaulted(rs: ReplicaSet): ReplicaSet {
  const copy = jsonClone(rs);
  replicasets.strategy.defaults?.(copy);
  return copy;
}

test('replicaset defaults to one replica and defaults its template', () => {
  const rs = defaulted(replicaSet());
  assert.equal(rs.spec?.replicas, 1);
  assert.equal(rs.spec?.template?.spec?.dnsPolicy, 'ClusterFirst');
  assert.equal(defaulted(replicaSet({ replicas: 0 })).spec?.replicas, 0);
});

test('replicaset validation and update rules', () => {
  const cases: [string, ReplicaSet, string[]][] = [
    ['valid', replicaSet(), []],
    ['negative', replicaSet({ replicas: -2, minReadySeconds: -1 }), [
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['bad operator', replicaSet({ selector: { matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] } }), [
      'spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"Gt", Values:[]string{"1"}}}}: invalid label selector',
    ]],
    ['activeDeadlineSeconds', replicaSet({ template: { metadata: { labels: { app: 'web', tier: 'b' } }, spec: { activeDeadlineSeconds: 5, containers: [{ name: 'a', image: 'i' }] } } }),
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported']],
  ];
  for (const [name, input, want] of cases) {
    assert.deepEqual((replicasets.strategy.validate?.(defaulted(input)) ?? []).map(fieldErrorMessage), want, name);
  }
  const old = defaulted(replicaSet());
  const scaled = defaulted(replicaSet({ replicas: 5 }));
  assert.deepEqual(replicasets.strategy.validateUpdate?.(scaled, old), []);
  const reselected = defaulted(replicaSet({ selector: { matchLabels: { app: 'web' } } }));
  assert.deepEqual((replicasets.strategy.validateUpdate?.(reselected, old) ?? []).map(fieldErrorMessage), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  ]);
});

test('replicaset create clears status to zero replicas; status counts are bounded', () => {
  const rs = defaulted(replicaSet());
  rs.status = { replicas: 9 };
  replicasets.strategy.prepareForCreate?.(rs);
  assert.deepEqual(rs.status, { replicas: 0 });
  const next = jsonClone(rs);
  next.status = { replicas: 1, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: -1 };
  assert.deepEqual((replicasets.status?.validateUpdate?.(next, rs) ?? []).map(fieldErrorMessage), [
    'status.observedGeneration: Invalid value: -1: must be greater than or equal to 0',
    'status.fullyLabeledReplicas: Invalid value: 2: cannot be greater than status.replicas',
  ]);
  assert.deepEqual(replicasets.strategy.selectableFields?.(next), { 'status.replicas': '1' });
});

test('replicaset printer: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR', () => {
  const printer = replicasets.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
  const rs = defaulted(replicaSet({ replicas: 3 }));
  rs.status = { replicas: 3, readyReplicas: 1 };
  assert.deepEqual(printer.cells(rs, NOW), ['web-5d4f', 3, 3, 1, '24h', 'a,b', 'img:1,img:2', 'app=web,tier in (a,b)']);
  assert.equal(printer.cells(replicaSet({ selector: {} }), NOW)[7], '<none>');
});

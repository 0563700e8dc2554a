import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { ResourceQuota, ResourceQuotaSpec } from '../../../../api/types/core/v1/index.ts';
import { resourceQuotaPrinter } from './printer.ts';
import { resourcequotas } from './strategy.ts';

const quota = (spec: ResourceQuotaSpec, status?: ResourceQuota['status']): ResourceQuota =>
  ({ metadata: { name: 'q', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, spec, ...(status === undefined ? {} : { status }) });

test('validation, with upstream messages', () => {
  const validate = resourcequotas.strategy.validate ?? ((): never[] => []);
  const cases: Array<{ name: string; q: ResourceQuota; want: string[] }> = [
    { name: 'valid', q: quota({ hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '4Gi', 'count/deployments.apps': '5', 'example.com/gpu': '1', 'requests.storage': '10Gi' } }), want: [] },
    { name: 'negative', q: quota({ hard: { 'requests.cpu': '-1' } }), want: ['spec.hard[requests.cpu]: Invalid value: "-1": must be greater than or equal to 0'] },
    { name: 'counts are whole', q: quota({ hard: { pods: '1500m' } }), want: ['spec.hard[pods]: Invalid value: 1500m: must be an integer'] },
    {
      name: 'unknown resource',
      q: quota({ hard: { widgets: '1' } }),
      want: ['spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified', 'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota'],
    },
    { name: 'storage alone is not a quota resource', q: quota({ hard: { storage: '1Gi' } }), want: ['spec.hard[storage]: Invalid value: "storage": must be a standard resource for quota'] },
    { name: 'scope applies to pods', q: quota({ hard: { pods: '1' }, scopes: ['BestEffort'] }), want: [] },
    { name: 'scope on the wrong resource', q: quota({ hard: { 'requests.cpu': '1' }, scopes: ['BestEffort'] }), want: ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource'] },
    {
      name: 'conflicting scopes',
      q: quota({ hard: { pods: '1' }, scopes: ['Terminating', 'NotTerminating'] }),
      want: ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes'],
    },
    {
      name: 'scope selector',
      q: quota({ hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }, { scopeName: 'BestEffort', operator: 'In', values: ['x'] }] } }),
      want: [
        "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
        "spec.scopeSelector.matchExpressions.operator: Invalid value: \"In\": must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
      ],
    },
    { name: 'status too', q: quota({}, { used: { pods: '-1' } }), want: ['status.used[pods]: Invalid value: "-1": must be greater than or equal to 0'] },
  ];
  for (const c of cases) assert.deepEqual(validate(c.q).map(fieldErrorMessage), c.want, c.name);
  const update = resourcequotas.strategy.validateUpdate ?? ((): never[] => []);
  assert.deepEqual(update(quota({ hard: { pods: '1' }, scopes: ['NotBestEffort'] }), quota({ hard: { pods: '1' } })).map(fieldErrorMessage),
    ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"NotBestEffort"}: field is immutable']);
});

test('create clears the status', () => {
  const q = quota({ hard: { pods: '1' } }, { used: { pods: '1' } });
  resourcequotas.strategy.prepareForCreate?.(q);
  assert.deepEqual(q.status, {});
  assert.deepEqual([resourcequotas.shortNames, resourcequotas.status !== undefined], [['quota'], true]);
});

test('printer: used/hard per resource, limits apart', () => {
  assert.deepEqual(resourceQuotaPrinter.columns.map((c) => c.name), ['Name', 'Age', 'Request', 'Limit']);
  const q = quota({}, {
    hard: { pods: '10', 'limits.memory': '2Gi', 'requests.cpu': '1000m', 'limits.cpu': '2', configmaps: '5' },
    used: { pods: '3', 'limits.memory': '512Mi', 'requests.cpu': '250m' },
  });
  assert.deepEqual(resourceQuotaPrinter.cells(q, Date.parse('2026-01-01T00:05:00Z')),
    ['q', '5m', 'configmaps: 0/5, pods: 3/10, requests.cpu: 250m/1', 'limits.cpu: 0/2, limits.memory: 512Mi/2Gi']);
  assert.deepEqual(resourceQuotaPrinter.cells(quota({}), 0).slice(2), ['', '']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigMap } from '../../types/core/v1/index.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { FieldSet } from './field-set.ts';
import { fieldElement } from './path-element.ts';
import { applyOk, at, deploymentConfig, deploymentScope, stored, summary, T0, update, withChanges, type Obj } from './testing.ts';
import { managerOrUserAgent, trackUpdate } from './update-tracking.ts';

const cmScope = { shape: ConfigMap, apiVersion: 'v1' } as const;
const configMap = (data: Record<string, string>, labels: Record<string, string> = { 'test-label': 'test' }): Obj => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'test-cm', namespace: 'default', labels }, data,
});

test('an Update after an Apply: the updater owns what it changed, the applier keeps the rest (upstream TestApplyManagedFields)', () => {
  const applied = applyOk({ ...cmScope, manager: 'apply_test', applied: configMap({ key: 'value' }) });
  const live = stored(applied.object);
  const first = update(live, withChanges(live, (o) => { (o['data'] as Obj)['new-key'] = 'value'; }), 'updater', T0 + 1000, cmScope);
  const second = update(first, withChanges(first, (o) => { (o['data'] as Obj)['key'] = 'new value'; }), 'updater', T0 + 2000, cmScope);
  assert.deepEqual(at(second, 'metadata.managedFields'), [
    { manager: 'apply_test', operation: 'Apply', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:test-label': {} } } } },
    { manager: 'updater', operation: 'Update', apiVersion: 'v1', time: '2024-05-01T10:00:02Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:key': {}, 'f:new-key': {} } } },
  ]);
});

test('create: the creator owns every field it set, lists and maps it added as a whole too', () => {
  const created = update(undefined, {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'd', namespace: 'default', labels: { app: 'x' }, creationTimestamp: '2024-05-01T10:00:00Z', uid: 'u', generation: 1, resourceVersion: '1' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'A', value: '1' }] }] } } },
  }, 'kubectl-create');
  assert.deepEqual(summary(created), [
    String.raw`kubectl-create/Update: {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:env":{".":{},"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:resources":{}}}}}}}`,
  ]);
});

test('an Update entry per manager and version; a write that changes nothing keeps the entry as it was', () => {
  const live = stored(applyOk({ applied: deploymentConfig() }).object);
  const one = update(live, withChanges(live, (o) => { (o['spec'] as Obj)['paused'] = true; }), 'kubectl-edit', T0 + 1000);
  const same = update(one, structuredClone(one), 'kubectl-edit', T0 + 9000);
  assert.deepEqual(at(same, 'metadata.managedFields'), at(one, 'metadata.managedFields'));
  const viaScale = update(one, withChanges(one, (o) => { (o['spec'] as Obj)['replicas'] = 9; }), 'kubectl-scale', T0 + 2000, { subresource: 'scale' });
  assert.deepEqual(summary(viaScale).slice(1), [
    'kubectl-edit/Update: {"f:spec":{"f:paused":{}}}',
    'kubectl-scale/Update/scale: {"f:spec":{"f:replicas":{}}}',
  ]);
  // The applier lost replicas to the scaler.
  assert.doesNotMatch(summary(viaScale)[0] ?? '', /f:replicas/);
});

test('removed fields leave every manager', () => {
  const live = stored(applyOk({ ...cmScope, applied: configMap({ a: '1', b: '2' }) }).object);
  const r = update(live, withChanges(live, (o) => { delete (o['data'] as Obj)['a']; }), 'editor', T0 + 1000, cmScope);
  assert.deepEqual(summary(r), ['apply_test/Apply: {"f:data":{"f:b":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}']);
});

test('managedFields sent with a write replace the stored ones; [] or [{}] reset tracking', () => {
  const live = stored(applyOk({ ...cmScope, applied: configMap({ a: '1' }) }).object);
  // A client rewrites the entries (renaming the manager): they are taken as given.
  const renamed = withChanges(live, (o) => { for (const e of (o['metadata'] as Obj)['managedFields'] as ManagedFieldsEntry[]) e.manager = 'multi_manager'; });
  assert.deepEqual(summary(update(live, renamed, 'x', T0 + 1000, cmScope)), ['multi_manager/Apply: {"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}']);
  for (const reset of [[], [{}]]) {
    const cleared = update(live, withChanges(live, (o) => { (o['metadata'] as Obj)['managedFields'] = reset; }), 'x', T0 + 1000, cmScope);
    assert.equal(at(cleared, 'metadata.managedFields'), undefined);
    // An existing object without entries is not tracked by later updates.
    const later = update(cleared, withChanges(cleared, (o) => { (o['data'] as Obj)['b'] = '2'; }), 'y', T0 + 2000, cmScope);
    assert.equal(at(later, 'metadata.managedFields'), undefined);
  }
  // Broken entries in the request are ignored: the stored ones stay in force.
  const broken = withChanges(live, (o) => { (o['metadata'] as Obj)['managedFields'] = [{ manager: 'apply_test', operation: 'Apply', apiVersion: 'v1', fieldsType: '', fieldsV1: {} }]; });
  assert.deepEqual(summary(update(live, broken, 'x', T0 + 1000, cmScope)), summary(live));
});

test('writes through a subresource cannot change managedFields', () => {
  const live = stored(applyOk({ applied: deploymentConfig() }).object);
  const sneaky = withChanges(live, (o) => {
    (o['metadata'] as Obj)['managedFields'] = [{ manager: 'testing', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: {} }];
    o['status'] = { replicas: 1 };
  });
  const r = update(live, sneaky, 'update_managedfields_test', T0 + 1000, { subresource: 'status' });
  assert.deepEqual(summary(r), [summary(live)[0], 'update_managedfields_test/Update/status: {"f:status":{"f:replicas":{}}}']);
});

test('reset fields are neither compared nor owned', () => {
  const live = stored(applyOk({ applied: deploymentConfig() }).object);
  const after = withChanges(live, (o) => { o['status'] = { replicas: 3 }; (o['spec'] as Obj)['paused'] = true; });
  const entries = trackUpdate({ ...deploymentScope, before: live, after, manager: 'm', now: T0, resetFields: FieldSet.of([fieldElement('status')]) });
  assert.deepEqual(summary(entries).slice(1), ['m/Update: {"f:spec":{"f:paused":{}}}']);
});

test('more than ten Update managers: the oldest merge into "ancient-changes" (upstream TestApplyGroupsManySeparateUpdates)', () => {
  let obj = stored(applyOk({ ...cmScope, applied: configMap({}, { applier: 'true' }) }).object);
  for (let i = 0; i < 20; i++) {
    obj = update(obj, withChanges(obj, (o) => { ((o['metadata'] as Obj)['labels'] as Obj)[`updater${i}`] = 'new'; }), `updater${i}`, T0 + 1000 * (i + 1), cmScope);
  }
  const managers = (at(obj, 'metadata.managedFields') as ManagedFieldsEntry[]).map((e) => e.manager);
  assert.equal(managers.length, 11);
  assert.equal(managers[0], 'apply_test');
  assert.equal(managers[1], 'ancient-changes');
});

test('the manager of a write: ?fieldManager=, else the User-Agent up to its first "/"', () => {
  const cases: Array<[string | undefined, string | undefined, string]> = [
    ['kubectl-client-side-apply', 'kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0', 'kubectl-client-side-apply'],
    [undefined, 'kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0', 'kubectl'],
    ['', 'Go-http-client/2.0', 'Go-http-client'],
    [undefined, 'k8ts-controller-manager', 'k8ts-controller-manager'],
    [undefined, 'a\u0000b\tc/1', 'abc'],
    [undefined, 'x'.repeat(200), 'x'.repeat(128)],
    [undefined, undefined, ''],
  ];
  for (const [fieldManager, userAgent, want] of cases) assert.equal(managerOrUserAgent(fieldManager, userAgent), want);
});

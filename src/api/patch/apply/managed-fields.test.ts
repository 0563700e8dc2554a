import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { conflictError } from './conflicts.ts';
import { FieldSet } from './field-set.ts';
import {
  capUpdateManagers, decodeManagedFields, encodeManagedFields, isResetManagedFields, managerIdentifier, printManager, type Managed,
} from './managed-fields.ts';
import { fieldElement } from './path-element.ts';
import { ignoreManagedFieldsTimestamps } from './timestamps.ts';

const f = fieldElement;

function entry(manager: string, operation: string, extra: Partial<ManagedFieldsEntry> = {}): ManagedFieldsEntry {
  return { manager, operation, apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } }, ...extra };
}

test('manager identifiers: Apply entries without their version, Update entries with it', () => {
  assert.equal(managerIdentifier({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1' }), '{"manager":"kubectl","operation":"Apply"}');
  assert.equal(managerIdentifier({ manager: 'kubectl-edit', operation: 'Update', apiVersion: 'apps/v1' }), '{"manager":"kubectl-edit","operation":"Update","apiVersion":"apps/v1"}');
  assert.equal(managerIdentifier({ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', subresource: 'status' }), '{"manager":"kubelet","operation":"Update","apiVersion":"v1","subresource":"status"}');
  assert.equal(managerIdentifier({ manager: 'a<b', operation: 'Apply' }), String.raw`{"manager":"a\u003cb","operation":"Apply"}`);
});

test('decoding collapses entries with the same identifier, the last one winning', () => {
  const decoded = decodeManagedFields([
    entry('kubectl', 'Apply', { apiVersion: 'apps/v1beta1', fieldsV1: { 'f:spec': { 'f:paused': {} } } }),
    entry('kubectl', 'Apply'),
    entry('kubectl', 'Update'),
    entry('kubectl', 'Update', { apiVersion: 'apps/v1beta2' }),
  ]);
  assert.ok(decoded.ok);
  assert.deepEqual([...decoded.value.fields.keys()], [
    '{"manager":"kubectl","operation":"Apply"}',
    '{"manager":"kubectl","operation":"Update","apiVersion":"apps/v1"}',
    '{"manager":"kubectl","operation":"Update","apiVersion":"apps/v1beta2"}',
  ]);
  assert.equal(decoded.value.fields.get('{"manager":"kubectl","operation":"Apply"}')?.apiVersion, 'apps/v1');
});

test('decoding rejects what upstream rejects', () => {
  const cases: Array<[ManagedFieldsEntry, string]> = [
    [entry('m', 'Patch'), 'operation must be `Apply` or `Update`'],
    [entry('m', 'Apply', { apiVersion: '' }), 'apiVersion must not be empty'],
    [entry('m', 'Apply', { fieldsType: '' }), 'missing fieldsType in managed fields entry 0'],
    [entry('m', 'Apply', { fieldsType: 'FieldsV2' }), 'invalid fieldsType "FieldsV2" in managed fields entry 0'],
  ];
  for (const [e, message] of cases) assert.deepEqual(decodeManagedFields([e]), { ok: false, error: message });
  const bad = decodeManagedFields([entry('m', 'Apply', { fieldsV1: { 'no-colon': {} } })]);
  assert.ok(!bad.ok && bad.error.endsWith('error decoding set: parsing key as path element: missing colon: no-colon'));
});

test('encoding sorts Apply before Update, then by time, manager, version and subresource', () => {
  const managed: Managed = { fields: new Map(), times: new Map() };
  const set = FieldSet.of([f('spec'), f('replicas')]);
  const add = (id: string, apiVersion: string, applied: boolean, time?: string): void => {
    managed.fields.set(id, { set, apiVersion, applied });
    managed.times.set(id, time);
  };
  add(managerIdentifier({ manager: 'b', operation: 'Update', apiVersion: 'apps/v1' }), 'apps/v1', false, '2024-01-01T00:00:02Z');
  add(managerIdentifier({ manager: 'a', operation: 'Update', apiVersion: 'apps/v1' }), 'apps/v1', false, '2024-01-01T00:00:02Z');
  add(managerIdentifier({ manager: 'c', operation: 'Update', apiVersion: 'apps/v1' }), 'apps/v1', false, '2024-01-01T00:00:01Z');
  add(managerIdentifier({ manager: 'z', operation: 'Apply' }), 'apps/v1', true, '2024-01-01T00:00:09Z');
  add(managerIdentifier({ manager: 'k', operation: 'Update', apiVersion: 'apps/v1', subresource: 'status' }), 'apps/v1', false);
  const encoded = encodeManagedFields(managed);
  assert.deepEqual(encoded?.map((e) => `${e.operation} ${e.manager} ${e.time ?? '-'}${e.subresource === undefined ? '' : ' ' + e.subresource}`), [
    'Apply z 2024-01-01T00:00:09Z',
    'Update k - status',
    'Update c 2024-01-01T00:00:01Z',
    'Update a 2024-01-01T00:00:02Z',
    'Update b 2024-01-01T00:00:02Z',
  ]);
  assert.deepEqual(encoded?.[0], { manager: 'z', operation: 'Apply', apiVersion: 'apps/v1', time: '2024-01-01T00:00:09Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
  assert.equal(encodeManagedFields({ fields: new Map(), times: new Map() }), undefined);
});

test('reset requests: an empty list or one empty entry', () => {
  assert.equal(isResetManagedFields([]), true);
  assert.equal(isResetManagedFields([{}]), true);
  assert.equal(isResetManagedFields([{ manager: '' }]), true);
  assert.equal(isResetManagedFields(undefined), false);
  assert.equal(isResetManagedFields([{ manager: 'x' }]), false);
  assert.equal(isResetManagedFields([{}, {}]), false);
});

test('capping Update entries merges the oldest per version', () => {
  const managed: Managed = { fields: new Map(), times: new Map() };
  for (let i = 0; i < 5; i++) {
    const id = managerIdentifier({ manager: `u${i}`, operation: 'Update', apiVersion: 'v1' });
    managed.fields.set(id, { set: FieldSet.of([f(`field${i}`)]), apiVersion: 'v1', applied: false });
    managed.times.set(id, `2024-01-01T00:00:0${i}Z`);
  }
  capUpdateManagers(managed, 3);
  const encoded = encodeManagedFields(managed);
  assert.deepEqual(encoded?.map((e) => `${e.manager} ${e.time} ${Object.keys(e.fieldsV1 ?? {}).join(',')}`), [
    'ancient-changes 2024-01-01T00:00:02Z f:field0,f:field1,f:field2',
    'u3 2024-01-01T00:00:03Z f:field3',
    'u4 2024-01-01T00:00:04Z f:field4',
  ]);
});

test('conflict errors print managers as upstream does (upstream conflict_test cases)', () => {
  const replicas = [f('spec'), f('replicas')];
  const one = conflictError([{ manager: '{"manager":"foo","operation":"Update","apiVersion":"v1","time":"2001-02-03T04:05:06Z"}', path: replicas }]);
  assert.deepEqual(one.status, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'Apply failed with 1 conflict: conflict with "foo" using v1 at 2001-02-03T04:05:06Z: .spec.replicas',
    reason: 'Conflict',
    details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "foo" using v1 at 2001-02-03T04:05:06Z', field: '.spec.replicas' }] },
    code: 409,
  });
  const two = conflictError([
    { manager: '{"manager":"foo","operation":"Update","apiVersion":"v1","time":"2001-02-03T04:05:06Z"}', path: replicas },
    { manager: '{"manager":"bar","operation":"Apply"}', path: [f('metadata'), f('labels'), f('app')] },
  ]);
  assert.equal(two.status.message, 'Apply failed with 2 conflicts: conflicts with "bar":\n- .metadata.labels.app\nconflicts with "foo" using v1 at 2001-02-03T04:05:06Z:\n- .spec.replicas');
  assert.deepEqual(two.status.details?.causes?.map((c) => c.message), ['conflict with "foo" using v1 at 2001-02-03T04:05:06Z', 'conflict with "bar"']);
  assert.equal(printManager('{"manager":"foo","operation":"Update","subresource":"scale","apiVersion":"v1","time":"2001-02-03T04:05:06Z"}'),
    '"foo" with subresource "scale" using v1 at 2001-02-03T04:05:06Z');
  assert.equal(printManager('not json'), '"not json"');
});

test('timestamps alone do not change an object', () => {
  const old = { metadata: { name: 'x', managedFields: [entry('m', 'Apply', { time: '2024-01-01T00:00:00Z' })] }, spec: { replicas: 1 } };
  const bumped = { metadata: { name: 'x', managedFields: [entry('m', 'Apply', { time: '2024-01-01T00:00:05Z' })] }, spec: { replicas: 1 } };
  assert.deepEqual(ignoreManagedFieldsTimestamps(bumped, old), old);
  const changed = { ...bumped, spec: { replicas: 2 } };
  assert.equal(ignoreManagedFieldsTimestamps(changed, old), changed);
});

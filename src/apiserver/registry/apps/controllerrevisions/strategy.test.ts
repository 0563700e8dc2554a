import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { ControllerRevision } from '../../../../api/types/apps/v1/index.ts';
import { controllerrevisions } from './strategy.ts';

const NOW = Date.parse('2024-05-01T13:00:00Z');

function revision(fields: Partial<ControllerRevision> = {}): ControllerRevision {
  return {
    metadata: {
      name: 'fluentd-6d8f7', namespace: 'kube-system', creationTimestamp: '2024-05-01T12:00:00Z',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: 'u', controller: true }],
    },
    data: { spec: { template: { spec: {} } } },
    revision: 1,
    ...fields,
  };
}

test('controllerrevision: data is required and immutable, revision not negative', () => {
  const validate = (cr: ControllerRevision): string[] => (controllerrevisions.strategy.validate?.(cr) ?? []).map(fieldErrorMessage);
  assert.deepEqual(validate(revision()), []);
  const { data: _data, ...noData } = revision();
  assert.deepEqual(validate({ ...noData, revision: -1 }), [
    'data: Required value: data is mandatory',
    'revision: Invalid value: -1: must be greater than or equal to 0',
  ]);
  const update = (cr: ControllerRevision): string[] => (controllerrevisions.strategy.validateUpdate?.(cr, revision()) ?? []).map(fieldErrorMessage);
  assert.deepEqual(update(revision({ revision: 3 })), [], 'the revision number may change');
  assert.deepEqual(update(revision({ data: { spec: {} } })), ['data: Invalid value: {"spec":{}}: field is immutable']);
});

test('controllerrevision printer: NAME CONTROLLER REVISION AGE', () => {
  const printer = controllerrevisions.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Controller', 'Revision', 'Age']);
  assert.deepEqual(printer.cells(revision({ revision: 4 }), NOW), ['fluentd-6d8f7', 'daemonset.apps/fluentd', 4, '60m']);
  const orphan = revision();
  orphan.metadata = { ...orphan.metadata, ownerReferences: [] };
  assert.equal(printer.cells(orphan, NOW)[1], '<none>');
  const core = revision();
  core.metadata = { ...core.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }] };
  assert.equal(printer.cells(core, NOW)[1], 'pod/p');
});

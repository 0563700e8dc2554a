import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { StorageClass } from '../../../../api/types/storage/v1/index.ts';
import { IS_DEFAULT_CLASS_ANNOTATION } from './printer.ts';
import { storageclasses } from './strategy.ts';

function storageClass(fields: Partial<StorageClass> = {}): StorageClass {
  const sc: StorageClass = { metadata: { name: 'local-path', creationTimestamp: '2024-05-01T12:00:00Z' }, provisioner: 'rancher.io/local-path', ...fields };
  storageclasses.strategy.defaults?.(sc);
  return sc;
}

test('storageclass defaults: Delete and Immediate', () => {
  const sc = storageClass();
  assert.deepEqual([sc.reclaimPolicy, sc.volumeBindingMode], ['Delete', 'Immediate']);
  assert.equal(storageclasses.namespaced, false);
});

test('storageclass validation and immutability', () => {
  const validate = (sc: StorageClass): string[] => (storageclasses.strategy.validate?.(sc) ?? []).map(fieldErrorMessage);
  assert.deepEqual(validate(storageClass({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a', 'b'] }] }] })), []);
  assert.deepEqual(validate(storageClass({ provisioner: '' })), ['provisioner: Required value']);
  assert.match(validate(storageClass({ provisioner: 'Bad/Name/Here' }))[0] ?? '', /^provisioner: Invalid value: "bad\/name\/here": a qualified name must consist of/);
  assert.deepEqual(validate(storageClass({ reclaimPolicy: 'Recycle' })), ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']);
  assert.deepEqual(validate(storageClass({ volumeBindingMode: 'Later' as 'Immediate' })),
    ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"']);
  assert.deepEqual(validate(storageClass({ parameters: { '': 'x' } })), ['parameters: Invalid value: "": field can not be empty.']);
  assert.deepEqual(validate(storageClass({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: [] }] }] })),
    ['allowedTopologies[0].matchLabelExpressions[0].values: Required value']);
  const zone = { matchLabelExpressions: [{ key: 'zone', values: ['a', 'b'] }] };
  assert.deepEqual(validate(storageClass({ allowedTopologies: [zone, { matchLabelExpressions: [{ key: 'zone', values: ['b', 'a'] }] }] })),
    ['allowedTopologies[1].matchLabelExpressions: Duplicate value: ""']);
  const old = storageClass({ parameters: { type: 'ssd' } });
  const next = jsonClone(old);
  Object.assign(next, { provisioner: 'other.io/x', parameters: { type: 'hdd' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true });
  assert.deepEqual((storageclasses.strategy.validateUpdate?.(next, old) ?? []).map(fieldErrorMessage), [
    'parameters: Forbidden: updates to parameters are forbidden.',
    'provisioner: Forbidden: updates to provisioner are forbidden.',
    'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
    'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
  ]);
});

test('storageclass printer marks the default class', () => {
  const printer = storageclasses.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
  const sc = storageClass({ volumeBindingMode: 'WaitForFirstConsumer' });
  sc.metadata = { ...sc.metadata, annotations: { [IS_DEFAULT_CLASS_ANNOTATION]: 'true' } };
  assert.deepEqual(printer.cells(sc, Date.parse('2024-05-03T12:00:00Z')),
    ['local-path (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '2d']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Namespace } from '../../../../api/types/core/v1/index.ts';
import { namespaces } from './strategy.ts';

test('namespaces: created Active with the kubernetes finalizer; finalizers change only through finalize', () => {
  const ns: Namespace = { metadata: { name: 'a' }, status: { phase: 'Terminating' } };
  namespaces.strategy.prepareForCreate?.(ns);
  assert.deepEqual(ns.status, { phase: 'Active' });
  assert.deepEqual(ns.spec?.finalizers, ['kubernetes']);
  const update: Namespace = { metadata: { name: 'a' }, spec: { finalizers: [] } };
  namespaces.strategy.prepareForUpdate?.(update, ns);
  assert.deepEqual(update.spec?.finalizers, ['kubernetes'], 'a plain update keeps spec.finalizers');
  const finalized = namespaces.partialUpdates?.['finalize']?.({ spec: { finalizers: [] } }, ns);
  assert.deepEqual(finalized?.spec?.finalizers, []);
});

test('namespaces: deletion is held (and the namespace Terminating) while spec.finalizers remain', () => {
  const ns: Namespace = { metadata: { name: 'a' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
  assert.equal(namespaces.strategy.holdsDeletion?.(ns), true);
  assert.equal(ns.status?.phase, 'Terminating');
  assert.equal(namespaces.strategy.holdsDeletion?.({ metadata: { name: 'b' }, spec: { finalizers: [] } }), false);
});

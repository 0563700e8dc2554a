import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { Lease } from '../../../../api/types/coordination/v1/index.ts';
import { leases } from './strategy.ts';

function lease(spec: Lease['spec'] | undefined): Lease {
  const l: Lease = { metadata: { name: 'node-1', namespace: 'kube-node-lease', creationTimestamp: '2024-05-01T12:00:00Z' } };
  if (spec !== undefined) l.spec = spec;
  return l;
}

test('lease validation', () => {
  const validate = (l: Lease): string[] => (leases.strategy.validate?.(l) ?? []).map(fieldErrorMessage);
  const cases: [NonNullable<Lease['spec']>, string[]][] = [
    [{ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-05-01T12:00:00.000000Z' }, []],
    [{ leaseDurationSeconds: 0, leaseTransitions: -1 }, [
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    ]],
    [{ strategy: 'Newest' }, ['spec.strategy.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"']],
    [{ preferredHolder: 'me' }, ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined']],
  ];
  for (const [spec, want] of cases) assert.deepEqual(validate(lease(spec)), want, JSON.stringify(spec));
  assert.equal(leases.strategy.allowCreateOnUpdate, true);
});

test('lease create drops the coordinated leader election fields (feature off in 1.33)', () => {
  const l = lease({ holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' });
  leases.strategy.prepareForCreate?.(l);
  assert.deepEqual(l.spec, { holderIdentity: 'a' });
  const kept = lease({ strategy: 'OldestEmulationVersion' });
  leases.strategy.prepareForUpdate?.(kept, lease({ strategy: 'OldestEmulationVersion' }));
  assert.equal(kept.spec?.strategy, 'OldestEmulationVersion');
});

test('lease printer: NAME HOLDER AGE', () => {
  const printer = leases.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Holder', 'Age']);
  assert.deepEqual(printer.cells(lease({ holderIdentity: 'node-1' }), Date.parse('2024-05-01T12:00:40Z')), ['node-1', 'node-1', '40s']);
  assert.deepEqual(printer.cells(lease(undefined), Date.parse('2024-05-01T12:00:40Z')), ['node-1', '', '40s']);
});

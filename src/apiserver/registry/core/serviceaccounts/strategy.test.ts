import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceAccount } from '../../../../api/types/core/v1/index.ts';
import { serviceAccountPrinter } from './printer.ts';
import { serviceaccounts } from './strategy.ts';

test('secret references keep only their name', () => {
  const cases: Array<{ name: string; secrets: ServiceAccount['secrets']; want: ServiceAccount['secrets'] }> = [
    { name: 'none', secrets: undefined, want: undefined },
    { name: 'full references', secrets: [{ name: 'tok', namespace: 'default', uid: 'u', kind: 'Secret' }, { kind: 'Secret' }], want: [{ name: 'tok' }, {}] },
  ];
  for (const c of cases) {
    const sa: ServiceAccount = { metadata: { name: 'builder' }, ...(c.secrets === undefined ? {} : { secrets: c.secrets }) };
    serviceaccounts.strategy.prepareForCreate?.(sa);
    assert.deepEqual(sa.secrets, c.want, c.name);
    serviceaccounts.strategy.prepareForUpdate?.(sa, sa);
    assert.deepEqual(sa.secrets, c.want, c.name);
  }
});

test('resource description and printer', () => {
  assert.deepEqual(serviceaccounts.shortNames, ['sa']);
  assert.deepEqual(serviceaccounts.subresources, [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }]);
  assert.deepEqual(serviceaccounts.strategy.validateName('Bad', false).length, 1);
  assert.deepEqual(serviceAccountPrinter.columns.map((c) => c.name), ['Name', 'Secrets', 'Age']);
  const sa: ServiceAccount = { metadata: { name: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, secrets: [{ name: 'a' }, { name: 'b' }] };
  assert.deepEqual(serviceAccountPrinter.cells(sa, Date.parse('2026-01-03T00:00:00Z')), ['default', 2, '2d']);
  assert.deepEqual(serviceAccountPrinter.cells({ metadata: { name: 'x' } }, 0), ['x', 0, '<unknown>']);
});

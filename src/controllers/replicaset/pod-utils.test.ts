import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsEqual } from './pod-utils.ts';

test('labelsEqual compares label sets, not their key order', () => {
  const cases: Array<{ what: string; a: Record<string, string> | undefined; b: Record<string, string> | undefined; want: boolean }> = [
    { what: 'both absent', a: undefined, b: undefined, want: true },
    { what: 'absent and empty', a: undefined, b: {}, want: true },
    { what: 'same, other order', a: { app: 'web', tier: 'fe' }, b: { tier: 'fe', app: 'web' }, want: true },
    { what: 'another value', a: { app: 'web' }, b: { app: 'db' }, want: false },
    { what: 'one more label', a: { app: 'web' }, b: { app: 'web', tier: 'fe' }, want: false },
    { what: 'one fewer label', a: { app: 'web', tier: 'fe' }, b: { app: 'web' }, want: false },
    { what: 'absent and some', a: undefined, b: { app: 'web' }, want: false },
    { what: 'an empty value is a value', a: { app: '' }, b: {}, want: false },
  ];
  for (const c of cases) {
    assert.equal(labelsEqual(c.a, c.b), c.want, c.what);
    assert.equal(labelsEqual(c.b, c.a), c.want, `${c.what}, reversed`);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { ConfigMap } from '../../../../api/types/core/v1/index.ts';
import { configmaps } from './strategy.ts';

const messages = (errs: ReturnType<NonNullable<typeof configmaps.strategy.validate>>): string[] => errs.map(fieldErrorMessage);

test('configmaps: keys, duplicates across data and binaryData, total size', () => {
  const cases: Array<[ConfigMap, string[]]> = [
    [{ data: { 'a.b_c-d': 'x' } }, []],
    [{ data: { '..hidden': 'x' } }, [`data[..hidden]: Invalid value: "..hidden": must not start with '..'`]],
    [{ data: { dup: 'x' }, binaryData: { dup: 'eA==' } }, ['binaryData[dup]: Duplicate value: "dup"']],
    [{ data: { big: 'x'.repeat(1024 * 1024 + 1) } }, ['[]: Too long: may not be more than 1048576 bytes']],
  ];
  for (const [cm, expected] of cases) assert.deepEqual(messages(configmaps.strategy.validate?.(cm) ?? []), expected, JSON.stringify(cm).slice(0, 80));
});

test('configmaps: an immutable ConfigMap keeps its data and stays immutable', () => {
  const old: ConfigMap = { immutable: true, data: { a: '1' } };
  assert.deepEqual(messages(configmaps.strategy.validateUpdate?.({ immutable: true, data: { a: '1' }, metadata: { labels: { x: 'y' } } }, old) ?? []), []);
  assert.deepEqual(messages(configmaps.strategy.validateUpdate?.({ data: { a: '2' } }, old) ?? []), [
    'immutable: Forbidden: field is immutable when `immutable` is set',
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
});

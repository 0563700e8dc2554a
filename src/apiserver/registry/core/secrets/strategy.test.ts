import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { Secret } from '../../../../api/types/core/v1/index.ts';
import { secrets } from './strategy.ts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

test('secrets: stringData folds into data, type defaults to Opaque', () => {
  const secret: Secret = { metadata: { name: 's' }, data: { a: b64('old'), b: b64('keep') }, stringData: { a: 'new' } };
  secrets.strategy.defaults?.(secret);
  assert.deepEqual(secret, { metadata: { name: 's' }, type: 'Opaque', data: { a: b64('new'), b: b64('keep') } });
});

test('secrets: validation by type, keys and size', () => {
  const cases: Array<[Secret, string[]]> = [
    [{ type: 'Opaque', data: { 'ok.key': b64('x') } }, []],
    [{ type: 'Opaque', data: { 'bad key': b64('x') } }, [`data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`]],
    [{ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } }, ['data[tls.key]: Required value']],
    [{ type: 'kubernetes.io/basic-auth', data: {} }, ['data[username]: Required value']],
    [{ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{nope') } }, []],
  ];
  for (const [secret, expected] of cases) {
    const messages = (secrets.strategy.validate?.(secret) ?? []).map(fieldErrorMessage);
    if (secret.type === 'kubernetes.io/dockerconfigjson') assert.match(messages[0] ?? '', /^data\[\.dockerconfigjson\]: Invalid value: "<secret contents redacted>"/);
    else assert.deepEqual(messages, expected, JSON.stringify(secret));
  }
  const big: Secret = { type: 'Opaque', data: { big: b64('x'.repeat(1024 * 1024 + 1)) } };
  assert.deepEqual((secrets.strategy.validate?.(big) ?? []).map(fieldErrorMessage), ['data: Too long: may not be more than 1048576 bytes']);
});

test('secrets: type and immutable data may not change', () => {
  const old: Secret = { type: 'Opaque', immutable: true, data: { a: b64('1') } };
  const messages = (secrets.strategy.validateUpdate?.({ type: 'kubernetes.io/tls', immutable: true, data: { a: b64('2'), 'tls.crt': b64('c'), 'tls.key': b64('k') } }, old) ?? []).map(fieldErrorMessage);
  assert.deepEqual(messages, ['type: Invalid value: "kubernetes.io/tls": field is immutable', 'data: Forbidden: field is immutable when `immutable` is set']);
});

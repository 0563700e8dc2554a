// Secrets: stringData folded into data, type-specific required keys, 1 MiB at most, and the
// immutability rules shared with ConfigMaps.

import { forbidden, invalid, path, required, tooLong, type FieldError } from '../../../../api/field-errors.ts';
import { jsonEqual } from '../../../../api/json-equal.ts';
import { Secret, SecretList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { MAX_DATA_BYTES } from '../configmaps/strategy.ts';
import { validateDataKey } from '../configmaps/data-keys.ts';
import { secretPrinter } from './printer.ts';

/** Keys each built-in secret type must have (any one of the set where several are listed). */
const REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

function validateSecret(secret: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const data = secret.data ?? {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...validateDataKey(key, path('data').key(key)));
    total += Buffer.from(value, 'base64').length;
  }
  if (total > MAX_DATA_BYTES) errs.push(tooLong(path('data'), MAX_DATA_BYTES));
  const type = secret.type ?? 'Opaque';
  for (const key of REQUIRED_KEYS[type] ?? []) if (data[key] === undefined) errs.push(required(path('data').key(key)));
  if (type === 'kubernetes.io/basic-auth' && data['username'] === undefined && data['password'] === undefined) {
    errs.push(required(path('data').key('username')));
  }
  if (type === 'kubernetes.io/service-account-token' && (secret.metadata?.annotations?.['kubernetes.io/service-account.name'] ?? '') === '') {
    errs.push(required(path('metadata', 'annotations').key('kubernetes.io/service-account.name')));
  }
  for (const key of ['.dockercfg', '.dockerconfigjson']) {
    const value = data[key];
    if (value === undefined || !REQUIRED_KEYS[type]?.includes(key)) continue;
    try {
      JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    } catch (error) {
      errs.push(invalid(path('data').key(key), '<secret contents redacted>', error instanceof Error ? error.message : String(error)));
    }
  }
  return errs;
}

export const secrets: ResourceDef<Secret> = {
  group: '', version: 'v1', resource: 'secrets', singular: 'secret', kind: 'Secret', listKind: 'SecretList',
  namespaced: true, shape: Secret, listShape: SecretList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    defaults(secret) {
      secret.type ||= 'Opaque';
      // stringData is write-only: folded into data (winning over it), never stored.
      if (secret.stringData !== undefined) {
        const data = { ...secret.data };
        for (const [key, value] of Object.entries(secret.stringData)) data[key] = Buffer.from(value, 'utf8').toString('base64');
        secret.data = data;
        delete secret.stringData;
      }
    },
    validate: validateSecret,
    validateUpdate(secret, old) {
      const errs = validateSecret(secret);
      if ((secret.type ?? 'Opaque') !== (old.type ?? 'Opaque')) errs.push(invalid(path('type'), secret.type ?? '', 'field is immutable'));
      if (old.immutable === true) {
        if (secret.immutable !== true) errs.push(forbidden(path('immutable'), 'field is immutable when `immutable` is set'));
        if (!jsonEqual(secret.data ?? {}, old.data ?? {})) errs.push(forbidden(path('data'), 'field is immutable when `immutable` is set'));
      }
      return errs;
    },
  },
  printer: secretPrinter,
};

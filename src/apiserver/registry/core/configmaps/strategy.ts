// ConfigMaps: keys as upstream allows them, at most 1 MiB of data, and no change at all to
// the data of an immutable one.

import { duplicate, forbidden, path, tooLong, type FieldError } from '../../../../api/field-errors.ts';
import { ConfigMap, ConfigMapList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import { jsonEqual } from '../../../../api/json-equal.ts';
import type { ResourceDef } from '../../resource.ts';
import { dataPrinter } from './printer.ts';
import { validateDataKey } from './data-keys.ts';

export const MAX_DATA_BYTES = 1024 * 1024;

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    errs.push(...validateDataKey(key, path('data').key(key)));
    total += Buffer.byteLength(value);
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    errs.push(...validateDataKey(key, path('binaryData').key(key)));
    if (cm.data?.[key] !== undefined) errs.push(duplicate(path('binaryData').key(key), key));
    total += Buffer.from(value, 'base64').length;
  }
  if (total > MAX_DATA_BYTES) errs.push(tooLong(path(''), MAX_DATA_BYTES));
  return errs;
}

export const configmaps: ResourceDef<ConfigMap> = {
  group: '', version: 'v1', resource: 'configmaps', singular: 'configmap', kind: 'ConfigMap', listKind: 'ConfigMapList',
  namespaced: true, shortNames: ['cm'], shape: ConfigMap, listShape: ConfigMapList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    validate: validateConfigMap,
    validateUpdate(cm, old) {
      const errs = validateConfigMap(cm);
      if (old.immutable === true) {
        if (cm.immutable !== true) errs.push(forbidden(path('immutable'), 'field is immutable when `immutable` is set'));
        if (!jsonEqual(cm.data ?? {}, old.data ?? {})) errs.push(forbidden(path('data'), 'field is immutable when `immutable` is set'));
        if (!jsonEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(forbidden(path('binaryData'), 'field is immutable when `immutable` is set'));
      }
      return errs;
    },
  },
  printer: dataPrinter,
};



// Whether two strategic merge patches touch the same fields differently (upstream's
// MergingMapsHaveConflicts), for a three-way patch without overwrite: the patch from the
// last-applied to the new configuration against the changes made to the live object since.

import { jsonEqual } from '../json-equal.ts';
import { deduplicateScalars, elementType, isObject, PATCH, RETAIN_KEYS, sortScalars, type JsonObject } from './strategic-directives.ts';
import { goPrint, goTypeName, StrategicMergeError } from './strategic-errors.ts';
import { itemSchema, lookupField, objectSchema, type PatchSchema } from './strategic-schema.ts';

export function mergingMapsHaveConflicts(left: JsonObject, right: JsonObject, schema: PatchSchema): boolean {
  return valuesConflict(left, right, schema, '', '');
}

function valuesConflict(left: unknown, right: unknown, schema: PatchSchema, strategy: string, mergeKey: string): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    // A directive works on the whole map: one side having it, or a different one, conflicts.
    if ((PATCH in left || PATCH in right) && (PATCH in left !== PATCH in right || left[PATCH] !== right[PATCH])) return true;
    if (strategy === 'replace') return false;
    return mapsConflict(left, right, schema);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return listsConflict(left, right, schema, strategy, mergeKey);
  }
  return !jsonEqual(left, right);
}

function mapsConflict(left: JsonObject, right: JsonObject, schema: PatchSchema): boolean {
  for (const [key, value] of Object.entries(left)) {
    if (key === PATCH || key === RETAIN_KEYS || !(key in right)) continue;
    const meta = lookupField(schema, key);
    const nested = Array.isArray(value) || isObject(value);
    const sub = Array.isArray(value) ? itemSchema(meta.shape) : isObject(value) ? objectSchema(meta.shape) : undefined;
    if (valuesConflict(value, right[key], sub, nested ? meta.strategy : '', nested ? meta.mergeKey : '')) return true;
  }
  return false;
}

function listsConflict(left: unknown[], right: unknown[], schema: PatchSchema, strategy: string, mergeKey: string): boolean {
  const type = elementType(left, right);
  if (strategy === 'merge') {
    // Merging lists of scalars never conflict; lists of objects conflict item by item.
    if (type !== 'object') return false;
    const leftItems = byMergeKey(left, mergeKey);
    const rightItems = byMergeKey(right, mergeKey);
    for (const [key, item] of leftItems) {
      if (rightItems.has(key) && valuesConflict(item, rightItems.get(key), schema, '', '')) return true;
    }
    return false;
  }
  if (left.length !== right.length) return true;
  const l = type === 'object' ? left : sortScalars(deduplicateScalars(left));
  const r = type === 'object' ? right : sortScalars(deduplicateScalars(right));
  return l.some((item, i) => valuesConflict(item, r[i], schema, '', ''));
}

function byMergeKey(list: unknown[], mergeKey: string): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const item of list) {
    if (!isObject(item)) throw new StrategicMergeError(`invalid element type in merging list:${goPrint(list)}`);
    if (!(mergeKey in item)) throw new StrategicMergeError(`cannot find merge key \`${mergeKey}\` in merging list element:${goPrint(item)}`);
    const value = item[mergeKey];
    // Go's %s of the value: the text of a string, a marked-up form of anything else.
    out.set(typeof value === 'string' ? value : `%!s(${goTypeName(value)}=${goPrint(value)})`, item);
  }
  return out;
}

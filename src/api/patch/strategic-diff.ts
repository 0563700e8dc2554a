// The strategic merge patch that turns one object into another (upstream's diffMaps), the
// building block of the two- and three-way patches kubectl computes:
// - fields added or changed are set; fields removed are set to null;
// - merge lists of objects send changed and added items (with their merge key) and
//   `{<key>: …, $patch: delete}` for removed ones; merge lists of scalars send added values and
//   a parallel `$deleteFromPrimitiveList/<field>`; both send `$setElementOrder/<field>`;
// - other lists, and maps with the replace strategy, are sent whole when they differ;
// - under a retainKeys strategy, changed maps carry `$retainKeys`: the fields to keep.

import { jsonEqual } from '../json-equal.ts';
import {
  deduplicateScalars,
  DELETE_FROM_PRIMITIVE_LIST,
  elementType,
  isObject,
  jsonType,
  PATCH,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  sortScalars,
  compareScalars,
  type JsonObject,
} from './strategic-directives.ts';
import { errBadArgType, errNoMergeKey, StrategicMergeError } from './strategic-errors.ts';
import { goSort } from './go-sort.ts';
import { normalizeSliceOrder, sameItem } from './strategic-order.ts';
import { itemSchema, lookupField, objectSchema, type PatchSchema } from './strategic-schema.ts';

export interface DiffOptions {
  /** Emit $setElementOrder for merged lists. */
  readonly setElementOrder?: boolean;
  /** Leave out additions and changes (keep only deletions). */
  readonly ignoreChangesAndAdditions?: boolean;
  /** Leave out deletions (keep only additions and changes). */
  readonly ignoreDeletions?: boolean;
  /** Emit $retainKeys for this map (set from the parent field's retainKeys strategy). */
  readonly buildRetainKeys?: boolean;
}

/** The patch from `original` to `modified`, both maps of schema `schema`. Inputs are not changed. */
export function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retained: string[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeys === true && modifiedValue !== null) retained.push(key);
    if (!(key in original)) {
      if (options.ignoreChangesAndAdditions !== true) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === PATCH) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw new StrategicMergeError(`invalid value for special key: ${PATCH}`);
      if (originalValue !== modifiedValue) patch[PATCH] = modifiedValue;
      continue;
    }
    if (jsonType(originalValue) !== jsonType(modifiedValue)) {
      if (options.ignoreChangesAndAdditions !== true) patch[key] = modifiedValue;
      continue;
    }
    if (isObject(originalValue)) diffMapField(key, originalValue, modifiedValue as JsonObject, patch, schema, options);
    else if (Array.isArray(originalValue)) diffListField(key, originalValue, modifiedValue as unknown[], patch, schema, options);
    else replaceIfChanged(key, originalValue, modifiedValue, patch, options);
  }
  if (options.ignoreDeletions !== true) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  // $retainKeys goes out when something changed, or when the original has fields to clear.
  if (retained.length > 0 && (Object.keys(patch).length > 0 || hasExtraField(original, modified))) {
    patch[RETAIN_KEYS] = sortScalars(retained);
  }
  return patch;
}

function hasExtraField(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([key, value]) => value !== null && !(key in modified));
}

function replaceIfChanged(key: string, original: unknown, modified: unknown, patch: JsonObject, options: DiffOptions): void {
  if (options.ignoreChangesAndAdditions !== true && !jsonEqual(original, modified)) patch[key] = modified;
}

function diffMapField(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, schema: PatchSchema, options: DiffOptions): void {
  const meta = lookupField(schema, key);
  if (meta.strategy === 'replace') {
    // Sent whole, changed or not (as upstream does).
    if (options.ignoreChangesAndAdditions !== true) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, objectSchema(meta.shape), { ...options, buildRetainKeys: meta.retainKeys });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function diffListField(key: string, original: unknown[], modified: unknown[], patch: JsonObject, schema: PatchSchema, options: DiffOptions): void {
  const meta = lookupField(schema, key);
  if (meta.strategy !== 'merge') {
    replaceIfChanged(key, original, modified, patch, options);
    return;
  }
  const [add, remove, order] = diffLists(original, modified, itemSchema(meta.shape), meta.mergeKey, { ...options, buildRetainKeys: meta.retainKeys });
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = remove;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

/** For a merge list: the patch list, the scalars to delete, and the $setElementOrder list. */
function diffLists(original: unknown[], modified: unknown[], schema: PatchSchema, mergeKey: string, options: DiffOptions): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions === true) return [[], [], []];
    return [modified, [], []];
  }
  // Lists of lists are refused here (the API has none).
  const type = elementType(original, modified);
  if (type === 'object') {
    const [changed, deletions] = diffListsOfMaps(original, modified, schema, mergeKey, options);
    const patchList = [...normalizeSliceOrder(changed, modified, mergeKey, true), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    const wantOrder =
      (options.ignoreChangesAndAdditions !== true && (patchList.length > 0 || !orderSame)) ||
      (options.ignoreDeletions !== true && patchList.length > 0);
    const order = options.setElementOrder === true && wantOrder ? modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] })) : [];
    return [patchList, [], order];
  }
  const [added, deletions] = diffListsOfScalars(original, modified, options);
  const patchList = normalizeSliceOrder(added, modified, mergeKey, false);
  // Upstream sorts the original list in place while diffing it, and only then asks whether the
  // list changed: an unchanged list not in %v order gets a $setElementOrder, and a list merely
  // put into that order gets none. Kept, so that patches are what kubectl sends.
  const wantOrder =
    (options.ignoreDeletions !== true && deletions.length > 0) ||
    (options.ignoreChangesAndAdditions !== true && !jsonEqual(sortScalars(original), modified));
  return [patchList, deletions, options.setElementOrder === true && wantOrder ? modified : []];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((item, i) => sameItem(original[i], item, mergeKey));
}

/** Walks both lists sorted by %v text: values only in modified are added, only in original deleted. */
function diffListsOfScalars(original: unknown[], modified: unknown[], options: DiffOptions): [unknown[], unknown[]] {
  const from = sortScalars(original);
  const to = sortScalars(modified);
  const added: unknown[] = [];
  const deleted: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const c = i < from.length && j < to.length ? compareScalars(from[i], to[j]) : i < from.length ? -1 : 1;
    if (c === 0) {
      i++;
      j++;
    } else if (c < 0) {
      if (options.ignoreDeletions !== true) deleted.push(from[i]);
      i++;
    } else {
      if (options.ignoreChangesAndAdditions !== true) added.push(to[j]);
      j++;
    }
  }
  return [added, deduplicateScalars(deleted)];
}

/** Walks both lists sorted by merge key: matching items are diffed, others added or deleted. */
function diffListsOfMaps(original: unknown[], modified: unknown[], schema: PatchSchema, mergeKey: string, options: DiffOptions): [JsonObject[], JsonObject[]] {
  const from = sortByMergeKey(original, mergeKey);
  const to = sortByMergeKey(modified, mergeKey);
  const patch: JsonObject[] = [];
  const deletions: JsonObject[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const o = i < from.length ? keyed(from[i], mergeKey) : undefined;
    const m = j < to.length ? keyed(to[j], mergeKey) : undefined;
    const c = o !== undefined && m !== undefined ? compareScalars(o.key, m.key) : o !== undefined ? -1 : 1;
    if (c === 0 && o !== undefined && m !== undefined) {
      const value = diffMaps(o.item, m.item, schema, options);
      if (Object.keys(value).length > 0) patch.push({ ...value, [mergeKey]: m.key });
      i++;
      j++;
    } else if (c > 0 && m !== undefined) {
      if (options.ignoreChangesAndAdditions !== true) patch.push(m.item);
      j++;
    } else if (o !== undefined) {
      if (options.ignoreDeletions !== true) deletions.push({ [mergeKey]: o.key, [PATCH]: 'delete' });
      i++;
    }
  }
  return [patch, deletions];
}

function keyed(item: unknown, mergeKey: string): { item: JsonObject; key: unknown } {
  if (!isObject(item)) throw errBadArgType(false, item);
  if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
  return { item, key: item[mergeKey] };
}

function sortByMergeKey(list: unknown[], mergeKey: string): unknown[] {
  if (list.length === 0) return list;
  if (elementType(list) !== 'object') return sortScalars(deduplicateScalars(list));
  return goSort([...list], (a, b) => compareScalars((a as JsonObject)[mergeKey], (b as JsonObject)[mergeKey]) <= 0);
}

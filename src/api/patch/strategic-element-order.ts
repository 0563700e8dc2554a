// $setElementOrder/<field>: the patch states the final order of a merged list, naming every
// item it wants (by merge key, or by value for scalars). The list is merged with its patch
// list here, before the other fields of the map, and ordered: named items in the stated order,
// items only the live list has kept in their live place among them.

import { jsonEqual } from '../json-equal.ts';
import {
  elementType,
  isObject,
  parallelListField,
  PATCH,
  removeDirectives,
  SET_ELEMENT_ORDER,
  type JsonObject,
} from './strategic-directives.ts';
import { errBadArgType, errBadSetElementOrder } from './strategic-errors.ts';
import { mergeListField, type MergeContext } from './strategic-lists.ts';
import { normalizeElementOrder, partitionByPresence, validateSetElementOrder } from './strategic-order.ts';
import { itemSchema, lookupField, type PatchSchema } from './strategic-schema.ts';

/**
 * Handles every $setElementOrder key of `patch`: removes it and its list from the patch, and
 * stores the merged, ordered list in `original`. When merging two patches rather than applying
 * one, the directive is also carried over into `original` (both patches must agree on it).
 * Mutates both maps.
 */
export function applySetElementOrder(original: JsonObject, patch: JsonObject, schema: PatchSchema, ctx: MergeContext, path: string): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!ctx.options.mergeParallelList) {
      if (key in original) {
        if (!jsonEqual(original[key], order)) throw errBadSetElementOrder();
      } else {
        original[key] = order;
      }
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType(true, order);
    const field = parallelListField(key, SET_ELEMENT_ORDER);
    const inOriginal = field in original;
    const inPatch = field in patch;
    const originalList = listAt(original, field, inOriginal);
    const patchList = listAt(patch, field, inPatch);
    const meta = lookupField(schema, field);
    validateSetElementOrder(patchList, order, meta.mergeKey);

    let merged: unknown[];
    if (inOriginal && !inPatch) merged = originalList;
    else if (!inOriginal && inPatch) merged = removeDirectives(patchList, ctx.options.mergeParallelList) as unknown[];
    else if (inOriginal && inPatch) merged = mergeListField(originalList, patchList, itemSchema(meta.shape), meta, false, ctx, path === '' ? field : `${path}.${field}`);
    else continue;

    const objects = elementType(originalList, patchList) === 'object';
    const liveOrder = inOriginal && inPatch && objects && meta.strategy === 'merge' ? liveViewAfterMerge(originalList, patchList, meta.mergeKey) : originalList;
    const [named, others] = partitionByPresence(merged, order, meta.mergeKey);
    original[field] = normalizeElementOrder(named, others, order, liveOrder, meta.mergeKey, objects);
    delete patch[field];
  }
}

/**
 * The live list as upstream's $setElementOrder step still sees it after merging a patch list
 * into it by key. Go deletes an item by shifting the rest left within the same array, and
 * appends new items into the room that leaves, so its view of the original list (still of the
 * original length) shows the items left, then the first appended items, then stale copies.
 * That view is the "live order" the step interleaves server-only items by.
 */
function liveViewAfterMerge(original: readonly unknown[], patch: readonly unknown[], mergeKey: string): unknown[] {
  const view = [...original];
  const current = [...original];
  const find = (value: unknown): number => current.findIndex((item) => isObject(item) && mergeKey in item && item[mergeKey] === value);
  let replaced = false;
  const plain: JsonObject[] = [];
  for (const item of patch) {
    if (!isObject(item)) return view;
    if (!(PATCH in item)) plain.push(item);
    else if (item[PATCH] === 'replace') replaced = true;
    else if (item[PATCH] === 'delete') {
      for (let at = find(item[mergeKey]); at >= 0; at = find(item[mergeKey])) {
        view.copyWithin(at, at + 1, current.length);
        current.splice(at, 1);
      }
    }
  }
  // With $patch: replace the patch items become a new list; the live array gets no appends.
  if (replaced) return view;
  for (const item of plain) {
    if (find(item[mergeKey]) >= 0) continue;
    current.push(item);
    if (current.length <= view.length) view[current.length - 1] = item;
  }
  return view;
}

function listAt(map: JsonObject, field: string, present: boolean): unknown[] {
  if (!present) return [];
  const value = map[field];
  if (!Array.isArray(value)) throw errBadArgType(true, value);
  return value;
}

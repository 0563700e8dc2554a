// Merging a patch list into a live list, by the field's patch strategy:
// - `merge` with a merge key: items are matched by the key and merged as maps; unmatched patch
//   items are added; `$patch: delete` items delete every item with that key; a
//   `$patch: replace` item makes the rest of the patch list replace the list;
// - `merge` on scalars: the union, without repeats;
// - anything else: the patch list replaces the list.
// The merged list is then ordered (strategic-order.ts): the items the patch names in patch
// order, the others in live order among them. An added item has no live place and so goes
// before the live items after it — upstream's order, surprising as it is ([a] + [c] → [c, a]).

import { deduplicateScalars, elementType, PATCH, stripDirectiveKeys, type JsonObject } from './strategic-directives.ts';
import { errBadPatchType, errNoMergeKey, StrategicMergeError } from './strategic-errors.ts';
import { findByMergeKey, normalizeElementOrder, partitionByPresence } from './strategic-order.ts';
import type { FieldPatchMeta, PatchSchema } from './strategic-schema.ts';

export interface MergeOptions {
  /**
   * Apply $deleteFromPrimitiveList and $setElementOrder (the server applying a patch), rather
   * than carry them over into the result (merging two patches into one, as the three-way
   * patch is built). Applying also cleans what it stores: no directive keys are kept.
   */
  readonly mergeParallelList: boolean;
  /** Drop nulls that match nothing in the original, rather than keep them (a patch's deletions). */
  readonly ignoreUnmatchedNulls: boolean;
}

export interface MergeContext {
  readonly options: MergeOptions;
  /** Merges a patch map into an original map (the map merge, passed in to keep files acyclic). */
  mergeMap(original: JsonObject, patch: JsonObject, schema: PatchSchema, path: string): JsonObject;
}

/** The field's value after merging `patch` into `original`, both lists. */
export function mergeListField(
  original: unknown[],
  patch: unknown[],
  schema: PatchSchema,
  meta: FieldPatchMeta,
  isDeleteList: boolean,
  ctx: MergeContext,
  path: string,
): unknown[] {
  // A deletion list applies whatever the field's strategy.
  if (meta.strategy === 'merge' || isDeleteList) return mergeList(original, patch, schema, meta.mergeKey, isDeleteList, ctx, path);
  return ctx.options.mergeParallelList ? (stripDirectiveKeys(patch) as unknown[]) : patch;
}

function mergeList(
  original: unknown[],
  patch: unknown[],
  schema: PatchSchema,
  mergeKey: string,
  isDeleteList: boolean,
  ctx: MergeContext,
  path: string,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const type = elementType(original, patch);
  let merged: unknown[];
  if (type !== 'object') {
    if (ctx.options.mergeParallelList && isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new StrategicMergeError(`cannot merge lists without merge key for ${schema?.kind ?? 'interface'}`);
    [original, patch] = applySpecialItems(original, patch as JsonObject[], mergeKey, ctx.options.mergeParallelList);
    merged = mergeItems(original, patch as JsonObject[], mergeKey, schema, ctx, path);
  }
  const key = type === 'object' ? mergeKey : '';
  const [patchItems, serverOnly] = partitionByPresence(merged, patch, key);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, key, type === 'object');
}

/**
 * Applies the `$patch` items of a patch list of objects: deletes, or replace (the other patch
 * items become the list, cleaned of directives when `clean`). Returns the original list left
 * and the patch items left to merge.
 */
function applySpecialItems(original: unknown[], patch: JsonObject[], mergeKey: string, clean: boolean): [unknown[], JsonObject[]] {
  const plain: JsonObject[] = [];
  let replace = false;
  for (const item of patch) {
    if (!(PATCH in item)) {
      plain.push(item);
      continue;
    }
    switch (item[PATCH]) {
      case 'delete': {
        if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
        const value = item[mergeKey];
        for (let at = findByMergeKey(original, mergeKey, value); at >= 0; at = findByMergeKey(original, mergeKey, value)) {
          original = [...original.slice(0, at), ...original.slice(at + 1)];
        }
        break;
      }
      case 'replace':
        // The other $patch items are still checked.
        replace = true;
        break;
      case 'merge':
        throw new StrategicMergeError('merging lists cannot yet be specified in the patch');
      default:
        throw errBadPatchType(item[PATCH], item);
    }
  }
  if (!replace) return [original, plain];
  return [clean ? (stripDirectiveKeys(plain) as JsonObject[]) : plain, []];
}

/** Merges each patch item into the original item with its merge key, or appends it. */
function mergeItems(original: unknown[], patch: JsonObject[], mergeKey: string, schema: PatchSchema, ctx: MergeContext, path: string): unknown[] {
  const merged = [...original];
  for (const item of patch) {
    if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    const at = findByMergeKey(merged, mergeKey, item[mergeKey]);
    if (at >= 0) {
      merged[at] = ctx.mergeMap(merged[at] as JsonObject, item, schema, `${path}[${at}]`);
    } else {
      merged.push(ctx.options.mergeParallelList ? stripDirectiveKeys(item) : item);
    }
  }
  return merged;
}

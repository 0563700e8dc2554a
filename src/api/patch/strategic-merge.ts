// Strategic merge patch (application/strategic-merge-patch+json), applied as upstream's
// k8s.io/apimachinery/pkg/util/strategicpatch applies it on the server: a JSON merge patch
// whose lists merge by the schema's patch strategy and merge key, with directives ($patch,
// $retainKeys, $setElementOrder/…, $deleteFromPrimitiveList/…) for what merging alone cannot
// say. See strategic-lists.ts for lists and strategic-directives.ts for the directives.
//
// Checked against upstream's own code (v0.33) on tens of thousands of generated patches. Where
// upstream walks a patch map in Go's random order (a list and its $deleteFromPrimitiveList in
// one map; two errors in one patch) we walk it in key order, which gives one of its results.
// Deliberate differences, all about what upstream would leave for its decoder to refuse:
// - content the schema does not know (unknown fields, `raw`) merges as JSON merge patch plus
//   $patch, where upstream fails with "unable to find api field";
// - directive keys are never stored: upstream keeps, say, a `$retainKeys` inside a new map;
// - a patched value of the wrong kind for a list, struct or map field fails here (422), with
//   the words of the decoding error upstream then answers with.

import { jsonClone, jsonEqual } from '../json-equal.ts';
import type { StructShape } from '../schema/shape.ts';
import {
  DELETE_FROM_PRIMITIVE_LIST,
  discardNulls,
  isObject,
  isParallelKey,
  jsonType,
  parallelListField,
  PATCH,
  removeDirectives,
  RETAIN_KEYS,
  stripDirectiveKeys,
  type JsonObject,
} from './strategic-directives.ts';
import { applySetElementOrder } from './strategic-element-order.ts';
import { errBadPatchType, errBadRetainKeys, goPrint, StrategicMergeError } from './strategic-errors.ts';
import { mergeListField, type MergeContext, type MergeOptions } from './strategic-lists.ts';
import { checkValueKind, itemSchema, lookupField, objectSchema, type PatchSchema } from './strategic-schema.ts';

export { StrategicMergeError, type StrategicMergeErrorCode } from './strategic-errors.ts';

/** How the server applies a patch: parallel lists applied, unmatched nulls dropped. */
const APPLY: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/**
 * The object `original` becomes with the strategic merge patch `patch`, for an object of
 * `shape` (e.g. Deployment). Neither input is changed. Throws StrategicMergeError, whose
 * `code` is the status upstream's API server answers with.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, shape: StructShape): unknown {
  // A JSON null patch decodes to an empty map upstream: nothing changes.
  if (patch === null) return isObject(original) ? jsonClone(original) : {};
  if (!isObject(patch)) {
    const kind = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    throw new StrategicMergeError(`json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`, 400);
  }
  const base = isObject(original) ? jsonClone(original) : {};
  return mergeMaps(base, jsonClone(patch), shape, APPLY);
}

/** Merges `patch` into `original` with the given options. Mutates both; returns the result. */
export function mergeMaps(original: JsonObject, patch: JsonObject, schema: PatchSchema, options: MergeOptions): JsonObject {
  const ctx: MergeContext = {
    options,
    mergeMap: (o, p, s, path) => mergeMap(o, p, s, ctx, path),
  };
  return mergeMap(original, patch, schema, ctx, '');
}

function mergeMap(original: JsonObject, patch: JsonObject, schema: PatchSchema, ctx: MergeContext, path: string): JsonObject {
  if (PATCH in patch) return mapDirective(patch, ctx.options);
  applyRetainKeys(original, patch, ctx.options);
  applySetElementOrder(original, patch, schema, ctx, path);

  const { mergeParallelList, ignoreUnmatchedNulls } = ctx.options;
  for (const [patchKey, value] of Object.entries(patch)) {
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!mergeParallelList) {
        original[patchKey] = value;
        continue;
      }
      key = parallelListField(patchKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    const meta = lookupField(schema, key);
    const at = path === '' ? key : `${path}.${key}`;

    if (value === null) {
      delete original[key];
      if (ignoreUnmatchedNulls) continue;
    }
    if (mergeParallelList && !isDeleteList) checkValueKind(meta.shape, value, at);
    const current = original[key];
    if (!(key in original) || jsonType(current) !== jsonType(value)) {
      // Nothing to merge with: the patch value is taken (a deletion list adds nothing).
      if (!isDeleteList) place(original, key, value, ctx.options);
      continue;
    }
    if (isObject(current)) {
      original[key] = meta.strategy === 'replace'
        ? asIs(value as JsonObject, ctx.options)
        : mergeMap(current, value as JsonObject, objectSchema(meta.shape), ctx, at);
    } else if (Array.isArray(current)) {
      original[key] = mergeListField(current, value as unknown[], itemSchema(meta.shape), meta, isDeleteList, ctx, at);
    } else {
      original[key] = value;
    }
  }
  return original;
}

/** Stores a patch value where the original has nothing of its type. */
function place(original: JsonObject, key: string, value: unknown, options: MergeOptions): void {
  if (options.ignoreUnmatchedNulls) discardNulls(value);
  const kept = removeDirectives(value, options.mergeParallelList);
  if (kept === undefined) delete original[key];
  else original[key] = kept;
}

/** A patch map taken whole (replace strategy, $patch: replace). */
function asIs(value: JsonObject, options: MergeOptions): JsonObject {
  return options.mergeParallelList ? (stripDirectiveKeys(value) as JsonObject) : value;
}

/** A map whose patch holds `$patch`: replace takes the patch as the map, delete empties it. */
function mapDirective(patch: JsonObject, options: MergeOptions): JsonObject {
  const directive = patch[PATCH];
  if (directive === 'replace') {
    delete patch[PATCH];
    return asIs(patch, options);
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

/**
 * $retainKeys: fields of the original not listed are cleared, and the patch may set only
 * listed fields. When merging two patches, the directive is carried over (both must agree).
 */
function applyRetainKeys(original: JsonObject, patch: JsonObject, options: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const keys = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!options.mergeParallelList) {
    if (!(RETAIN_KEYS in original)) original[RETAIN_KEYS] = keys;
    else if (!jsonEqual(original[RETAIN_KEYS], keys)) {
      throw new StrategicMergeError(`${goPrint(original[RETAIN_KEYS])} and ${goPrint(keys)} are not deep equal: this may happen when calculating the 3-way diff patch`);
    }
    return;
  }
  if (!Array.isArray(keys)) throw errBadRetainKeys();
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && !isParallelKey(key) && !keys.includes(key)) throw errBadRetainKeys();
  }
  for (const key of Object.keys(original)) if (!keys.includes(key)) delete original[key];
}

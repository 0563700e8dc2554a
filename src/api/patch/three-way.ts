// The strategic merge patches kubectl computes (upstream's CreateThreeWayMergePatch and
// CreateTwoWayMergePatch), so that tests and server features can produce exactly what kubectl
// sends and check what applying it gives.
//
// Three-way (kubectl apply): `original` is the last-applied configuration, `modified` the new
// configuration, `current` the live object. The patch is the change from current to modified
// without deletions (fields others set, like replicas after kubectl scale, stay), plus the
// deletions from original to modified (only what the user's own configuration dropped).
//
// Patches come out with map keys sorted, as Go's encoding/json writes them, so that
// JSON.stringify(patch) is byte for byte what kubectl sends.

import { stringify } from 'yaml';
import { compareGoStrings } from '../go-format.ts';
import { jsonClone } from '../json-equal.ts';
import type { StructShape } from '../schema/shape.ts';
import { mergingMapsHaveConflicts } from './strategic-conflicts.ts';
import { diffMaps } from './strategic-diff.ts';
import { isObject, type JsonObject } from './strategic-directives.ts';
import { errBadJsonDoc, StrategicMergeError } from './strategic-errors.ts';
import { mergeMaps } from './strategic-merge.ts';

/**
 * The patch `kubectl apply` sends: applied to `current` with applyStrategicMergePatch, it
 * gives `modified` merged over the live object. Without `overwrite`, fails with a 409
 * StrategicMergeError when the patch changes fields that were changed on the live object
 * since `original` was applied. Inputs are not changed.
 */
export function createThreeWayMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  shape: StructShape,
  overwrite = true,
): JsonObject {
  const last = document(original);
  const next = document(modified);
  const live = document(current);
  const delta = diffMaps(live, next, shape, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(last, next, shape, { ignoreChangesAndAdditions: true, setElementOrder: true });
  // The delta only adds to the deletions; merged as patches, directives are carried over.
  const patch = mergeMaps(jsonClone(deletions), jsonClone(delta), shape, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  if (!overwrite) {
    const changed = diffMaps(last, live, shape, {});
    if (mergingMapsHaveConflicts(patch, changed, shape)) {
      const yaml = (v: unknown): string => stringify(v, { sortMapEntries: true });
      throw new StrategicMergeError(`patch:\n${yaml(patch)}\nconflicts with changes made from original to current:\n${yaml(changed)}\n`, 409);
    }
  }
  return sortKeys(patch) as JsonObject;
}

/** The patch `kubectl edit` sends: applied to `original`, it gives `modified`. */
export function createTwoWayMergePatch(original: unknown, modified: unknown, shape: StructShape): JsonObject {
  return sortKeys(diffMaps(document(original), document(modified), shape, { setElementOrder: true })) as JsonObject;
}

/** A document as upstream reads it: absent or null is empty, anything but an object is refused. */
function document(value: unknown): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw errBadJsonDoc();
  return jsonClone(value);
}

/** `value` with every map's keys in Go's encoding/json order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort(compareGoStrings)) out[key] = sortKeys(value[key]);
  return out;
}

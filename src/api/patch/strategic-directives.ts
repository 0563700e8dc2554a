// The directives of strategic merge patch and the JSON helpers they need.
//
//   $patch: replace | delete            on a map: replace it, or empty it; in a list item:
//                                       replace the list, or delete the item with that key
//   $retainKeys: [k…]                   clear every field of the map not named
//   $setElementOrder/<field>: [...]     the final order of a merged list
//   $deleteFromPrimitiveList/<field>    values to remove from a list of scalars

import { compareGoStrings } from '../go-format.ts';
import { goSort } from './go-sort.ts';
import { errBadPrimitiveList, errBadSetElementOrder, errNoListOfLists, goPrint, StrategicMergeError } from './strategic-errors.ts';

export const PATCH = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Go type of a decoded JSON value, as upstream compares types (int64 and float64 differ). */
export function jsonType(value: unknown): 'object' | 'array' | 'string' | 'int64' | 'float64' | 'bool' | 'null' {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'number':
      return Number.isInteger(value) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

/**
 * The one type of the items of `lists` (upstream's sliceElementType): items must all have the
 * same type, lists of lists are refused, and there must be at least one item.
 */
export function elementType(...lists: readonly unknown[][]): ReturnType<typeof jsonType> {
  let found: ReturnType<typeof jsonType> | undefined;
  for (const list of lists) {
    for (const item of list) {
      const type = jsonType(item);
      if (found === undefined) {
        if (type === 'array') throw errNoListOfLists();
        found = type;
      } else if (type !== found) {
        throw new StrategicMergeError(`list element types are not identical: ${goPrint(lists)}`);
      }
    }
  }
  if (found === undefined) throw new StrategicMergeError('no elements in any of the given slices');
  return found;
}

/** Whether `key` is a parallel-list directive key ($setElementOrder/…, $deleteFromPrimitiveList/…). */
export function isParallelKey(key: string): boolean {
  return key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
}

/** The field a parallel-list key is about: `$setElementOrder/containers` → `containers`. */
export function parallelListField(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER ? errBadSetElementOrder() : errBadPrimitiveList();
  }
  return key.slice(slash + 1);
}

/**
 * A patch value made fit to store where there is nothing to merge it with: maps holding a
 * $patch directive are dropped (upstream's removeDirectives). With `strip`, the other
 * directive keys are dropped too (see stripDirectiveKeys). Returns undefined when the value
 * itself is dropped. Mutates `value`.
 */
export function removeDirectives(value: unknown, strip: boolean): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value) {
      const v = removeDirectives(item, strip);
      if (v !== undefined) kept.push(v);
    }
    return kept;
  }
  if (!isObject(value)) return value;
  if (PATCH in value) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const v = strip && (key === RETAIN_KEYS || isParallelKey(key)) ? undefined : removeDirectives(item, strip);
    if (v === undefined) delete value[key];
    else value[key] = v;
  }
  return value;
}

/**
 * `value` without directive keys anywhere: what upstream stores where it takes a patch value
 * as it is (a replaced list or map, an appended item) is then decoded, and decoding ignores
 * those keys; we drop them before storing. Mutates `value`.
 */
export function stripDirectiveKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const item of value) stripDirectiveKeys(item);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === PATCH || key === RETAIN_KEYS || isParallelKey(key)) delete value[key];
      else stripDirectiveKeys(item);
    }
  }
  return value;
}

/** Drops null-valued keys from every map in `value` (list items stay, nulls included). */
export function discardNulls(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) discardNulls(item);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === null) delete value[key];
      else discardNulls(item);
    }
  }
}

/** The order upstream gives scalars (and merge-key values): by their %v text. */
export function compareScalars(a: unknown, b: unknown): number {
  return compareGoStrings(goPrint(a), goPrint(b));
}

/** Scalars sorted by their %v text, as upstream sorts them (Go's sort.Sort, less = `<=`). */
export function sortScalars<T>(values: readonly T[]): T[] {
  return goSort([...values], (a, b) => compareScalars(a, b) <= 0);
}

/**
 * Drops repeated scalars the way upstream does (a repeat is overwritten by the last item), so
 * that lists it emits, such as $deleteFromPrimitiveList, come out in the same order.
 */
export function deduplicateScalars(values: readonly unknown[]): unknown[] {
  const s = [...values];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (s[i] === s[j]) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

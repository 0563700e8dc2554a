// The JSON encoding of a watch-cache object, made once per object and shared by everything
// that needs it: watch events and lists sent to clients.
// Cached objects are never mutated (see CachedObject), so their encoding never goes stale;
// keyed weakly, it goes when the object leaves the cache.

import { jsonClone } from '../../api/json-equal.ts';
import type { CachedObject } from './types.ts';

/** The encoding, or how to make it from what its writer already encoded (see knownJson). */
const encodings = new WeakMap<object, string | (() => string)>();

/** `JSON.stringify(object)` for an object the watch cache holds, made at most once. */
export function objectJson(object: Readonly<Record<string, unknown>>): string {
  const known = encodings.get(object);
  if (typeof known === 'string') return known;
  const json = known === undefined ? JSON.stringify(object) : known();
  encodings.set(object, json);
  return json;
}

/**
 * Says how to make `JSON.stringify(object)` for a cached object without walking it (from the
 * value its writer stored); objectJson calls `json` when the encoding is first needed.
 */
export function knownJson(object: Readonly<Record<string, unknown>>, json: () => string): void {
  if (!encodings.has(object)) encodings.set(object, json);
}

/**
 * A private, mutable copy of a cached object. Copied value by value (jsonClone keeps JSON's
 * semantics): about twice as fast as parsing the object's encoding again.
 */
export function copyOf<T>(cached: CachedObject): T {
  return jsonClone(cached.object) as T;
}

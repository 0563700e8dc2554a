// How objects are kept in the Store: JSON without metadata.resourceVersion, which is the
// Store's modRevision and is set again on every read (as upstream's etcd3 store does).

import type { KeyValue } from '../../storage/store.ts';
import type { ApiObject } from './resource.ts';

/**
 * Turns a stored value into the object served: `parsed` is `JSON.parse(kv.value)` when the
 * caller has it already (a private copy, see WatchCache.expect), else the value is parsed here.
 */
export function decodeStored<T extends ApiObject>(kv: KeyValue, parsed?: Readonly<Record<string, unknown>>): T {
  const object = (parsed ?? JSON.parse(kv.value)) as T;
  // A fresh parse (or its private copy): its metadata is this object's own to set.
  if (typeof object.metadata === 'object' && object.metadata !== null) object.metadata.resourceVersion = String(kv.modRevision);
  else object.metadata = { resourceVersion: String(kv.modRevision) };
  return object;
}

/** The object as stored (resourceVersion left out); shares everything but metadata with `object`. */
export function storedForm(object: ApiObject): ApiObject {
  const { resourceVersion: _ignored, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

// How objects are kept in the Store: JSON without metadata.resourceVersion, which is the
// Store's modRevision and is set again on every read (as upstream's etcd3 store does).

import type { KeyValue } from '../../storage/store.ts';
import type { ApiObject } from './resource.ts';

export function decodeStored<T extends ApiObject>(kv: KeyValue): T {
  const object = JSON.parse(kv.value) as T;
  // A fresh parse: its metadata is this object's own to set.
  if (typeof object.metadata === 'object' && object.metadata !== null) object.metadata.resourceVersion = String(kv.modRevision);
  else object.metadata = { resourceVersion: String(kv.modRevision) };
  return object;
}

export function encodeStored(object: ApiObject): string {
  const { resourceVersion: _ignored, ...metadata } = object.metadata ?? {};
  return JSON.stringify({ ...object, metadata });
}

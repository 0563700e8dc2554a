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

/** An object as stored: its value, and the JSON of what decodeStored makes of it at a revision. */
export interface EncodedObject {
  /** The object as stored (see storedForm), which `value` encodes. */
  readonly stored: ApiObject;
  /** `JSON.stringify(stored)`. */
  readonly value: string;
  /** `JSON.stringify(decodeStored({ value, modRevision }))`, without parsing or walking it again. */
  readonly jsonAt: (modRevision: number) => string;
}

/**
 * Encodes an object for the Store. The value is made from the top-level members' encodings,
 * byte for byte what JSON.stringify gives, so that the object as read back (metadata with the
 * resourceVersion appended) is the same text with that one member spliced in.
 */
export function encodeStored(object: ApiObject): EncodedObject {
  const stored = storedForm(object);
  let head = '{';
  let tail = '';
  let metadata: string | undefined;
  let separator = '';
  for (const key in stored) {
    const member = stored[key];
    if (key === 'metadata') {
      metadata = JSON.stringify(member);
      head += `${separator}"metadata":`;
      separator = ',';
      continue;
    }
    // A toJSON method would be called with its key nested, with "" on its own: not spliced.
    if (typeof member === 'object' && member !== null && typeof (member as { toJSON?: unknown }).toJSON === 'function') return encodedWhole(stored);
    const json = JSON.stringify(member) as string | undefined;
    if (json === undefined) continue;
    const part = `${separator}${JSON.stringify(key)}:${json}`;
    separator = ',';
    if (metadata === undefined) head += part;
    else tail += part;
  }
  if (metadata === undefined) return encodedWhole(stored);
  const value = `${head}${metadata}${tail}}`;
  // Only the value is kept for jsonAt (flat once the Store has copied it), not its parts.
  const closing = head.length + metadata.length - 1;
  const comma = metadata === '{}' ? '' : ',';
  // The watch cache and the write's response may both ask, for the same revision.
  let made: { modRevision: number; json: string } | undefined;
  return {
    stored,
    value,
    jsonAt: (modRevision) => {
      if (made?.modRevision !== modRevision) {
        made = { modRevision, json: `${value.slice(0, closing)}${comma}"resourceVersion":"${modRevision}"${value.slice(closing)}` };
      }
      return made.json;
    },
  };
}

function encodedWhole(stored: ApiObject): EncodedObject {
  return { stored, value: JSON.stringify(stored), jsonAt: (modRevision) => JSON.stringify(decodeStored({ key: '', value: JSON.stringify(stored), createRevision: 0, modRevision })) };
}

/** The object as stored (resourceVersion left out); shares everything but metadata with `object`. */
export function storedForm(object: ApiObject): ApiObject {
  const { resourceVersion: _ignored, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

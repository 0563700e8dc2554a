// The files of a configMap or secret volume (or projection), as upstream's MakePayload: every
// key when no items are given, otherwise each item's key at its path with its mode. A missing
// key fails the volume unless it is optional.

import type { KeyToPath } from '../../api/types/core/v1/index.ts';
import type { FileProjection } from './atomic-writer.ts';

/** The keys of a ConfigMap (data and binaryData) or a Secret (data), decoded. */
export type KeyData = ReadonlyMap<string, Buffer>;

export function configMapKeys(data: Readonly<Record<string, string>> | undefined, binaryData: Readonly<Record<string, string>> | undefined): KeyData {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(data ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(binaryData ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

export function secretKeys(data: Readonly<Record<string, string>> | undefined, stringData?: Readonly<Record<string, string>>): KeyData {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  // The API server folds stringData into data; a client-side object may still carry it.
  for (const [k, v] of Object.entries(stringData ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  return out;
}

/**
 * `kind` names the source in the error ("configmap" or "secret"): upstream's messages are
 * "configmap references non-existent config key: K" and "references non-existent secret key: K".
 */
export function keyPayload(kind: 'configmap' | 'secret', keys: KeyData, items: readonly KeyToPath[] | undefined, defaultMode: number, optional: boolean): Map<string, FileProjection> {
  const out = new Map<string, FileProjection>();
  if (items === undefined || items.length === 0) {
    for (const [key, data] of keys) out.set(key, { data, mode: defaultMode });
    return out;
  }
  for (const item of items) {
    const data = keys.get(item.key);
    if (data === undefined) {
      if (optional) continue;
      throw new Error(kind === 'configmap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`);
    }
    out.set(item.path, { data, mode: item.mode ?? defaultMode });
  }
  return out;
}

// The opaque `continue` token of a paged list, in the shape upstream uses
// (base64 of {"v":"meta.k8s.io/v1","rv":REV,"start":KEY_AFTER_PREFIX}): the revision the
// first page was read at, and the key (relative to the listed prefix) to start from.

import { StorageError } from './errors.ts';

export interface ContinuePoint {
  readonly revision: number;
  /** The full key to start at (inclusive). */
  readonly startKey: string;
}

export function encodeContinue(prefix: string, revision: number, nextKey: string): string {
  const start = nextKey.startsWith(prefix) ? nextKey.slice(prefix.length) : nextKey;
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: revision, start })).toString('base64url');
}

export function decodeContinue(prefix: string, token: string): ContinuePoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw StorageError.invalid('continue key is not valid: not base64 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw StorageError.invalid('continue key is not valid');
  const { v, rv, start } = parsed as Record<string, unknown>;
  if (v !== 'meta.k8s.io/v1') throw StorageError.invalid('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1 required)');
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv <= 0) throw StorageError.invalid('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof start !== 'string' || start.length === 0) throw StorageError.invalid('continue key is not valid: encoded start key empty');
  // The start key must stay under the prefix: a crafted token must not read other keys.
  if (start.includes('..') && start.split('/').includes('..')) throw StorageError.invalid('continue key is not valid: invalid start key');
  return { revision: rv, startKey: prefix + start };
}

// Checks of what callers hand the Store, shared by every backend so that bad input gets the
// same clear error everywhere and nothing is written.

import { StorageError } from './errors.ts';

/**
 * The largest key + value a write may carry: etcd's default request limit
 * (--max-request-bytes, 1.5 MiB) less 16 KiB for what etcd adds around them in a transaction.
 * Both backends refuse larger writes, so that moving to etcd never breaks what worked.
 */
export const MAX_REQUEST_BYTES = 1.5 * 1024 * 1024 - 16 * 1024;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A key must be non-empty, valid Unicode (so it has a UTF-8 form) and contain no NUL. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string') throw StorageError.invalid('key must be a string');
  if (key.length === 0) throw StorageError.invalid('key must not be empty');
  if (!key.isWellFormed()) throw StorageError.invalid('key is not valid UTF-8 (it holds a lone surrogate)', key.toWellFormed());
  if (key.includes('\0')) throw StorageError.invalid('key must not contain NUL', key.replaceAll('\0', '\\0'));
  return key;
}

/** A prefix is a key, except that the empty prefix means every key. */
export function checkPrefix(prefix: unknown): string {
  if (prefix === '') return prefix;
  return checkKey(prefix);
}

/** Checks a value for a write to `key` and returns its size in bytes. */
export function checkValue(key: string, value: unknown): number {
  if (typeof value !== 'string') throw StorageError.invalid('value must be a string', key);
  if (value.length === 0) throw StorageError.invalid('value must not be empty', key);
  if (!value.isWellFormed()) throw StorageError.invalid('value is not valid UTF-8 (it holds a lone surrogate)', key);
  // Cheap bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
  const size = value.length * 3 + key.length * 3 <= MAX_REQUEST_BYTES ? 0 : Buffer.byteLength(key) + Buffer.byteLength(value);
  if (size > MAX_REQUEST_BYTES) {
    throw new StorageError('TooLarge', `request is too large: ${size} bytes for ${key}, the limit is ${MAX_REQUEST_BYTES} bytes`, { key });
  }
  return size;
}

/** Decodes bytes read from a backend, refusing anything that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return strictDecoder.decode(bytes);
  } catch (cause) {
    throw new StorageError('InvalidInput', `${what} is not valid UTF-8`, { cause });
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function checkRevision(name: string, revision: unknown): number {
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    throw StorageError.invalid(`${name} must be a non-negative integer, got ${String(revision)}`);
  }
  return revision;
}

export function checkTtl(ttlSeconds: unknown): number | undefined {
  if (ttlSeconds === undefined) return undefined;
  if (typeof ttlSeconds !== 'number' || !Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw StorageError.invalid(`ttlSeconds must be a positive integer, got ${String(ttlSeconds)}`);
  }
  return ttlSeconds;
}

/**
 * The first key after every key that starts with `prefix` (etcd's range end for a prefix):
 * the prefix with its last character incremented. For the empty prefix, undefined (no end).
 * Works on UTF-16 code units, which sort as UTF-8 bytes do for keys without surrogates
 * above U+FFFF; keys are compared by the backends in the same order.
 */
export function prefixEnd(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1);
  }
  return undefined;
}

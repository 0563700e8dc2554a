// Errors of the Store. The API server turns them into Kubernetes Status answers
// (KeyNotFound → 404, KeyExists → 409 AlreadyExists, Conflict → 409, Expired → 410,
// InvalidInput → 422/400, TooLarge → 413, Unavailable → 503), as upstream does with
// k8s.io/apiserver/pkg/storage's StorageError codes.

import type { KeyValue } from './store.ts';

export type StorageErrorCode =
  | 'KeyNotFound'
  | 'KeyExists'
  | 'Conflict'
  | 'Expired'
  | 'TooLargeRevision'
  | 'InvalidInput'
  | 'TooLarge'
  | 'Unavailable';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly key: string | undefined;
  /** For Conflict and KeyExists: the key's current value, when known. */
  readonly current: KeyValue | undefined;

  constructor(code: StorageErrorCode, message: string, details: { key?: string; current?: KeyValue; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StorageError';
    this.code = code;
    this.key = details.key;
    this.current = details.current;
  }

  static keyNotFound(key: string): StorageError {
    return new StorageError('KeyNotFound', `key not found: ${key}`, { key });
  }

  static keyExists(key: string, current?: KeyValue): StorageError {
    return new StorageError('KeyExists', `key already exists: ${key}`, current === undefined ? { key } : { key, current });
  }

  static conflict(key: string, expected: number, current?: KeyValue): StorageError {
    const actual = current === undefined ? 'none' : String(current.modRevision);
    return new StorageError(
      'Conflict',
      `precondition failed for ${key}: expected modRevision ${expected}, found ${actual}`,
      current === undefined ? { key } : { key, current },
    );
  }

  /** History the caller needs was compacted: upstream's "too old resource version" (410). */
  static expired(revision: number, compacted: number): StorageError {
    return new StorageError('Expired', `too old resource version: ${revision} (${compacted})`);
  }

  static tooLargeRevision(revision: number, current: number): StorageError {
    return new StorageError('TooLargeRevision', `too large resource version: ${revision}, current: ${current}`);
  }

  static invalid(message: string, key?: string): StorageError {
    return new StorageError('InvalidInput', message, key === undefined ? {} : { key });
  }

  static unavailable(message: string, cause?: unknown): StorageError {
    return new StorageError('Unavailable', message, cause === undefined ? {} : { cause });
  }
}

export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}

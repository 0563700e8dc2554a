// How Store keys map to etcd keys: every key is stored as keyPrefix + key, in UTF-8, and
// callers never see the prefix. Ranges are computed on the UTF-8 bytes, the order etcd
// compares keys in, so a prefix range holds exactly the keys that start with the prefix.

import type { EtcdKeyValue } from './etcd-messages.ts';
import { decodeUtf8 } from '../input.ts';
import type { KeyValue } from '../store.ts';

/** A byte range [key, rangeEnd) as etcd takes it; rangeEnd [0] means "every key from key on". */
export interface ByteRange {
  readonly key: Buffer;
  readonly rangeEnd: Buffer;
}

/**
 * Where the store records the revision it last compacted at. Compaction is cluster-wide, so
 * the record is outside every keyPrefix. It starts with NUL, which no Store key may hold
 * (checkKey), so no prefix range of this store ever includes it (see KeySpace.range).
 */
export const COMPACTION_RECORD_KEY = Buffer.from('\0k8ts/compacted-revision');

export class KeySpace {
  readonly #prefix: Buffer;

  constructor(keyPrefix: string) {
    this.#prefix = Buffer.from(keyPrefix, 'utf8');
  }

  /** The etcd key of a Store key. */
  key(key: string): Buffer {
    return Buffer.concat([this.#prefix, Buffer.from(key, 'utf8')]);
  }

  /** The keys that start with `prefix`, from `startKey` on (itself a full Store key) if given. */
  range(prefix: string, startKey?: string): ByteRange {
    const full = this.key(prefix);
    const end = rangeEnd(full);
    // The empty prefix of an unprefixed store: start at 0x01, after the compaction record.
    const start = startKey === undefined ? full : this.key(startKey);
    return { key: start.length === 0 ? Buffer.from([1]) : start, rangeEnd: end };
  }

  /** The Store key of an etcd key (which must lie under the keyPrefix). */
  storeKey(raw: Buffer): string {
    const bytes = raw.subarray(0, this.#prefix.length).equals(this.#prefix) ? raw.subarray(this.#prefix.length) : raw;
    return decodeUtf8(bytes, 'key');
  }

  /** A KeyValue from etcd's, values decoded as UTF-8 (a non-UTF-8 value fails, InvalidInput). */
  keyValue(kv: EtcdKeyValue): KeyValue {
    const key = this.storeKey(kv.key);
    return {
      key,
      value: decodeUtf8(kv.value, `value of ${key}`),
      createRevision: Number(kv.createRevision),
      modRevision: Number(kv.modRevision),
    };
  }
}

/** The first byte string after every one that starts with `prefix` ([0]: no end). */
function rangeEnd(prefix: Buffer): Buffer {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const byte = prefix[i] ?? 0xff;
    if (byte < 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i] = byte + 1;
      return end;
    }
  }
  return Buffer.from([0]);
}

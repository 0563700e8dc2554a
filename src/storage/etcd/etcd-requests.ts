// The etcd transactions behind the Store's writes, guarded as upstream's etcd3 store guards
// them, and the reading of their answers. Pure: the store sends them.

import type { EtcdKeyValue, RangeRequest, RequestOp, TxnRequest, TxnResponse } from './etcd-messages.ts';
import { StorageError } from '../errors.ts';
import { COMPACTION_RECORD_KEY, type KeySpace } from './etcd-keys.ts';

/** A cheap linearizable read (of one key no Store key can equal) whose header has the current revision. */
export const PROBE: RangeRequest = { key: Buffer.from([0]), countOnly: true };

/** A put with a lease only when there is one: a put without a lease makes the key permanent. */
function put(key: Buffer, value: string, lease: string | undefined): RequestOp {
  return { requestPut: lease === undefined ? { key, value: Buffer.from(value) } : { key, value: Buffer.from(value), lease } };
}

/**
 * Puts `key` if it has never been created or was deleted. No read in the else branch, as
 * upstream: it would make the request larger, and etcd's --max-request-bytes counts it.
 */
export function createTxn(key: Buffer, value: string, lease: string | undefined): TxnRequest {
  return {
    compare: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
    success: [put(key, value, lease)],
  };
}

/**
 * Puts `key` if its modRevision is `expected` (and it exists: a missing key's modRevision is
 * 0). The range after the put reads the key as written, for its createRevision; the range in
 * the else branch reads what is there, for the Conflict error.
 */
export function updateTxn(key: Buffer, value: string, expected: number, lease: string | undefined): TxnRequest {
  return {
    compare: [
      { key, target: 'MOD', result: 'EQUAL', modRevision: expected },
      { key, target: 'VERSION', result: 'GREATER', version: 0 },
    ],
    success: [put(key, value, lease), { requestRange: { key, keysOnly: true } }],
    failure: [{ requestRange: { key } }],
  };
}

/** The createRevision of the key an updateTxn wrote. */
export function updatedCreateRevision(response: TxnResponse): number | undefined {
  const written = response.responses[1]?.responseRange?.kvs[0];
  return written === undefined ? undefined : Number(written.createRevision);
}

/** Deletes `key` if it exists (and, given `expected`, has that modRevision), returning its last value. */
export function deleteTxn(key: Buffer, expected: number | undefined): TxnRequest {
  const exists = { key, target: 'VERSION', result: 'GREATER', version: 0 } as const;
  return {
    compare: expected === undefined ? [exists] : [exists, { key, target: 'MOD', result: 'EQUAL', modRevision: expected }],
    success: [{ requestDeleteRange: { key, prevKv: true } }],
    failure: [{ requestRange: { key } }],
  };
}

/** The value a deleteTxn removed. */
export function deletedValue(response: TxnResponse): EtcdKeyValue | undefined {
  return response.responses[0]?.responseDeleteRange?.prevKvs[0];
}

/** KeyNotFound or Conflict, from the read in the else branch of a failed update or delete. */
export function preconditionFailed(keys: KeySpace, key: string, expected: number, response: TxnResponse): StorageError {
  const current = response.responses[0]?.responseRange?.kvs[0];
  if (current === undefined) return StorageError.keyNotFound(key);
  return StorageError.conflict(key, expected, keys.keyValue(current));
}

/** The revision in the compaction record (0 if there is none). */
export function recordedCompaction(record: EtcdKeyValue | undefined): number {
  const revision = record === undefined ? 0 : Number(record.value.toString('utf8'));
  return Number.isSafeInteger(revision) && revision > 0 ? revision : 0;
}

/** Sets the compaction record to `revision` if it is still as read (`record`). */
export function recordCompactionTxn(record: EtcdKeyValue | undefined, revision: number): TxnRequest {
  const key = COMPACTION_RECORD_KEY;
  return {
    compare: [
      record === undefined
        ? { key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }
        : { key, target: 'MOD', result: 'EQUAL', modRevision: record.modRevision },
    ],
    success: [{ requestPut: { key, value: Buffer.from(String(revision)) } }],
  };
}

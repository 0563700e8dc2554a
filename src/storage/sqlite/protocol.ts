// Messages between the sqlite store (main thread) and its writer thread.
// The writer runs every batch in one transaction (group commit) and answers with one
// result per operation, in order; a batch's revisions are increasing in that order.

import type { StorageErrorCode } from '../errors.ts';
import type { KeyValue } from '../store.ts';

export type WriteOp =
  | { readonly op: 'create'; readonly key: string; readonly value: string; readonly expiresAt: number | null }
  | { readonly op: 'update'; readonly key: string; readonly value: string; readonly expected: number; readonly expiresAt: number | null }
  | { readonly op: 'delete'; readonly key: string; readonly expected: number | null }
  /** Deletes every key whose TTL ran out at `now` (one result per key deleted). */
  | { readonly op: 'expire'; readonly now: number; readonly max: number }
  /** One step of compaction to `revision`: removes up to `max` rows; `done` says whether more remain. */
  | { readonly op: 'compact'; readonly revision: number; readonly max: number };

/** A committed change, which becomes a watch event. */
export interface Change {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly kv: KeyValue;
  readonly prev: KeyValue | undefined;
}

export type OpResult =
  | { readonly ok: true; readonly changes: Change[]; readonly done?: boolean }
  | { readonly ok: false; readonly code: StorageErrorCode; readonly message: string; readonly current?: KeyValue };

export interface BatchRequest {
  readonly id: number;
  readonly ops: readonly WriteOp[];
}

/**
 * A batch's results as they cross to the main thread, packed so that the common case costs
 * no object and no copy of a value the main thread already holds: a create, update or delete
 * that succeeded is three numbers (its revision, createRevision and the revision it replaced)
 * plus, for an update or a delete, the value it replaced. Anything else (a failure, an
 * expiry, a compaction step) travels whole in `others`.
 */
export interface PackedResults {
  /** Per operation: modRevision, createRevision, replaced modRevision (0: none); all 0 when in `others`. */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** The replaced values of the updates and deletes not in `others`, in operation order. */
  readonly replaced: string[];
  readonly others: Array<[index: number, result: OpResult]>;
}

export type WriterMessage =
  | { readonly kind: 'ready'; readonly revision: number; readonly compacted: number }
  | { readonly kind: 'batch'; readonly id: number; readonly results: PackedResults; readonly revision: number; readonly compacted: number }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  | { readonly kind: 'fatal'; readonly message: string };

export interface WriterData {
  readonly path: string;
}

/** Packs the results of `ops` (writer side); unpackResults undoes it. */
export function packResults(ops: readonly WriteOp[], results: readonly OpResult[]): PackedResults {
  const numbers = new Float64Array(ops.length * 3);
  const replaced: string[] = [];
  const others: Array<[number, OpResult]> = [];
  results.forEach((result, i) => {
    const op = ops[i];
    const change = result.ok && result.changes.length === 1 ? result.changes[0] : undefined;
    if (op === undefined || change === undefined || (op.op !== 'create' && op.op !== 'update' && op.op !== 'delete')) {
      others.push([i, result]);
      return;
    }
    numbers[i * 3] = change.kv.modRevision;
    numbers[i * 3 + 1] = change.kv.createRevision;
    if (change.prev !== undefined) {
      numbers[i * 3 + 2] = change.prev.modRevision;
      replaced.push(change.prev.value);
    }
  });
  return { numbers, replaced, others };
}

/** The results of `ops` from their packed form (main-thread side), values taken from the ops. */
export function unpackResults(ops: readonly WriteOp[], packed: PackedResults): OpResult[] {
  const results: OpResult[] = [];
  const others = new Map(packed.others);
  let next = 0;
  ops.forEach((op, i) => {
    const other = others.get(i);
    if (other !== undefined) {
      results.push(other);
      return;
    }
    const modRevision = packed.numbers[i * 3] ?? 0;
    const createRevision = packed.numbers[i * 3 + 1] ?? 0;
    const replacedRevision = packed.numbers[i * 3 + 2] ?? 0;
    if (op.op === 'create') {
      results.push({ ok: true, changes: [{ type: 'ADDED', kv: { key: op.key, value: op.value, createRevision, modRevision }, prev: undefined }] });
      return;
    }
    if (op.op !== 'update' && op.op !== 'delete') throw new Error(`a ${op.op} result must come whole`);
    const prev: KeyValue = { key: op.key, value: packed.replaced[next++] ?? '', createRevision, modRevision: replacedRevision };
    results.push(op.op === 'update'
      ? { ok: true, changes: [{ type: 'MODIFIED', kv: { key: op.key, value: op.value, createRevision, modRevision }, prev }] }
      : { ok: true, changes: [{ type: 'DELETED', kv: { ...prev, modRevision }, prev }] });
  });
  return results;
}

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

/**
 * A batch's operations as they cross to the writer: in columns, so that no property name is
 * copied and no object is built per write on either side.
 */
export interface PackedOps {
  /** One letter per operation: c create, u update, d delete, e expire, k compact. */
  readonly kinds: string;
  /** The key of each create, update and delete, in operation order. */
  readonly keys: string[];
  /** The value of each create and update, in operation order. */
  readonly values: string[];
  /**
   * Two numbers per operation (-1 for null): create: expiresAt, 0; update: expected,
   * expiresAt; delete: expected, 0; expire: now, max; compact: revision, max.
   */
  readonly numbers: Float64Array<ArrayBuffer>;
}

export interface BatchRequest {
  readonly id: number;
  readonly ops: PackedOps;
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

const orNull = (n: number): number | null => (n < 0 ? null : n);

/** Packs a batch's operations (main-thread side); unpackOps undoes it. */
export function packOps(ops: readonly WriteOp[]): PackedOps {
  let kinds = '';
  const keys: string[] = [];
  const values: string[] = [];
  const numbers = new Float64Array(ops.length * 2);
  ops.forEach((op, i) => {
    switch (op.op) {
      case 'create':
        kinds += 'c';
        keys.push(op.key);
        values.push(op.value);
        numbers[i * 2] = op.expiresAt ?? -1;
        break;
      case 'update':
        kinds += 'u';
        keys.push(op.key);
        values.push(op.value);
        numbers[i * 2] = op.expected;
        numbers[i * 2 + 1] = op.expiresAt ?? -1;
        break;
      case 'delete':
        kinds += 'd';
        keys.push(op.key);
        numbers[i * 2] = op.expected ?? -1;
        break;
      case 'expire':
        kinds += 'e';
        numbers[i * 2] = op.now;
        numbers[i * 2 + 1] = op.max;
        break;
      case 'compact':
        kinds += 'k';
        numbers[i * 2] = op.revision;
        numbers[i * 2 + 1] = op.max;
        break;
    }
  });
  return { kinds, keys, values, numbers };
}

/** The operations of a packed batch (writer side). */
export function unpackOps(packed: PackedOps): WriteOp[] {
  const ops: WriteOp[] = [];
  let key = 0;
  let value = 0;
  for (let i = 0; i < packed.kinds.length; i++) {
    const a = packed.numbers[i * 2] ?? 0;
    const b = packed.numbers[i * 2 + 1] ?? 0;
    switch (packed.kinds[i]) {
      case 'c':
        ops.push({ op: 'create', key: packed.keys[key++] ?? '', value: packed.values[value++] ?? '', expiresAt: orNull(a) });
        break;
      case 'u':
        ops.push({ op: 'update', key: packed.keys[key++] ?? '', value: packed.values[value++] ?? '', expected: a, expiresAt: orNull(b) });
        break;
      case 'd':
        ops.push({ op: 'delete', key: packed.keys[key++] ?? '', expected: orNull(a) });
        break;
      case 'e':
        ops.push({ op: 'expire', now: a, max: b });
        break;
      case 'k':
        ops.push({ op: 'compact', revision: a, max: b });
        break;
      default:
        throw new Error(`unknown operation ${String(packed.kinds[i])}`);
    }
  }
  return ops;
}

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

export type WriterMessage =
  | { readonly kind: 'ready'; readonly revision: number; readonly compacted: number }
  | { readonly kind: 'batch'; readonly id: number; readonly results: OpResult[]; readonly revision: number; readonly compacted: number }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  | { readonly kind: 'fatal'; readonly message: string };

export interface WriterData {
  readonly path: string;
}

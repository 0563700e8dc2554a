// What the watch cache holds and hands out.

/** One object as the cache keeps it: decoded once, shared by every reader (never mutate it). */
export interface CachedObject {
  readonly key: string;
  /** The decoded object; for DELETED events, its last state. */
  readonly object: Readonly<Record<string, unknown>>;
  /** The modRevision of the write that produced this state (for deletes: of the delete). */
  readonly revision: number;
}

export type CacheEvent =
  | { readonly type: 'ADDED'; readonly revision: number; readonly object: CachedObject }
  | { readonly type: 'MODIFIED'; readonly revision: number; readonly object: CachedObject; readonly prev: CachedObject | undefined }
  | { readonly type: 'DELETED'; readonly revision: number; readonly object: CachedObject; readonly prev: CachedObject | undefined }
  /** No change, only progress: every event up to `revision` was delivered. */
  | { readonly type: 'BOOKMARK'; readonly revision: number };

export type ChangeEvent = Exclude<CacheEvent, { type: 'BOOKMARK' }>;

// The Store contract: the only way the API server reads and writes state.
//
// Modeled on k8s.io/apiserver's storage.Interface and kine's backend: a handful of
// string-keyed verbs over one global, strictly increasing revision. Every backend
// (sqlite://, etcd://) passes the same contract suite (store.contract.ts).
//
// Guarantees every backend gives:
// - One revision counter for the whole store. Every successful create, update and delete
//   gets a revision larger than every earlier one, in commit order, and no revision is
//   ever used twice, across restarts and crashes included. It is the resourceVersion.
// - An acknowledged write (a resolved promise) is durable.
// - Watch events for a prefix arrive in revision order, without gaps or repeats, starting
//   right after the revision the watch was asked to start from.
// - Failures are StorageError values (errors.ts), never other exceptions, for bad input
//   and for every precondition; I/O failures of the backend are StorageError 'Unavailable'.

/** A stored key at one revision. */
export interface KeyValue {
  readonly key: string;
  /** The stored text (for the API server: the object's JSON). */
  readonly value: string;
  /** The revision of the write that created this key (unchanged by updates). */
  readonly createRevision: number;
  /** The revision of the last write to this key. */
  readonly modRevision: number;
}

/**
 * One change seen by a watch. `revision` is the revision of the change itself.
 * DELETED carries the last value the key had (as `prev`) and as `kv` the same value with
 * `modRevision` set to the revision of the delete.
 */
export type WatchEvent =
  | { readonly type: 'ADDED'; readonly revision: number; readonly kv: KeyValue }
  | { readonly type: 'MODIFIED'; readonly revision: number; readonly kv: KeyValue; readonly prev: KeyValue | undefined }
  | { readonly type: 'DELETED'; readonly revision: number; readonly kv: KeyValue; readonly prev: KeyValue | undefined };

export interface ListOptions {
  /**
   * List the state as of this revision (0 or absent: the current state). A revision older
   * than the last compaction fails with 'Expired'; one newer than the current revision with
   * 'TooLargeRevision'.
   */
  readonly revision?: number;
  /** At most this many items (0 or absent: no limit). */
  readonly limit?: number;
  /** The `continue` token of the previous page; the page is read at that page's revision. */
  readonly continue?: string;
}

export interface ListResult {
  readonly items: KeyValue[];
  /** The revision the list was read at. */
  readonly revision: number;
  /** Present when more items follow: pass it back as `continue` for the next page. */
  readonly continue?: string;
  /** With `continue`: how many items follow after this page. */
  readonly remaining?: number;
}

export interface WriteOptions {
  /**
   * The key is deleted (with a DELETED event) at least this many seconds after this write
   * (etcd's shortest lease is about 2 s; keys go within a few seconds of expiring). A write
   * without it makes the key permanent again (as an etcd put without a lease does).
   */
  readonly ttlSeconds?: number;
}

export interface DeletePreconditions {
  /** The delete happens only if the key's modRevision is this one ('Conflict' otherwise). */
  readonly modRevision?: number;
}

export interface WatchOptions {
  /**
   * Events with a revision greater than this one are delivered, the stored history first.
   * A revision older than the last compaction fails with 'Expired' (HTTP 410 upstream).
   */
  readonly afterRevision: number;
  /** Ends the watch; the iterator then finishes normally. */
  readonly signal?: AbortSignal;
}

/**
 * A stream of watch events. Iteration ends when the signal aborts or the store closes, and
 * throws a StorageError when the watch cannot go on ('Expired' when history it needs was
 * compacted; 'Unavailable' when the backend fails or the watcher falls too far behind).
 */
export type Watch = AsyncIterable<WatchEvent>;

export interface Store {
  /** The current value of `key`, or undefined if it does not exist. */
  get(key: string): Promise<KeyValue | undefined>;

  /** The keys that start with `prefix`, in key order, one page at a time. */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;

  /** How many keys start with `prefix` now. */
  count(prefix: string): Promise<number>;

  /** Creates `key`; fails with 'KeyExists' if it exists. */
  create(key: string, value: string, options?: WriteOptions): Promise<KeyValue>;

  /**
   * Replaces the value of `key` if its modRevision is `expectedModRevision`.
   * Fails with 'KeyNotFound' if it does not exist, 'Conflict' if it was changed meanwhile
   * (the error carries the current KeyValue so that callers can retry without a read).
   */
  update(key: string, value: string, expectedModRevision: number, options?: WriteOptions): Promise<KeyValue>;

  /**
   * Deletes `key` and returns its last value (with the delete's revision as modRevision).
   * Fails with 'KeyNotFound', or 'Conflict' when a precondition does not hold.
   */
  delete(key: string, preconditions?: DeletePreconditions): Promise<KeyValue>;

  /** Changes to keys under `prefix`; see WatchOptions. */
  watch(prefix: string, options: WatchOptions): Watch;

  /** Forgets history at and before `revision` (the current value of every key stays). */
  compact(revision: number): Promise<void>;

  /** The revision of the latest write. */
  currentRevision(): Promise<number>;

  /** The revision history was last compacted at (0 if never). */
  compactedRevision(): Promise<number>;

  /** Ends every watch and releases every resource. Idempotent. */
  close(): Promise<void>;
}

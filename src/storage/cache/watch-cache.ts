// The watch cache: one Store watch over the whole registry prefix feeds an in-memory copy of
// every object and a window of recent events per resource, so that any number of API
// watchers and lists of the current state cost the Store nothing more.
//
// Because it watches every key, the cache's revision follows every write in the Store: a
// read that must be at least as new as revision R waits until the cache has applied R.
//
// Lifecycle: run(signal) lists everything, then watches; when the Store watch fails (the
// Store restarted, history it needed was compacted) it relists, and every open cache watcher
// is ended with an error, so its client watches again (upstream's cacher does the same).

import { realClock, type Clock } from '../../api/clock.ts';
import { StorageError } from '../errors.ts';
import { EventQueue } from '../event-queue.ts';
import type { KeyValue, Store, WatchEvent } from '../store.ts';
import { Bucket } from './bucket.ts';
import { knownJson } from './object-json.ts';
import type { CachedObject, CacheEvent, ChangeEvent } from './types.ts';
import { visibleChange } from './visible-change.ts';

export interface WatchCacheOptions {
  /** Every key the cache serves starts with this (e.g. "/registry/"). */
  readonly prefix: string;
  /** The bucket (one per resource) a key belongs to, e.g. "/registry/core/pods/". */
  readonly bucketOf: (key: string) => string;
  /**
   * Turns a stored value into the object served (e.g. parse JSON, set resourceVersion).
   * `parsed`, when given, is what a writer said the value decodes to (see expect): a private
   * copy the decoder may use and keep instead of parsing the value again.
   */
  readonly decode: (kv: KeyValue, parsed?: Record<string, unknown>) => Readonly<Record<string, unknown>>;
  /** Events kept per bucket for watchers that resume (default 10,000). */
  readonly eventsPerBucket?: number;
  /** Live events a watcher may fall behind before it is ended (default 10,000). */
  readonly watcherBuffer?: number;
  /** How often watchers that asked for bookmarks get one (default 60 s). */
  readonly bookmarkIntervalMs?: number;
  /** How long a read that needs a newer revision waits before TooLargeRevision (default 3 s, as upstream). */
  readonly freshnessTimeoutMs?: number;
  readonly clock?: Clock;
}

export type WatchStart =
  /** Only changes after this revision. */
  | { readonly kind: 'after'; readonly revision: number }
  /** ADDED for every current object first, then changes (resourceVersion "0" or absent). */
  | { readonly kind: 'initial'; readonly endBookmark: boolean };

export interface CacheWatchOptions {
  /** Only keys under this prefix (a bucket, or a namespace within one). */
  readonly keyPrefix: string;
  readonly start: WatchStart;
  /** Which objects the watcher sees (label and field selectors). */
  readonly filter?: (object: Readonly<Record<string, unknown>>) => boolean;
  readonly bookmarks?: boolean;
  readonly signal?: AbortSignal;
}

/** A bookmark that ends the initial events of a sendInitialEvents watch. */
export type InitialEventsEnd = { readonly type: 'BOOKMARK'; readonly revision: number; readonly initialEventsEnd: true };

/** What a writer said about the value it is storing (see WatchCache.expect). */
interface Expected {
  readonly value: string;
  readonly parsed: Record<string, unknown>;
  readonly json: ((modRevision: number) => string) | undefined;
}

interface Watcher {
  readonly bucket: string;
  readonly options: CacheWatchOptions;
  readonly queue: EventQueue<CacheEvent | InitialEventsEnd>;
  readonly liveAfter: number;
}

export class WatchCache {
  readonly #store: Store;
  readonly #options: WatchCacheOptions;
  readonly #clock: Clock;
  readonly #buckets = new Map<string, Bucket>();
  readonly #watchers = new Map<string, Set<Watcher>>();
  /** Buckets whose resources are served from the Store (see exclude). */
  readonly #excluded = new Set<string>();
  /** Per key, the value a writer is storing and what it decodes to (see expect). */
  readonly #expected = new Map<string, Expected>();
  #waiters: Array<{ readonly revision: number; readonly resolve: () => void }> = [];
  #revision = 0;
  /** The revision of the last full list: every change since then has been applied. */
  #loadedAt = 0;
  #readyResolve: (() => void) | undefined;
  readonly #ready: Promise<void>;

  constructor(store: Store, options: WatchCacheOptions) {
    this.#store = store;
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    this.#ready = new Promise((resolve) => {
      this.#readyResolve = resolve;
    });
  }

  /** The revision of the last write the cache has applied. */
  get revision(): number {
    return this.#revision;
  }

  /** Resolves once the first full list is loaded. */
  ready(): Promise<void> {
    return this.#ready;
  }

  async run(signal: AbortSignal): Promise<void> {
    const bookmarks = this.#clock.every(this.#options.bookmarkIntervalMs ?? 60_000, () => this.#bookmark());
    try {
      while (!signal.aborted) {
        try {
          const revision = await this.#load();
          for await (const event of this.#store.watch(this.#options.prefix, { afterRevision: revision, signal })) this.#apply(event);
        } catch (error) {
          if (signal.aborted) break;
          this.#endWatchers(error instanceof StorageError ? error : StorageError.unavailable(String(error), error));
          await new Promise((resolve) => this.#clock.after(1000, () => resolve(undefined)));
        }
      }
    } finally {
      bookmarks.cancel();
      this.#endWatchers(undefined);
    }
  }

  /** Waits until the cache has applied `revision` (3 s at most, then TooLargeRevision). */
  async waitFor(revision: number): Promise<void> {
    await this.#ready;
    if (this.#revision >= revision) return;
    await new Promise<void>((resolve, reject) => {
      const timer = this.#clock.after(this.#options.freshnessTimeoutMs ?? 3000, () => {
        this.#waiters = this.#waiters.filter((w) => w.resolve !== done);
        reject(StorageError.tooLargeRevision(revision, this.#revision));
      });
      const done = (): void => {
        timer.cancel();
        resolve();
      };
      this.#waiters.push({ revision, resolve: done });
    });
  }

  /** Waits until the cache holds every write the Store has acknowledged so far. */
  async waitUntilFresh(): Promise<void> {
    await this.waitFor(await this.#store.currentRevision());
  }

  /**
   * Stops caching one bucket, for a resource served straight from the Store (upstream keeps
   * events out of its watch cache: too many, too short-lived, rarely watched). Its objects and
   * events are dropped, later changes to it only advance the revision (they are not decoded),
   * and get() answers undefined for its keys. Reads and watches of it are the Store's to serve.
   */
  exclude(bucket: string): void {
    this.#excluded.add(bucket);
    this.#buckets.delete(bucket);
    const watchers = this.#watchers.get(bucket);
    for (const watcher of watchers ?? []) watcher.queue.fail(StorageError.unavailable(`${bucket} is no longer served by the watch cache`));
  }

  /** Whether the bucket of `keyPrefix` is cached (not excluded). */
  caches(keyPrefix: string): boolean {
    return !this.#excluded.has(this.#options.bucketOf(keyPrefix));
  }

  /**
   * Says, before a write of `value` to `key`, what the value parses to, so that the watch event
   * of that write need not be parsed again. `parse` is called at once (the writer may change its
   * object afterwards) and must give a private copy, equal to what parsing `value` gives, key
   * order included. Only an event whose value is equal to `value` uses it, so a write that loses
   * a race or fails changes nothing; a failed write should still call forget() to free it.
   * `json`, if given, makes `JSON.stringify` of what decode gives for the value at a revision
   * (so that the object's encoding, see objectJson, need not be made again either).
   */
  expect(key: string, value: string, parse: () => Record<string, unknown>, json?: (modRevision: number) => string): void {
    if (this.#excluded.has(this.#options.bucketOf(key))) return;
    this.#expected.set(key, { value, parsed: parse(), json });
  }

  /** Drops what expect() said about `value` for `key` (its write failed). */
  forget(key: string, value: string): void {
    if (this.#expected.get(key)?.value === value) this.#expected.delete(key);
  }

  get(key: string): CachedObject | undefined {
    return this.#buckets.get(this.#options.bucketOf(key))?.get(key);
  }

  /** The current objects under `keyPrefix` that pass `filter`, in key order, and the revision. */
  list(keyPrefix: string, filter?: (object: Readonly<Record<string, unknown>>) => boolean): { items: CachedObject[]; revision: number } {
    this.#mustCache(keyPrefix);
    const bucket = this.#buckets.get(this.#options.bucketOf(keyPrefix));
    const items: CachedObject[] = [];
    if (bucket !== undefined) {
      for (const object of bucket.objects(keyPrefix)) if (filter === undefined || filter(object.object)) items.push(object);
    }
    return { items, revision: this.#revision };
  }

  /**
   * A page of the objects under `keyPrefix` as they were at `at.revision` (the current state
   * when absent), from `at.startKey` on; see Bucket.page. Undefined when the cache cannot tell
   * that state: the revision is ahead of the cache, older than its event window, or something
   * under the prefix changed since (the caller reads the Store's snapshot instead).
   */
  listPage(
    keyPrefix: string,
    at: { readonly revision?: number; readonly startKey?: string },
    limit: number,
    filter?: (object: Readonly<Record<string, unknown>>) => boolean,
  ): { items: CachedObject[]; revision: number; next?: { key: string; remaining: number } } | undefined {
    this.#mustCache(keyPrefix);
    const bucket = this.#buckets.get(this.#options.bucketOf(keyPrefix));
    if (at.revision === undefined) {
      if (bucket === undefined) return { items: [], revision: this.#revision };
      return { ...bucket.page(keyPrefix, at.startKey, limit, filter), revision: this.#revision };
    }
    if (bucket === undefined || at.revision > this.#revision) return undefined;
    const since = bucket.eventsAfter(at.revision);
    if (since === undefined || since.some((event) => event.type !== 'BOOKMARK' && event.object.key.startsWith(keyPrefix))) return undefined;
    return { ...bucket.page(keyPrefix, at.startKey, limit, filter), revision: at.revision };
  }

  /**
   * Changes under `keyPrefix`. Fails with Expired (410) when `start` is older than the
   * events the cache still holds, TooLargeRevision when it is newer than the cache can reach.
   */
  async *watch(options: CacheWatchOptions): AsyncGenerator<CacheEvent | InitialEventsEnd, void, undefined> {
    if (options.start.kind === 'after') await this.waitFor(options.start.revision);
    else await this.#ready;
    if (options.signal?.aborted === true) return;
    this.#mustCache(options.keyPrefix);
    const bucketName = this.#options.bucketOf(options.keyPrefix);
    const bucket = this.#bucket(bucketName);
    // Backlog and registration happen in one synchronous step: nothing missed, nothing twice.
    let backlog: Array<CacheEvent | InitialEventsEnd>;
    if (options.start.kind === 'initial') {
      backlog = [];
      for (const object of bucket.objects(options.keyPrefix)) {
        if (options.filter === undefined || options.filter(object.object)) backlog.push({ type: 'ADDED', revision: object.revision, object });
      }
      if (options.start.endBookmark) backlog.push({ type: 'BOOKMARK', revision: this.#revision, initialEventsEnd: true });
    } else {
      const events = bucket.eventsAfter(options.start.revision);
      if (events === undefined) throw StorageError.expired(options.start.revision, bucket.windowStart);
      backlog = events.flatMap((event) => visibleChange(event as ChangeEvent, options.keyPrefix, options.filter));
    }
    const watcher: Watcher = { bucket: bucketName, options, queue: new EventQueue(this.#options.watcherBuffer ?? 10_000), liveAfter: this.#revision };
    let set = this.#watchers.get(bucketName);
    if (set === undefined) this.#watchers.set(bucketName, (set = new Set()));
    set.add(watcher);
    const onAbort = (): void => watcher.queue.end();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (const event of backlog) {
        if (watcher.queue.ended) break;
        yield event;
      }
      yield* watcher.queue;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      set.delete(watcher);
      watcher.queue.end();
    }
  }

  /** Lists and watches of an excluded bucket would look empty: a caller's mistake, said loudly. */
  #mustCache(keyPrefix: string): void {
    if (!this.caches(keyPrefix)) throw StorageError.unavailable(`${this.#options.bucketOf(keyPrefix)} is not served by the watch cache`);
  }

  async #load(): Promise<number> {
    // Writes before the list are in it; events of later ones still find what was expected.
    this.#expected.clear();
    const loaded = new Map<string, CachedObject[]>();
    let token: string | undefined;
    let revision = 0;
    do {
      const page = await this.#store.list(this.#options.prefix, token === undefined ? { limit: 10_000 } : { limit: 10_000, continue: token });
      revision = page.revision;
      for (const kv of page.items) {
        const name = this.#options.bucketOf(kv.key);
        if (this.#excluded.has(name)) continue;
        const object: CachedObject = { key: kv.key, object: this.#options.decode(kv), revision: kv.modRevision };
        let list = loaded.get(name);
        if (list === undefined) loaded.set(name, (list = []));
        list.push(object);
      }
      token = page.continue;
    } while (token !== undefined);
    this.#loadedAt = revision;
    for (const [name, bucket] of this.#buckets) bucket.reset(loaded.get(name) ?? [], revision);
    for (const [name, objects] of loaded) if (!this.#buckets.has(name)) this.#bucket(name).reset(objects, revision);
    this.#advance(revision);
    this.#readyResolve?.();
    return revision;
  }

  /**
   * The bucket `name`, made when first needed. One made after the list has had no change since
   * the list (every change makes its bucket), so its window starts at the list's revision: a
   * watch from a revision an empty resource was listed at, however many writes elsewhere came
   * since, resumes instead of being told its version is too old.
   */
  #bucket(name: string): Bucket {
    let bucket = this.#buckets.get(name);
    if (bucket === undefined) this.#buckets.set(name, (bucket = new Bucket(this.#options.eventsPerBucket ?? 10_000, this.#loadedAt)));
    return bucket;
  }

  #apply(event: WatchEvent): void {
    const name = this.#options.bucketOf(event.kv.key);
    if (this.#excluded.has(name)) {
      this.#advance(event.revision);
      return;
    }
    const bucket = this.#bucket(name);
    const prev = bucket.get(event.kv.key);
    const object: CachedObject = { key: event.kv.key, object: this.#decode(event), revision: event.revision };
    const change: ChangeEvent = event.type === 'ADDED'
      ? { type: 'ADDED', revision: event.revision, object }
      : { type: event.type, revision: event.revision, object, prev };
    bucket.apply(change);
    const watchers = this.#watchers.get(name);
    if (watchers !== undefined) {
      for (const watcher of watchers) {
        if (event.revision <= watcher.liveAfter) continue;
        for (const visible of visibleChange(change, watcher.options.keyPrefix, watcher.options.filter)) watcher.queue.push(visible);
      }
    }
    this.#advance(event.revision);
  }

  #decode(event: WatchEvent): Readonly<Record<string, unknown>> {
    const key = event.kv.key;
    const expected = this.#expected.get(key);
    if (expected === undefined) return this.#options.decode(event.kv);
    // A DELETED event ends whatever was expected; a value that differs is another writer's
    // (the expected write may still come).
    if (event.type === 'DELETED') {
      this.#expected.delete(key);
      return this.#options.decode(event.kv);
    }
    if (expected.value !== event.kv.value) return this.#options.decode(event.kv);
    this.#expected.delete(key);
    const object = this.#options.decode(event.kv, expected.parsed);
    const json = expected.json;
    if (json !== undefined) {
      const revision = event.kv.modRevision;
      knownJson(object, () => json(revision));
    }
    return object;
  }

  #advance(revision: number): void {
    if (revision <= this.#revision) return;
    this.#revision = revision;
    if (this.#waiters.length === 0) return;
    const due = this.#waiters.filter((w) => w.revision <= revision);
    if (due.length === 0) return;
    this.#waiters = this.#waiters.filter((w) => w.revision > revision);
    for (const waiter of due) waiter.resolve();
  }

  #bookmark(): void {
    for (const watchers of this.#watchers.values()) {
      for (const watcher of watchers) if (watcher.options.bookmarks === true) watcher.queue.push({ type: 'BOOKMARK', revision: this.#revision });
    }
  }

  #endWatchers(error: StorageError | undefined): void {
    for (const watchers of this.#watchers.values()) {
      for (const watcher of watchers) {
        if (error === undefined) watcher.queue.end();
        else watcher.queue.fail(error);
      }
      watchers.clear();
    }
  }
}

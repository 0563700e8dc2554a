// One resource's part of the watch cache: its current objects and a window of its recent
// events, enough for watchers to resume from a recent resourceVersion without a relist.

import type { CachedObject, CacheEvent } from './types.ts';

export class Bucket {
  readonly #objects = new Map<string, CachedObject>();
  #sorted: string[] | undefined;
  readonly #events: CacheEvent[] = [];
  #head = 0;
  readonly #capacity: number;
  /** Watches from a revision at or after this one can be served from the window. */
  #windowStart: number;

  constructor(capacity: number, startRevision: number) {
    this.#capacity = capacity;
    this.#windowStart = startRevision;
  }

  get size(): number {
    return this.#objects.size;
  }

  get windowStart(): number {
    return this.#windowStart;
  }

  get(key: string): CachedObject | undefined {
    return this.#objects.get(key);
  }

  /** Current objects whose key starts with `prefix`, in key order. */
  *objects(prefix = ''): Generator<CachedObject> {
    this.#sorted ??= [...this.#objects.keys()].sort();
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#sorted[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#sorted.length; i++) {
      const key = this.#sorted[i] as string;
      if (!key.startsWith(prefix)) return;
      const object = this.#objects.get(key);
      if (object !== undefined) yield object;
    }
  }

  /**
   * One page of the current objects under `prefix`, in key order: from `startKey` (inclusive;
   * the start of the prefix when absent), at most `limit` (0: all) that pass `filter`. `next` is
   * where the following page starts and how many keys (filtered or not) lie from there on.
   */
  page(prefix: string, startKey: string | undefined, limit: number, filter?: (object: Readonly<Record<string, unknown>>) => boolean): {
    items: CachedObject[];
    next?: { key: string; remaining: number };
  } {
    const sorted = (this.#sorted ??= [...this.#objects.keys()].sort());
    const from = startKey !== undefined && startKey > prefix ? startKey : prefix;
    // Keys under the prefix are contiguous: [lo, end).
    const lo = firstIndex(sorted, (key) => key >= from);
    const end = firstIndex(sorted, (key) => key > prefix && !key.startsWith(prefix));
    const items: CachedObject[] = [];
    for (let i = lo; i < end; i++) {
      if (limit > 0 && items.length >= limit) return { items, next: { key: sorted[i] as string, remaining: end - i } };
      const object = this.#objects.get(sorted[i] as string);
      if (object !== undefined && (filter === undefined || filter(object.object))) items.push(object);
    }
    return { items };
  }

  /** Replaces everything with a fresh list at `revision` (after a relist). */
  reset(objects: Iterable<CachedObject>, revision: number): void {
    this.#objects.clear();
    for (const object of objects) this.#objects.set(object.key, object);
    this.#sorted = undefined;
    this.#events.length = 0;
    this.#head = 0;
    this.#windowStart = revision;
  }

  apply(event: CacheEvent & { type: 'ADDED' | 'MODIFIED' | 'DELETED' }): void {
    if (event.type === 'DELETED') {
      if (this.#objects.delete(event.object.key)) this.#sorted = undefined;
    } else {
      if (!this.#objects.has(event.object.key)) this.#sorted = undefined;
      this.#objects.set(event.object.key, event.object);
    }
    this.#events.push(event);
    if (this.#events.length - this.#head > this.#capacity) {
      const dropped = this.#events[this.#head] as CacheEvent;
      this.#windowStart = dropped.revision;
      this.#head++;
      if (this.#head > 4096 && this.#head * 2 > this.#events.length) {
        this.#events.splice(0, this.#head);
        this.#head = 0;
      }
    }
  }

  /** Events with a revision above `after`, oldest first; undefined if the window starts later. */
  eventsAfter(after: number): CacheEvent[] | undefined {
    if (after < this.#windowStart) return undefined;
    let lo = this.#head;
    let hi = this.#events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#events[mid] as CacheEvent).revision <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.#events.slice(lo);
  }
}

/** The first index of `sorted` whose key satisfies `test` (false for a prefix of the array, then true). */
function firstIndex(sorted: readonly string[], test: (key: string) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(sorted[mid] as string)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

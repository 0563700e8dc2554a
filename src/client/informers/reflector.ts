// Keeps a store in step with the server, as client-go's Reflector does:
//  1. list, from the watch cache (resourceVersion "0") in pages of 500; a later relist asks for
//     at least the last resourceVersion seen, or for the newest data ("") once that is gone;
//  2. replace the store's content with the list;
//  3. watch from the list's resourceVersion with bookmarks and a server-side timeout, applying
//     each event and remembering its resourceVersion (bookmarks advance it too); a watch that
//     ends normally is resumed from there;
//  4. a watch that fails with 410 (Expired/Gone), or any other error, ends this round and the
//     next round lists again; a watch that cannot start (connection refused, 429) is retried
//     after a backoff without a relist.
// Between rounds, and before retried watches, it waits a jittered exponential backoff (0.8 s
// doubling to 30 s, reset after 2 quiet minutes). Everything stops when run()'s signal aborts.

import { realClock, type Clock } from '../../api/clock.ts';
import { isResourceExpired, isGone, isTooManyRequests, statusCause } from '../../api/status-predicates.ts';
import { StatusError } from '../../api/status.ts';
import { isConnectionRefused } from '../rest/errors.ts';
import type { KubeObject, WatchEvent } from '../rest/types.ts';
import { DEFAULT_PAGE_SIZE, listAllPages, type ListerWatcher } from './list-watch.ts';
import { ExponentialBackoff, REFLECTOR_BACKOFF, sleep, type BackoffOptions } from './wait.ts';

/** Where a reflector writes what it learns. Calls never overlap. */
export interface ReflectorStore<T> {
  /** The complete content as of `resourceVersion`, after a list. */
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export interface ReflectorOptions {
  readonly clock?: Clock;
  readonly random?: () => number;
  /** For messages. */
  readonly name?: string;
  /** List page size; by default 500 for the first list, none when relisting at a known resourceVersion. */
  readonly pageSize?: number;
  /** Server-side timeout of each watch; by default 5 to 10 minutes at random, as client-go. */
  readonly watchTimeoutSeconds?: number;
  readonly backoff?: BackoffOptions;
  /** Told when a round ends in an error (client-go's WatchErrorHandler); defaults to stderr. */
  readonly onError?: (error: unknown) => void;
}

const MIN_WATCH_TIMEOUT_S = 300;

/** A watch closed by the server within a second, having delivered nothing. */
export class VeryShortWatchError extends Error {}

function isExpired(err: unknown): boolean {
  return isResourceExpired(err) || isGone(err);
}

function isTooLargeResourceVersion(err: unknown): boolean {
  return statusCause(err, 'ResourceVersionTooLarge') !== undefined
    || (err instanceof StatusError && err.message.includes('Too large resource version'));
}

export class Reflector<T extends KubeObject> {
  readonly #lw: ListerWatcher<T>;
  readonly #store: ReflectorStore<T>;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #options: ReflectorOptions;
  readonly #backoff: ExponentialBackoff;
  #lastSyncResourceVersion = '';
  #resourceVersionUnavailable = false;
  #paginatedResult = false;

  constructor(lw: ListerWatcher<T>, store: ReflectorStore<T>, options: ReflectorOptions = {}) {
    this.#lw = lw;
    this.#store = store;
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? Math.random;
    this.#options = options;
    this.#backoff = new ExponentialBackoff(options.backoff ?? REFLECTOR_BACKOFF, this.#clock, this.#random);
  }

  /** The resourceVersion of the last list or event applied ("" before the first list). */
  lastSyncResourceVersion(): string {
    return this.#lastSyncResourceVersion;
  }

  /** Lists and watches until `signal` aborts; never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.#listAndWatch(signal);
      } catch (err) {
        if (!signal.aborted) this.#report(err);
      }
      if (signal.aborted) break;
      await sleep(this.#clock, this.#backoff.next(), signal);
    }
  }

  async #listAndWatch(signal: AbortSignal): Promise<void> {
    await this.#list(signal);
    await this.#watch(signal);
  }

  /** "0" at first (any cached state will do), then the last seen version, then "" (the newest) once that is unavailable. */
  #relistResourceVersion(): string {
    if (this.#resourceVersionUnavailable) return '';
    return this.#lastSyncResourceVersion === '' ? '0' : this.#lastSyncResourceVersion;
  }

  async #list(signal: AbortSignal): Promise<void> {
    const resourceVersion = this.#relistResourceVersion();
    let pageSize = DEFAULT_PAGE_SIZE;
    if (this.#options.pageSize !== undefined) pageSize = this.#options.pageSize;
    // A relist at a known version is served whole from the watch cache; pages would bypass it.
    else if (!this.#paginatedResult && resourceVersion !== '' && resourceVersion !== '0') pageSize = 0;
    let result;
    try {
      result = await listAllPages(this.#lw, { resourceVersion, signal }, pageSize);
    } catch (err) {
      if (!isExpired(err) && !isTooLargeResourceVersion(err)) throw err;
      // The version asked for is gone (or not there yet): ask for the newest state instead.
      this.#resourceVersionUnavailable = true;
      result = await listAllPages(this.#lw, { resourceVersion: this.#relistResourceVersion(), signal }, pageSize);
    }
    // Pages for "0" mean the server has no watch cache: keep paging from then on.
    if (resourceVersion === '0' && result.paginated) this.#paginatedResult = true;
    this.#resourceVersionUnavailable = false;
    this.#store.replace(result.items, result.resourceVersion);
    this.#lastSyncResourceVersion = result.resourceVersion;
  }

  /** Watches until a watch fails; returns to have the caller list again. */
  async #watch(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const start = this.#clock.now();
      const timeoutSeconds = this.#options.watchTimeoutSeconds ?? Math.floor(MIN_WATCH_TIMEOUT_S * (1 + this.#random()));
      let events = 0;
      try {
        const watch = this.#lw.watch({ resourceVersion: this.#lastSyncResourceVersion, timeoutSeconds, allowWatchBookmarks: true, signal });
        for await (const event of watch) {
          this.#apply(event);
          events++;
        }
      } catch (err) {
        if (signal.aborted) return;
        if (events === 0 && (isConnectionRefused(err) || isTooManyRequests(err))) {
          // The server is not there or asks us to slow down: try the watch again later; the
          // cache is still good up to the last version seen.
          await sleep(this.#clock, this.#backoff.next(), signal);
          continue;
        }
        if (!isExpired(err)) this.#report(err);
        return;
      }
      if (signal.aborted) return;
      if (events === 0 && this.#clock.now() - start < 1000) {
        throw new VeryShortWatchError(`${this.#options.name ?? 'reflector'}: very short watch: the watch lasted less than a second and no items were received`);
      }
    }
  }

  #apply(event: WatchEvent<T>): void {
    if (event.type === 'ERROR') {
      const status = event.object;
      throw new StatusError(status);
    }
    switch (event.type) {
      case 'ADDED': this.#store.add(event.object); break;
      case 'MODIFIED': this.#store.update(event.object); break;
      case 'DELETED': this.#store.delete(event.object); break;
      case 'BOOKMARK': break;
    }
    const resourceVersion = event.object.metadata?.resourceVersion;
    if (resourceVersion !== undefined && resourceVersion !== '') this.#lastSyncResourceVersion = resourceVersion;
  }

  #report(err: unknown): void {
    if (this.#options.onError !== undefined) {
      this.#options.onError(err);
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${this.#options.name ?? 'reflector'}: ${message}\n`);
  }
}

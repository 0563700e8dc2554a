// Watchers of the sqlite store. A watch first replays stored history from the reader, then
// continues with live events dispatched by the store. The switch-over point is fixed in one
// synchronous step (the dispatched revision when the watch starts), so nothing is missed
// and nothing is delivered twice.

import { EventQueue } from '../event-queue.ts';
import type { StorageError } from '../errors.ts';
import type { Watch, WatchEvent } from '../store.ts';
import type { SqliteReader } from './reader.ts';

const HISTORY_PAGE = 1000;

interface Watcher {
  readonly prefix: string;
  /** Live events at or below this revision are covered by the history replay. */
  readonly liveAfter: number;
  readonly queue: EventQueue<WatchEvent>;
}

export class WatchHub {
  readonly #reader: SqliteReader;
  readonly #buffer: number;
  readonly #dispatched: () => number;
  readonly #watchers = new Set<Watcher>();

  constructor(reader: SqliteReader, buffer: number, dispatched: () => number) {
    this.#reader = reader;
    this.#buffer = buffer;
    this.#dispatched = dispatched;
  }

  get size(): number {
    return this.#watchers.size;
  }

  watch(prefix: string, afterRevision: number, signal: AbortSignal | undefined): Watch {
    return { [Symbol.asyncIterator]: () => this.#run(prefix, afterRevision, signal) };
  }

  /** Hands committed events, in revision order, to every watcher whose prefix they match. */
  dispatch(events: readonly WatchEvent[]): void {
    if (events.length === 0 || this.#watchers.size === 0) return;
    for (const watcher of this.#watchers) {
      for (const event of events) {
        if (event.revision > watcher.liveAfter && event.kv.key.startsWith(watcher.prefix)) watcher.queue.push(event);
      }
    }
  }

  closeAll(): void {
    for (const watcher of this.#watchers) watcher.queue.end();
    this.#watchers.clear();
  }

  failAll(error: StorageError): void {
    for (const watcher of this.#watchers) watcher.queue.fail(error);
    this.#watchers.clear();
  }

  async *#run(prefix: string, afterRevision: number, signal: AbortSignal | undefined): AsyncGenerator<WatchEvent, void, undefined> {
    if (signal?.aborted === true) return;
    const liveAfter = Math.max(afterRevision, this.#dispatched());
    const watcher: Watcher = { prefix, liveAfter, queue: new EventQueue(this.#buffer) };
    // The first page is read in the same tick as the watcher is registered.
    let page = this.#reader.history(prefix, afterRevision, liveAfter, HISTORY_PAGE);
    this.#watchers.add(watcher);
    const onAbort = (): void => watcher.queue.end();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // An ended queue (aborted, closed or failed) cuts the replay short; iterating it
      // below then ends or throws as it should.
      replay: for (;;) {
        for (const event of page) {
          if (watcher.queue.ended) break replay;
          yield event;
        }
        const last = page.at(-1);
        if (page.length < HISTORY_PAGE || last === undefined || watcher.queue.ended) break;
        page = this.#reader.history(prefix, last.revision, liveAfter, HISTORY_PAGE);
      }
      yield* watcher.queue;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#watchers.delete(watcher);
      watcher.queue.end();
    }
  }
}

// One Store watch on etcd: a gRPC watch stream of its own, re-opened after a failure from
// the revision after the last one delivered, so that events arrive in revision order with no
// gap and no repeat whichever members come and go.
//
// etcd3's Watcher is not used: it resumes from the revision in the last response's header,
// which while etcd replays history is the current revision, not the last event's, so a
// reconnect during a replay would skip events.

import type { Etcd3, IEvent, IKeyValue, IWatchResponse } from 'etcd3';
import { StorageError } from '../errors.ts';
import { EventQueue } from '../event-queue.ts';
import type { WatchEvent } from '../store.ts';
import { storageErrorOf } from './etcd-calls.ts';
import type { ByteRange, KeySpace } from './etcd-keys.ts';

type WatchStream = Awaited<ReturnType<Etcd3['watchClient']['watch']>>;

export interface WatchSessionOptions {
  readonly client: Etcd3;
  readonly keys: KeySpace;
  readonly range: ByteRange;
  /** Events with a revision above this one are delivered. */
  readonly afterRevision: number;
  /** Events a consumer may fall behind before the watch fails with 'Unavailable'. */
  readonly buffer: number;
  /** A watch that cannot reach etcd for this long fails with 'Unavailable'. */
  readonly reconnectTimeoutMs: number;
  /** Told of every compaction revision etcd reports. */
  readonly onCompacted: (revision: number) => void;
}

export class WatchSession {
  readonly #options: WatchSessionOptions;
  readonly #queue: EventQueue<WatchEvent>;
  /** The revision the next event must have at least: events below it were delivered. */
  #next: number;
  #stream: WatchStream | undefined;
  /** Bumped per stream, so that a stale stream's late callbacks are ignored. */
  #generation = 0;
  #failingSince: number | undefined;
  #retries = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: WatchSessionOptions) {
    this.#options = options;
    this.#queue = new EventQueue(options.buffer);
    this.#next = options.afterRevision + 1;
  }

  get events(): AsyncIterable<WatchEvent> {
    return this.#queue;
  }

  start(): void {
    void this.#open();
  }

  /** Ends the watch: iteration finishes after the events already queued. */
  stop(): void {
    this.#finish();
    this.#queue.end();
  }

  #fail(error: StorageError): void {
    this.#finish();
    this.#queue.fail(error);
  }

  /** Releases the stream (and so etcd's watcher) and any pending reconnect. */
  #finish(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#release();
  }

  #release(): void {
    const stream = this.#stream;
    this.#stream = undefined;
    this.#generation++;
    if (stream === undefined) return;
    try {
      // Half-close first: etcd3 marks a member failed when a stream that is still writable
      // errors, and cancel() raises a CANCELLED error. Cancelling makes etcd drop the watcher.
      stream.end();
      stream.cancel();
    } catch {
      // Already gone.
    }
  }

  /** Opens a stream and asks for the events from #next on; a failure goes to #broken. */
  async #open(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const stream = await this.#options.client.watchClient.watch();
      if (this.#stopped || generation !== this.#generation) {
        stream.end();
        stream.cancel();
        return;
      }
      this.#stream = stream;
      stream.on('data', (response: IWatchResponse) => this.#receive(response, generation));
      stream.on('error', (error: Error) => this.#broken(error, generation));
      stream.on('end', () => this.#broken(new Error('etcd ended the watch stream'), generation));
      const { key, rangeEnd } = this.#options.range;
      stream.write({
        create_request: { key, range_end: rangeEnd, start_revision: this.#next, prev_kv: true, progress_notify: true },
      });
    } catch (error) {
      this.#broken(error, generation);
    }
  }

  /** The stream failed: open another after a pause, or give up once etcd was out of reach too long. */
  #broken(error: unknown, generation: number): void {
    if (this.#stopped || generation !== this.#generation) return;
    this.#release();
    const now = Date.now();
    this.#failingSince ??= now;
    if (now - this.#failingSince >= this.#options.reconnectTimeoutMs) {
      this.#fail(storageErrorOf(error, `watch (no member answered for ${now - this.#failingSince} ms)`));
      return;
    }
    const pause = Math.min(50 * 2 ** this.#retries++, 1_000);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#open();
    }, pause);
  }

  #receive(response: IWatchResponse, generation: number): void {
    if (this.#stopped || generation !== this.#generation) return;
    const compacted = Number(response.compact_revision);
    if (compacted > 0) {
      this.#options.onCompacted(compacted);
      this.#fail(StorageError.expired(this.#next - 1, compacted));
      return;
    }
    if (response.canceled) {
      this.#fail(StorageError.unavailable(`etcd cancelled the watch: ${response.cancel_reason}`));
      return;
    }
    if (response.created) {
      this.#failingSince = undefined;
      this.#retries = 0;
      return;
    }
    if (response.events.length === 0) {
      // A progress notification: etcd sends one only to a watcher that has been sent every
      // event up to the header's revision, so a reconnect may start after it.
      this.#next = Math.max(this.#next, Number(response.header.revision) + 1);
      return;
    }
    // etcd never splits the events of one revision across responses.
    let last = this.#next - 1;
    for (const event of response.events) {
      const revision = Number(event.kv.mod_revision);
      if (revision < this.#next) continue;
      try {
        this.#queue.push(this.#toWatchEvent(event, revision));
      } catch (error) {
        this.#fail(storageErrorOf(error, 'watch'));
        return;
      }
      last = revision;
    }
    this.#next = last + 1;
    // The queue fails itself when the consumer falls too far behind: let go of etcd then.
    if (this.#queue.ended) this.#finish();
  }

  #toWatchEvent(event: IEvent, revision: number): WatchEvent {
    const { keys } = this.#options;
    const previous: IKeyValue | null | undefined = event.prev_kv;
    const prev = previous === null || previous === undefined ? undefined : keys.keyValue(previous);
    if (event.type === 'Delete') {
      // etcd finds the previous value at the revision before the delete; it is gone only when
      // that revision was compacted meanwhile, and a consumer then needs to list again.
      if (prev === undefined) throw StorageError.expired(revision - 1, revision);
      return { type: 'DELETED', revision, kv: { ...prev, modRevision: revision }, prev };
    }
    const kv = keys.keyValue(event.kv);
    if (kv.createRevision === kv.modRevision) return { type: 'ADDED', revision, kv };
    return { type: 'MODIFIED', revision, kv, prev };
  }
}

// One Store watch on etcd: a gRPC watch stream of its own, re-opened after a failure from
// the revision after the last one delivered, so that events arrive in revision order with no
// gap and no repeat whichever members come and go.
//
// One stream per Store watch (not one stream shared by many watchers) keeps resuming simple:
// it restarts from the revision after the last event delivered, never from a response
// header's revision, which while etcd replays history is the current one, not the last event's.

import type { ClientStream } from '../../grpc/index.ts';
import { StorageError } from '../errors.ts';
import { EventQueue } from '../event-queue.ts';
import type { WatchEvent } from '../store.ts';
import { storageErrorOf } from './etcd-calls.ts';
import type { EtcdClient } from './etcd-client.ts';
import type { ByteRange, KeySpace } from './etcd-keys.ts';
import type { EtcdEvent, WatchRequest, WatchResponse } from './etcd-messages.ts';

export interface WatchSessionOptions {
  readonly client: EtcdClient;
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
  #stream: ClientStream<WatchRequest> | undefined;
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
    this.#open();
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
    // Resetting the stream makes etcd drop the watcher.
    stream?.cancel();
  }

  /** Opens a stream and asks for the events from #next on; a failure goes to #broken. */
  #open(): void {
    const generation = ++this.#generation;
    const stream = this.#options.client.watch({
      onMessage: (response) => this.#receive(response, generation),
      onClose: (error) => this.#broken(error ?? new Error('etcd ended the watch stream'), generation),
    });
    this.#stream = stream;
    const { key, rangeEnd } = this.#options.range;
    stream.write({ createRequest: { key, rangeEnd, startRevision: this.#next, prevKv: true, progressNotify: true } });
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
      this.#open();
    }, pause);
  }

  #receive(response: WatchResponse, generation: number): void {
    if (this.#stopped || generation !== this.#generation) return;
    const compacted = Number(response.compactRevision);
    if (compacted > 0) {
      this.#options.onCompacted(compacted);
      this.#fail(StorageError.expired(this.#next - 1, compacted));
      return;
    }
    if (response.canceled) {
      this.#fail(StorageError.unavailable(`etcd cancelled the watch: ${response.cancelReason}`));
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
      this.#next = Math.max(this.#next, Number(response.header?.revision ?? 0) + 1);
      return;
    }
    // etcd never splits the events of one revision across responses.
    let last = this.#next - 1;
    for (const event of response.events) {
      const revision = Number(event.kv?.modRevision ?? 0);
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

  #toWatchEvent(event: EtcdEvent, revision: number): WatchEvent {
    const { keys } = this.#options;
    const prev = event.prevKv === null ? undefined : keys.keyValue(event.prevKv);
    if (event.type === 'DELETE') {
      // etcd finds the previous value at the revision before the delete; it is gone only when
      // that revision was compacted meanwhile, and a consumer then needs to list again.
      if (prev === undefined) throw StorageError.expired(revision - 1, revision);
      return { type: 'DELETED', revision, kv: { ...prev, modRevision: revision }, prev };
    }
    if (event.kv === null) throw StorageError.unavailable(`etcd sent a PUT event without its key at revision ${revision}`);
    const kv = keys.keyValue(event.kv);
    if (kv.createRevision === kv.modRevision) return { type: 'ADDED', revision, kv };
    return { type: 'MODIFIED', revision, kv, prev };
  }
}

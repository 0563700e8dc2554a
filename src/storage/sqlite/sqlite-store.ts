// The embedded Store: one SQLite file in WAL mode with synchronous=FULL.
//
// Writes go to a writer thread (writer.ts) in batches: whatever arrives while a batch commits
// becomes the next batch, so many writers share one fsync (group commit). Reads use a
// connection of their own on this thread and never wait for a commit. Watch events are
// dispatched here, in revision order, when a batch's results come back; the same tick
// resolves the writers' promises, so a writer never sees its result before a watcher could.

import type { Worker } from 'node:worker_threads';
import { realClock, type Clock, type Timer } from '../../api/clock.ts';
import { decodeContinue, encodeContinue } from '../continue-token.ts';
import { StorageError } from '../errors.ts';
import { checkKey, checkPrefix, checkRevision, checkTtl, checkValue } from '../input.ts';
import type { DeletePreconditions, KeyValue, ListOptions, ListResult, Store, Watch, WatchEvent, WatchOptions, WriteOptions } from '../store.ts';
import { packOps, unpackResults, type BatchRequest, type OpResult, type WriteOp, type WriterMessage } from './protocol.ts';
import { SqliteReader } from './reader.ts';
import { WatchHub } from './watch-hub.ts';
import { writerWorker } from './writer-worker.ts';

export interface SqliteStoreOptions {
  /** How often history is compacted (upstream's --etcd-compaction-interval; default 5 min; 0: never). */
  readonly compactIntervalMs?: number;
  /** Revisions always kept in history, however old (default 1,000). */
  readonly retainRevisions?: number;
  /** How often keys with a TTL are checked for expiry (default 1 s). */
  readonly expiryIntervalMs?: number;
  /** Events a watcher may fall behind before it is stopped (default 10,000). */
  readonly watcherBuffer?: number;
  readonly clock?: Clock;
}

/** Writes per transaction at most; more wait for the next one. */
const MAX_BATCH_OPS = 4096;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const COMPACT_STEP_ROWS = 10_000;

interface Pending {
  readonly op: WriteOp;
  readonly bytes: number;
  readonly resolve: (result: OpResult) => void;
  readonly reject: (error: StorageError) => void;
}

export class SqliteStore implements Store {
  readonly #worker: Worker;
  readonly #reader: SqliteReader;
  readonly #hub: WatchHub;
  readonly #clock: Clock;
  readonly #timers: Timer[] = [];
  #queue: Pending[] = [];
  #inFlight: Pending[] | undefined;
  #batchId = 0;
  /** The revision of the last batch whose events were dispatched. */
  #dispatched: number;
  #broken: StorageError | undefined;
  #closed = false;
  #compacting: Promise<void> | undefined;

  /** Opens (creating if needed) the store at `path`. */
  static async open(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    const worker = writerWorker(path);
    const ready = await new Promise<Extract<WriterMessage, { kind: 'ready' }>>((resolve, reject) => {
      worker.once('message', (message: WriterMessage) => {
        if (message.kind === 'ready') resolve(message);
        else reject(new Error(message.kind === 'fatal' ? message.message : `unexpected ${message.kind}`));
      });
      worker.once('error', reject);
    }).catch(async (cause: unknown) => {
      await worker.terminate();
      throw StorageError.unavailable(`cannot open ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    });
    return new SqliteStore(worker, new SqliteReader(path), ready.revision, options);
  }

  private constructor(worker: Worker, reader: SqliteReader, revision: number, options: SqliteStoreOptions) {
    this.#worker = worker;
    this.#reader = reader;
    this.#dispatched = revision;
    this.#clock = options.clock ?? realClock;
    this.#hub = new WatchHub(reader, options.watcherBuffer ?? 10_000, () => this.#dispatched);
    worker.on('message', (message: WriterMessage) => this.#onMessage(message));
    worker.on('error', (error) => this.#fail(StorageError.unavailable(`sqlite writer failed: ${error.message}`, error)));
    worker.on('exit', () => this.#fail(StorageError.unavailable('sqlite writer stopped')));
    this.#timers.push(this.#clock.every(options.expiryIntervalMs ?? 1000, () => this.#expire()));
    const interval = options.compactIntervalMs ?? 5 * 60_000;
    if (interval > 0) {
      const retain = options.retainRevisions ?? 1000;
      // As upstream's apiserver does: each tick compacts to the revision seen one tick
      // earlier, so between one and two intervals of history stay, and never fewer than
      // `retain` revisions.
      let previous = revision;
      this.#timers.push(this.#clock.every(interval, () => {
        const target = Math.min(previous, this.#dispatched - retain);
        previous = this.#dispatched;
        if (target > 0) this.compact(target).catch(() => undefined);
      }));
    }
  }

  async get(key: string): Promise<KeyValue | undefined> {
    checkKey(key);
    return this.#read(() => this.#reader.get(key));
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    checkPrefix(prefix);
    const limit = checkRevision('limit', options.limit ?? 0);
    let revision = checkRevision('revision', options.revision ?? 0);
    let from = prefix;
    if (options.continue !== undefined) {
      const point = decodeContinue(prefix, options.continue);
      revision = point.revision;
      from = point.startKey;
    }
    const page = this.#read(() => this.#reader.list(prefix, from, revision, limit));
    if (page.next === undefined) return { items: page.items, revision: page.revision };
    return { items: page.items, revision: page.revision, continue: encodeContinue(prefix, page.revision, page.next.key), remaining: page.next.remaining };
  }

  async count(prefix: string): Promise<number> {
    checkPrefix(prefix);
    return this.#read(() => this.#reader.count(prefix));
  }

  async create(key: string, value: string, options: WriteOptions = {}): Promise<KeyValue> {
    checkKey(key);
    const bytes = checkValue(key, value);
    const result = await this.#write({ op: 'create', key, value, expiresAt: this.#expiresAt(options) }, bytes);
    return this.#single(key, result);
  }

  async update(key: string, value: string, expectedModRevision: number, options: WriteOptions = {}): Promise<KeyValue> {
    checkKey(key);
    const bytes = checkValue(key, value);
    const expected = checkRevision('expectedModRevision', expectedModRevision);
    const result = await this.#write({ op: 'update', key, value, expected, expiresAt: this.#expiresAt(options) }, bytes);
    return this.#single(key, result);
  }

  async delete(key: string, preconditions: DeletePreconditions = {}): Promise<KeyValue> {
    checkKey(key);
    const expected = preconditions.modRevision === undefined ? null : checkRevision('modRevision', preconditions.modRevision);
    return this.#single(key, await this.#write({ op: 'delete', key, expected }, key.length));
  }

  watch(prefix: string, options: WatchOptions): Watch {
    checkPrefix(prefix);
    checkRevision('afterRevision', options.afterRevision);
    if (this.#closed) throw StorageError.unavailable('store is closed');
    return this.#hub.watch(prefix, options.afterRevision, options.signal);
  }

  async compact(revision: number): Promise<void> {
    checkRevision('revision', revision);
    if (revision > this.#dispatched) throw StorageError.tooLargeRevision(revision, this.#dispatched);
    // One compaction at a time; each step is a short transaction of its own, so writers
    // are never held up for long.
    while (this.#compacting !== undefined) await this.#compacting;
    if (revision <= this.#reader.snapshot().compacted) return;
    this.#compacting = (async () => {
      for (;;) {
        const result = await this.#write({ op: 'compact', revision, max: COMPACT_STEP_ROWS }, 0);
        if (!result.ok || result.done === true) return;
      }
    })().finally(() => {
      this.#compacting = undefined;
    });
    await this.#compacting;
  }

  async currentRevision(): Promise<number> {
    return this.#read(() => this.#reader.snapshot().revision);
  }

  async compactedRevision(): Promise<number> {
    return this.#read(() => this.#reader.snapshot().compacted);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) timer.cancel();
    // Let what was accepted commit, then stop the writer.
    while (this.#inFlight !== undefined || this.#queue.length > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#broken !== undefined) break;
    }
    this.#hub.closeAll();
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage({ kind: 'close' });
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
    await this.#worker.terminate();
    this.#reader.close();
  }

  #read<T>(read: () => T): T {
    if (this.#closed) throw StorageError.unavailable('store is closed');
    try {
      return read();
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw StorageError.unavailable(`sqlite read failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  #expiresAt(options: WriteOptions): number | null {
    const ttl = checkTtl(options.ttlSeconds);
    return ttl === undefined ? null : this.#clock.now() + ttl * 1000;
  }

  #single(key: string, result: OpResult): KeyValue {
    if (result.ok) {
      const change = result.changes[0];
      if (change === undefined) throw StorageError.unavailable('sqlite writer returned no change');
      return change.kv;
    }
    throw new StorageError(result.code, result.message, result.current === undefined ? { key } : { key, current: result.current });
  }

  #write(op: WriteOp, bytes: number): Promise<OpResult> {
    if (this.#closed) return Promise.reject(StorageError.unavailable('store is closed'));
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    return new Promise<OpResult>((resolve, reject) => {
      this.#queue.push({ op, bytes, resolve, reject });
      this.#pump();
    });
  }

  /** Sends the next batch when none is being committed. */
  #pump(): void {
    if (this.#inFlight !== undefined || this.#queue.length === 0) return;
    let count = 0;
    let bytes = 0;
    while (count < this.#queue.length && count < MAX_BATCH_OPS && (count === 0 || bytes + this.#queue[count]!.bytes <= MAX_BATCH_BYTES)) {
      bytes += this.#queue[count]!.bytes;
      count++;
    }
    const batch = this.#queue.slice(0, count);
    this.#queue = this.#queue.slice(count);
    this.#inFlight = batch;
    const request: BatchRequest = { id: ++this.#batchId, ops: packOps(batch.map((p) => p.op)) };
    this.#worker.postMessage(request, [request.ops.numbers.buffer]);
  }

  #onMessage(message: WriterMessage): void {
    const batch = this.#inFlight;
    if (message.kind === 'fatal') return this.#fail(StorageError.unavailable(`sqlite writer failed: ${message.message}`));
    if (message.kind === 'ready' || batch === undefined) return;
    this.#inFlight = undefined;
    if (message.kind === 'failed') {
      const error = StorageError.unavailable(`sqlite write failed: ${message.message}`);
      for (const pending of batch) pending.reject(error);
    } else {
      const events: WatchEvent[] = [];
      unpackResults(batch.map((pending) => pending.op), message.results).forEach((result, i) => {
        if (result.ok) for (const change of result.changes) events.push({ ...change, revision: change.kv.modRevision } as WatchEvent);
        batch[i]?.resolve(result);
      });
      this.#dispatched = message.revision;
      this.#hub.dispatch(events);
    }
    this.#pump();
  }

  #expire(): void {
    if (this.#broken !== undefined || this.#closed) return;
    const now = this.#clock.now();
    try {
      if (!this.#reader.anyExpired(now)) return;
    } catch {
      return;
    }
    this.#write({ op: 'expire', now, max: 1000 }, 0).catch(() => undefined);
  }

  #fail(error: StorageError): void {
    if (this.#broken !== undefined || this.#closed) return;
    this.#broken = error;
    for (const pending of [...(this.#inFlight ?? []), ...this.#queue]) pending.reject(error);
    this.#inFlight = undefined;
    this.#queue = [];
    this.#hub.failAll(error);
  }
}

// The Store on an etcd v3 cluster (etcd://h1:2379,h2:2379): every verb is one etcd request,
// writes are the transactions of etcd-requests.ts, and etcd's revision is the Store's.
//
// Keys live under an optional keyPrefix (so that several stores, or test runs, share one
// etcd); callers never see it. The client spreads requests over every endpoint and moves off
// a member that fails, so the store keeps working while a quorum of members is up.

import { decodeContinue, encodeContinue } from '../continue-token.ts';
import { StorageError } from '../errors.ts';
import { checkKey, checkPrefix, checkRevision, checkTtl, checkValue } from '../input.ts';
import type { DeletePreconditions, KeyValue, ListOptions, ListResult, Store, Watch, WatchEvent, WatchOptions, WriteOptions } from '../store.ts';
import { isMemberFailure, withRetries, type CallPolicy } from './etcd-calls.ts';
import { EtcdClient } from './etcd-client.ts';
import { COMPACTION_RECORD_KEY, KeySpace } from './etcd-keys.ts';
import type { RangeRequest, RangeResponse, TxnRequest, TxnResponse } from './etcd-messages.ts';
import {
  createTxn, deletedValue, deleteTxn, preconditionFailed, PROBE, recordCompactionTxn, recordedCompaction, updatedCreateRevision, updateTxn,
} from './etcd-requests.ts';
import { WatchSession } from './etcd-watch.ts';

export interface EtcdStoreOptions {
  /** Members' client URLs, as host:port or http://host:port. */
  readonly endpoints: readonly string[];
  /**
   * Prepended to every key inside etcd (default: none). Stores sharing an etcd need prefixes
   * none of which starts another (as /a/ and /a/b/ do), or they see each other's keys.
   */
  readonly keyPrefix?: string;
  /** How long connect() waits for a member to answer (default 5 s). */
  readonly dialTimeoutMs?: number;
  /** How long one request, with its retries, may take (default 10 s); also how long a watch may go without etcd. */
  readonly requestTimeoutMs?: number;
  /** Events a watcher may fall behind before it is stopped (default 10,000). */
  readonly watcherBuffer?: number;
}

export class EtcdStore implements Store {
  readonly #client: EtcdClient;
  readonly #keys: KeySpace;
  readonly #requestTimeoutMs: number;
  readonly #watcherBuffer: number;
  readonly #sessions = new Set<WatchSession>();
  /** The highest compaction this store made or heard of. */
  #compacted = 0;
  #closed = false;

  /** Connects to the cluster and waits (up to dialTimeoutMs) until a member answers. */
  static async connect(options: EtcdStoreOptions): Promise<EtcdStore> {
    if (options.endpoints.length === 0) throw StorageError.invalid('etcd needs at least one endpoint');
    const keyPrefix = options.keyPrefix === undefined ? '' : checkPrefix(options.keyPrefix);
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    const store = new EtcdStore(options, keyPrefix, await EtcdClient.create(options.endpoints, requestTimeoutMs, isMemberFailure));
    const dialTimeoutMs = options.dialTimeoutMs ?? 5_000;
    try {
      const probe = (): Promise<RangeResponse> => store.#client.range(PROBE, dialTimeoutMs);
      await store.#call('read', 'connect', probe, dialTimeoutMs);
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private constructor(options: EtcdStoreOptions, keyPrefix: string, client: EtcdClient) {
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#watcherBuffer = options.watcherBuffer ?? 10_000;
    this.#client = client;
    this.#keys = new KeySpace(keyPrefix);
  }

  async get(key: string): Promise<KeyValue | undefined> {
    checkKey(key);
    const response = await this.#range('get', { key: this.#keys.key(key) });
    const kv = response.kvs[0];
    return kv === undefined ? undefined : this.#keys.keyValue(kv);
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    checkPrefix(prefix);
    const limit = checkRevision('limit', options.limit ?? 0);
    let revision = checkRevision('revision', options.revision ?? 0);
    let startKey: string | undefined;
    if (options.continue !== undefined) {
      ({ revision, startKey } = decodeContinue(prefix, options.continue));
    }
    const { key, rangeEnd } = this.#keys.range(prefix, startKey);
    const response = await this.#range('list', { key, rangeEnd, revision, limit }, revision);
    const items = response.kvs.map((kv) => this.#keys.keyValue(kv));
    const readAt = revision === 0 ? Number(response.header.revision) : revision;
    const last = items.at(-1);
    if (!response.more || last === undefined) return { items, revision: readAt };
    return {
      items,
      revision: readAt,
      // The next page starts right after the last key: that key with a NUL appended.
      continue: encodeContinue(prefix, readAt, `${last.key}\0`),
      remaining: Number(response.count) - items.length,
    };
  }

  async count(prefix: string): Promise<number> {
    checkPrefix(prefix);
    const { key, rangeEnd } = this.#keys.range(prefix);
    return Number((await this.#range('count', { key, rangeEnd, countOnly: true })).count);
  }

  async create(key: string, value: string, options: WriteOptions = {}): Promise<KeyValue> {
    checkKey(key);
    checkValue(key, value);
    const ttl = checkTtl(options.ttlSeconds);
    const etcdKey = this.#keys.key(key);
    const lease = await this.#grant(ttl);
    const response = await this.#txn('create', createTxn(etcdKey, value, lease));
    if (!response.succeeded) {
      await this.#revoke(lease);
      throw StorageError.keyExists(key);
    }
    const revision = Number(response.header.revision);
    return { key, value, createRevision: revision, modRevision: revision };
  }

  async update(key: string, value: string, expectedModRevision: number, options: WriteOptions = {}): Promise<KeyValue> {
    checkKey(key);
    checkValue(key, value);
    checkRevision('expectedModRevision', expectedModRevision);
    const ttl = checkTtl(options.ttlSeconds);
    const etcdKey = this.#keys.key(key);
    const lease = await this.#grant(ttl);
    const response = await this.#txn('update', updateTxn(etcdKey, value, expectedModRevision, lease));
    if (!response.succeeded) {
      await this.#revoke(lease);
      throw preconditionFailed(this.#keys, key, expectedModRevision, response);
    }
    const revision = Number(response.header.revision);
    return { key, value, createRevision: updatedCreateRevision(response) ?? revision, modRevision: revision };
  }

  async delete(key: string, preconditions: DeletePreconditions = {}): Promise<KeyValue> {
    checkKey(key);
    const expected = preconditions.modRevision === undefined ? undefined : checkRevision('modRevision', preconditions.modRevision);
    const response = await this.#txn('delete', deleteTxn(this.#keys.key(key), expected));
    if (!response.succeeded) throw preconditionFailed(this.#keys, key, expected ?? 0, response);
    const last = deletedValue(response);
    if (last === undefined) throw StorageError.keyNotFound(key);
    return { ...this.#keys.keyValue(last), modRevision: Number(response.header.revision) };
  }

  watch(prefix: string, options: WatchOptions): Watch {
    checkPrefix(prefix);
    const afterRevision = checkRevision('afterRevision', options.afterRevision);
    return { [Symbol.asyncIterator]: () => this.#watch(prefix, afterRevision, options.signal) };
  }

  async compact(revision: number): Promise<void> {
    checkRevision('revision', revision);
    if (revision === 0) return;
    try {
      // Compaction is idempotent: retried like a read.
      await this.#call('read', 'compact', () => this.#client.compact({ revision, physical: true }));
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      // Already compacted at or after `revision`: what was asked holds.
      if (error.code === 'TooLargeRevision') throw StorageError.tooLargeRevision(revision, await this.currentRevision());
      if (error.code !== 'Expired') throw error;
    }
    this.#learnCompacted(revision);
    await this.#recordCompaction(revision);
  }

  async currentRevision(): Promise<number> {
    return Number((await this.#range('currentRevision', PROBE)).header.revision);
  }

  async compactedRevision(): Promise<number> {
    const record = (await this.#range('compactedRevision', { key: COMPACTION_RECORD_KEY })).kvs[0];
    this.#learnCompacted(recordedCompaction(record));
    return this.#compacted;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const session of this.#sessions) session.stop();
    this.#sessions.clear();
    this.#client.close();
  }

  async *#watch(prefix: string, afterRevision: number, signal: AbortSignal | undefined): AsyncGenerator<WatchEvent> {
    const ended = (): boolean => this.#closed || signal?.aborted === true;
    if (ended()) return;
    // etcd serves a watch from the compacted revision itself (and would then miss a delete
    // made at that revision): refuse it as the contract says.
    let compacted: number;
    try {
      compacted = await this.compactedRevision();
    } catch (error) {
      if (ended()) return;
      throw error;
    }
    if (afterRevision < compacted) throw StorageError.expired(afterRevision, compacted);
    if (ended()) return;
    const session = new WatchSession({
      client: this.#client,
      keys: this.#keys,
      range: this.#keys.range(prefix),
      afterRevision,
      buffer: this.#watcherBuffer,
      reconnectTimeoutMs: this.#requestTimeoutMs,
      onCompacted: (revision) => this.#learnCompacted(revision),
    });
    const stop = (): void => session.stop();
    signal?.addEventListener('abort', stop, { once: true });
    this.#sessions.add(session);
    try {
      session.start();
      yield* session.events;
    } finally {
      signal?.removeEventListener('abort', stop);
      this.#sessions.delete(session);
      session.stop();
    }
  }

  /**
   * Raises the compaction record to `revision`, for other stores (and this one after a
   * restart) to read: etcd has no request that tells the compacted revision.
   */
  async #recordCompaction(revision: number): Promise<void> {
    for (;;) {
      const record = (await this.#range('compact', { key: COMPACTION_RECORD_KEY })).kvs[0];
      if (recordedCompaction(record) >= revision) return;
      if ((await this.#txn('compact', recordCompactionTxn(record, revision))).succeeded) return;
    }
  }

  #learnCompacted(revision: number): void {
    if (Number.isSafeInteger(revision) && revision > this.#compacted) this.#compacted = revision;
  }

  /** A lease for a write with a TTL: etcd deletes the key (with a DELETED event) when it expires. */
  async #grant(ttl: number | undefined): Promise<string | undefined> {
    if (ttl === undefined) return undefined;
    return (await this.#call('write', 'lease grant', () => this.#client.leaseGrant({ TTL: ttl }))).ID;
  }

  /** Gives back the lease of a write that did not happen; it would expire unused anyway. */
  async #revoke(lease: string | undefined): Promise<void> {
    if (lease === undefined) return;
    await this.#client.leaseRevoke({ ID: lease }).catch(() => undefined);
  }

  async #range(what: string, request: RangeRequest, revision = 0): Promise<RangeResponse> {
    try {
      return await this.#call('read', what, () => this.#client.range(request));
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      if (error.code === 'Expired') {
        // etcd refuses a read below its compaction: at least revision + 1.
        this.#learnCompacted(revision + 1);
        throw StorageError.expired(revision, this.#compacted);
      }
      if (error.code === 'TooLargeRevision') throw StorageError.tooLargeRevision(revision, await this.currentRevision());
      throw error;
    }
  }

  async #txn(what: string, request: TxnRequest): Promise<TxnResponse> {
    return await this.#call('write', what, () => this.#client.txn(request));
  }

  async #call<T>(kind: CallPolicy['kind'], what: string, call: () => Promise<T>, budgetMs = this.#requestTimeoutMs): Promise<T> {
    if (this.#closed) throw StorageError.unavailable(`etcd ${what}: the store is closed`);
    return await withRetries(what, { kind, budgetMs, stopped: () => this.#closed }, call);
  }
}

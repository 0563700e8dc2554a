// One cache of one resource, kept by a Reflector and shared by every handler in the process
// (client-go's sharedIndexInformer). Each change is applied to the indexer first and then told to
// every handler, in the order it happened, so a handler reading the lister sees the change.
// After a relist, objects gone from the list reach onDelete as DeletedFinalStateUnknown, objects
// whose resourceVersion changed reach onUpdate, unchanged ones are not repeated. Handlers run
// synchronously and should only enqueue work; one that throws is reported and skipped.

import { realClock, type Clock, type Timer } from '../../api/clock.ts';
import type { KubeObject } from '../rest/types.ts';
import type { ListerWatcher } from './list-watch.ts';
import { Lister } from './lister.ts';
import { Reflector, type ReflectorOptions, type ReflectorStore } from './reflector.ts';
import {
  DeletedFinalStateUnknown, Indexer, metaNamespaceIndexFunc, metaNamespaceKey, NAMESPACE_INDEX, type Indexers, type KeyFunc,
} from './store.ts';

export interface ResourceEventHandler<T> {
  /** `isInInitialList`: the object came with the first list, or was already cached when the handler was added. */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** Also called with old === new on a resync. */
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration {
  /** True once the handler has been told of every object of the informer's first list. */
  hasSynced(): boolean;
  /** Stops deliveries to the handler (and its resync timer). */
  remove(): void;
}

export interface SharedInformerOptions<T> extends Omit<ReflectorOptions, 'clock'> {
  readonly clock?: Clock;
  /** Default resync period for handlers (ms); 0 or absent: no resync. */
  readonly resyncPeriodMs?: number;
  /** Extra indexes besides the namespace index. */
  readonly indexers?: Indexers<T>;
  readonly keyFunc?: KeyFunc<T>;
  /**
   * Applied to every object before it enters the cache and reaches the handlers (client-go's
   * SetTransform): listed and watched objects alike, deleted ones included. Objects come fresh
   * from the wire, so it may change them in place; it must keep metadata's name, namespace and
   * resourceVersion.
   */
  readonly transform?: (obj: T) => T;
}

interface Listener<T> {
  readonly handler: ResourceEventHandler<T>;
  readonly resyncPeriodMs: number;
  timer: Timer | undefined;
  removed: boolean;
}

export class SharedInformer<T extends KubeObject> {
  readonly indexer: Indexer<T>;
  readonly #lw: ListerWatcher<T>;
  readonly #options: SharedInformerOptions<T>;
  readonly #clock: Clock;
  readonly #listeners = new Set<Listener<T>>();
  /** The listeners as an array, made again after a change: an event is told to the listeners there were when it came. */
  #listenerList: readonly Listener<T>[] | undefined;
  #reflector: Reflector<T> | undefined;
  #running = false;
  #synced = false;
  #syncWaiters: (() => void)[] = [];

  constructor(lw: ListerWatcher<T>, options: SharedInformerOptions<T> = {}) {
    this.#lw = lw;
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    this.indexer = new Indexer<T>(options.keyFunc ?? (metaNamespaceKey as KeyFunc<T>),
      { [NAMESPACE_INDEX]: metaNamespaceIndexFunc, ...options.indexers });
  }

  lister(): Lister<T> {
    return new Lister<T>(this.indexer);
  }

  /** True once the first list has been applied and told to the handlers. */
  hasSynced(): boolean {
    return this.#synced;
  }

  /** Resolves true once synced, or false if `signal` aborts first. */
  waitForSync(signal: AbortSignal): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onSync = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
      const onAbort = (): void => {
        this.#syncWaiters = this.#syncWaiters.filter((w) => w !== onSync);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#syncWaiters.push(onSync);
    });
  }

  lastSyncResourceVersion(): string {
    return this.#reflector?.lastSyncResourceVersion() ?? '';
  }

  /**
   * Adds a handler. Added to a running informer, it is first told of every cached object (as
   * onAdd with isInInitialList). `resyncPeriodMs` overrides the informer's default.
   */
  addEventHandler(handler: ResourceEventHandler<T>, options: { resyncPeriodMs?: number } = {}): HandlerRegistration {
    const listener: Listener<T> = { handler, resyncPeriodMs: options.resyncPeriodMs ?? this.#options.resyncPeriodMs ?? 0, timer: undefined, removed: false };
    this.#listeners.add(listener);
    this.#listenerList = undefined;
    if (this.#synced) {
      for (const obj of this.indexer.list()) this.#call(listener, () => handler.onAdd?.(obj, true));
    }
    if (this.#running) this.#startResync(listener);
    return {
      hasSynced: () => this.#synced,
      remove: () => {
        listener.removed = true;
        listener.timer?.cancel();
        this.#listeners.delete(listener);
        this.#listenerList = undefined;
      },
    };
  }

  /** Adds indexes; allowed at any time, computed at once for cached objects. */
  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** Lists, watches and tells handlers until `signal` aborts; resync timers are freed then. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#running) throw new Error('informer: already running');
    if (signal.aborted) return;
    this.#running = true;
    const reflector = new Reflector<T>(this.#lw, this.#store(), { ...this.#options, clock: this.#clock });
    this.#reflector = reflector;
    for (const listener of this.#listeners) this.#startResync(listener);
    try {
      await reflector.run(signal);
    } finally {
      this.#running = false;
      for (const listener of this.#listeners) {
        listener.timer?.cancel();
        listener.timer = undefined;
      }
    }
  }

  #store(): ReflectorStore<T> {
    const transform = this.#options.transform ?? ((obj: T): T => obj);
    return {
      replace: (items) => this.#replace(this.#options.transform === undefined ? items : items.map(transform)),
      add: (obj) => this.#upsert(transform(obj)),
      update: (obj) => this.#upsert(transform(obj)),
      delete: (raw) => {
        const obj = transform(raw);
        this.indexer.delete(obj);
        this.#notify((h) => h.onDelete?.(obj));
      },
    };
  }

  #upsert(obj: T): void {
    const old = this.indexer.upsert(obj);
    if (old === undefined) this.#notify((h) => h.onAdd?.(obj, false));
    else this.#notify((h) => h.onUpdate?.(old, obj));
  }

  #replace(items: readonly T[]): void {
    const initial = !this.#synced;
    const listed = new Set<string>();
    for (const obj of items) {
      const key = this.indexer.keyOf(obj);
      listed.add(key);
      const old = this.indexer.getByKey(key);
      this.indexer.update(obj);
      if (old === undefined) this.#notify((h) => h.onAdd?.(obj, initial));
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.#notify((h) => h.onUpdate?.(old, obj));
    }
    for (const key of this.indexer.listKeys()) {
      if (listed.has(key)) continue;
      const old = this.indexer.getByKey(key);
      this.indexer.deleteByKey(key);
      if (old !== undefined) this.#notify((h) => h.onDelete?.(new DeletedFinalStateUnknown(key, old)));
    }
    if (initial) {
      this.#synced = true;
      const waiters = this.#syncWaiters;
      this.#syncWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  #startResync(listener: Listener<T>): void {
    if (listener.resyncPeriodMs <= 0 || listener.timer !== undefined) return;
    listener.timer = this.#clock.every(listener.resyncPeriodMs, () => {
      if (!this.#synced || listener.removed) return;
      for (const obj of this.indexer.list()) this.#call(listener, () => listener.handler.onUpdate?.(obj, obj));
    });
  }

  #notify(deliver: (handler: ResourceEventHandler<T>) => void): void {
    const listeners = (this.#listenerList ??= [...this.#listeners]);
    for (const listener of listeners) {
      if (listener.removed) continue;
      try {
        deliver(listener.handler);
      } catch (err) {
        this.#reportHandlerError(err);
      }
    }
  }

  #call(listener: Listener<T>, fn: () => void): void {
    if (listener.removed) return;
    try {
      fn();
    } catch (err) {
      this.#reportHandlerError(err);
    }
  }

  #reportHandlerError(err: unknown): void {
    const message = err instanceof Error ? err.stack ?? err.message : String(err);
    process.stderr.write(`${this.#options.name ?? 'informer'}: event handler failed: ${message}\n`);
  }
}

/**
 * A transform that drops metadata.managedFields, as upstream's kube-controller-manager trims
 * its informers' objects: no controller reads them, and they are a large part of each object
 * kept. Writes of a cached object then carry none, and the API server keeps the stored ones.
 * The field is set to undefined rather than deleted: deleting a property that is not the last
 * one turns the object into a slow dictionary-mode object in V8, and every later read of the
 * pod's metadata would pay for it. JSON.stringify leaves undefined fields out.
 */
export function trimManagedFields<T extends KubeObject>(obj: T): T {
  const meta = obj.metadata as { managedFields?: unknown } | undefined;
  if (meta?.managedFields !== undefined) meta.managedFields = undefined;
  return obj;
}

/** Resolves true once every informer has synced, false if `signal` aborts first (cache.WaitForCacheSync). */
export async function waitForCacheSync(signal: AbortSignal, ...informers: { waitForSync(signal: AbortSignal): Promise<boolean> }[]): Promise<boolean> {
  const results = await Promise.all(informers.map((informer) => informer.waitForSync(signal)));
  return results.every(Boolean);
}

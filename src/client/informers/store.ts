// An informer's cache (client-go's cache.Indexer over its thread-safe store): objects by key,
// plus indexes from index values to keys for fast lookups ("every pod on node n"). Objects are
// shared with every reader: never mutate one taken from the store, copy it first.
// JavaScript runs one task at a time, so each method is atomic, as the Go store's lock makes it.

import type { KubeObject } from '../rest/types.ts';

export type KeyFunc<T> = (obj: T) => string;
/** The values under which `obj` is indexed; an object may have none, one or several. */
export type IndexFunc<T> = (obj: T) => readonly string[];
export type Indexers<T> = Readonly<Record<string, IndexFunc<T>>>;

/** The name of the index every informer has: objects by namespace. */
export const NAMESPACE_INDEX = 'namespace';

/**
 * The final state of an object deleted while the informer was not watching: a relist found it
 * gone. `obj` may be stale. onDelete handlers receive it instead of the object.
 */
export class DeletedFinalStateUnknown<T> {
  readonly key: string;
  readonly obj: T;

  constructor(key: string, obj: T) {
    this.key = key;
    this.obj = obj;
  }
}

/** "namespace/name", or "name" for cluster-scoped objects (MetaNamespaceKeyFunc). */
export function metaNamespaceKey(obj: KubeObject): string {
  const namespace = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  return namespace === '' ? name : `${namespace}/${name}`;
}

/** The key of an object or of a tombstone (DeletionHandlingMetaNamespaceKeyFunc). */
export function deletionHandlingKey<T extends KubeObject>(obj: T | DeletedFinalStateUnknown<T>): string {
  return obj instanceof DeletedFinalStateUnknown ? obj.key : metaNamespaceKey(obj);
}

export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  if (slash === -1) return { namespace: '', name: key };
  if (key.indexOf('/', slash + 1) !== -1) throw new Error(`unexpected key format: "${key}"`);
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function metaNamespaceIndexFunc(obj: KubeObject): string[] {
  return [obj.metadata?.namespace ?? ''];
}

export class Indexer<T> {
  readonly #keyFunc: KeyFunc<T>;
  readonly #items = new Map<string, T>();
  readonly #indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys. */
  readonly #indices = new Map<string, Map<string, Set<string>>>();

  constructor(keyFunc: KeyFunc<T>, indexers: Indexers<T> = {}) {
    this.#keyFunc = keyFunc;
    this.addIndexers(indexers);
  }

  keyOf(obj: T): string {
    return this.#keyFunc(obj);
  }

  /** Adds or replaces the object under its key. */
  add(obj: T): void {
    const key = this.#keyFunc(obj);
    const old = this.#items.get(key);
    this.#items.set(key, obj);
    this.#reindex(key, old, obj);
  }

  update(obj: T): void {
    this.add(obj);
  }

  /** Adds or replaces the object under its key, answering the object it replaced (one key computed, not two). */
  upsert(obj: T): T | undefined {
    const key = this.#keyFunc(obj);
    const old = this.#items.get(key);
    this.#items.set(key, obj);
    this.#reindex(key, old, obj);
    return old;
  }

  delete(obj: T): void {
    this.deleteByKey(this.#keyFunc(obj));
  }

  deleteByKey(key: string): void {
    const old = this.#items.get(key);
    if (old === undefined) return;
    this.#items.delete(key);
    this.#reindex(key, old, undefined);
  }

  get(obj: T): T | undefined {
    return this.#items.get(this.#keyFunc(obj));
  }

  getByKey(key: string): T | undefined {
    return this.#items.get(key);
  }

  list(): T[] {
    return [...this.#items.values()];
  }

  listKeys(): string[] {
    return [...this.#items.keys()];
  }

  get size(): number {
    return this.#items.size;
  }

  /** Replaces the whole content with `items`, rebuilding every index. */
  replace(items: readonly T[]): void {
    this.#items.clear();
    for (const index of this.#indices.values()) index.clear();
    for (const obj of items) this.add(obj);
  }

  /** Objects that share any value of index `name` with `obj`. */
  index(name: string, obj: T): T[] {
    const keys = new Set<string>();
    for (const value of this.#indexFunc(name)(obj)) {
      for (const key of this.#indices.get(name)?.get(value) ?? []) keys.add(key);
    }
    return this.#objects(keys);
  }

  /** Objects whose index `name` includes `value`. */
  byIndex(name: string, value: string): T[] {
    this.#indexFunc(name);
    return this.#objects(this.#indices.get(name)?.get(value) ?? []);
  }

  indexKeys(name: string, value: string): string[] {
    this.#indexFunc(name);
    return [...this.#indices.get(name)?.get(value) ?? []];
  }

  /** The values index `name` holds. */
  listIndexFuncValues(name: string): string[] {
    return [...this.#indices.get(name)?.keys() ?? []];
  }

  hasIndex(name: string): boolean {
    return this.#indexers.has(name);
  }

  /** Adds indexes, computed at once for the objects already stored; a name may be added only once. */
  addIndexers(indexers: Indexers<T>): void {
    for (const name of Object.keys(indexers)) {
      if (this.#indexers.has(name)) throw new Error(`indexer conflict: ${name}`);
    }
    for (const [name, fn] of Object.entries(indexers)) {
      this.#indexers.set(name, fn);
      const index = new Map<string, Set<string>>();
      this.#indices.set(name, index);
      for (const [key, obj] of this.#items) {
        for (const value of fn(obj)) add(index, value, key);
      }
    }
  }

  #indexFunc(name: string): IndexFunc<T> {
    const fn = this.#indexers.get(name);
    if (fn === undefined) throw new Error(`index with name ${name} does not exist`);
    return fn;
  }

  #objects(keys: Iterable<string>): T[] {
    const out: T[] = [];
    for (const key of keys) {
      const obj = this.#items.get(key);
      if (obj !== undefined) out.push(obj);
    }
    return out;
  }

  #reindex(key: string, old: T | undefined, obj: T | undefined): void {
    for (const [name, fn] of this.#indexers) {
      const index = this.#indices.get(name);
      if (index === undefined) continue;
      const before = old === undefined ? [] : fn(old);
      const after = obj === undefined ? [] : fn(obj);
      // The common case (a namespace that never changes) touches nothing.
      if (before.length === 1 && after.length === 1 && before[0] === after[0]) continue;
      for (const value of before) remove(index, value, key);
      for (const value of after) add(index, value, key);
    }
  }
}

function add(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value);
  if (keys === undefined) index.set(value, keys = new Set());
  keys.add(key);
}

function remove(index: Map<string, Set<string>>, value: string, key: string): void {
  const keys = index.get(value);
  if (keys === undefined) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(value);
}

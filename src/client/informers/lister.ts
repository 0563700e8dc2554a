// Reads from an informer's cache, as client-go's generated listers do: list by label selector,
// get by name, scoped to a namespace through the namespace index. Controllers read through a
// lister, never through the API server. The objects returned are the cache's own: read-only.

import { EVERYTHING, matches, parseSelector, type Selector } from '../../api/labels/selector.ts';
import type { KubeObject } from '../rest/types.ts';
import { NAMESPACE_INDEX, type Indexer } from './store.ts';

function toSelector(selector: Selector | string | undefined): Selector {
  if (selector === undefined) return EVERYTHING;
  if (typeof selector !== 'string') return selector;
  const parsed = parseSelector(selector);
  if (!parsed.ok) throw new Error(`invalid label selector ${JSON.stringify(selector)}: ${parsed.error}`);
  return parsed.value;
}

function select<T extends KubeObject>(objects: readonly T[], selector: Selector): T[] {
  return objects.filter((obj) => matches(selector, obj.metadata?.labels));
}

export class NamespaceLister<T extends KubeObject> {
  readonly #indexer: Indexer<T>;
  readonly #namespace: string;

  constructor(indexer: Indexer<T>, namespace: string) {
    this.#indexer = indexer;
    this.#namespace = namespace;
  }

  /** Objects in the namespace whose labels match (all when no selector). */
  list(selector?: Selector | string): T[] {
    const objects = this.#indexer.hasIndex(NAMESPACE_INDEX)
      ? this.#indexer.byIndex(NAMESPACE_INDEX, this.#namespace)
      : this.#indexer.list().filter((obj) => (obj.metadata?.namespace ?? '') === this.#namespace);
    return select(objects, toSelector(selector));
  }

  get(name: string): T | undefined {
    return this.#indexer.getByKey(`${this.#namespace}/${name}`);
  }
}

export class Lister<T extends KubeObject> {
  readonly #indexer: Indexer<T>;

  constructor(indexer: Indexer<T>) {
    this.#indexer = indexer;
  }

  /** Every object (of every namespace) whose labels match. */
  list(selector?: Selector | string): T[] {
    return select(this.#indexer.list(), toSelector(selector));
  }

  /** A cluster-scoped object by name. */
  get(name: string): T | undefined {
    return this.#indexer.getByKey(name);
  }

  namespace(namespace: string): NamespaceLister<T> {
    return new NamespaceLister<T>(this.#indexer, namespace);
  }
}

// Lists and watches of the generic store, with upstream's resourceVersion semantics:
//   list, resourceVersion ""          the latest state (the cache once it has every write)
//   list, resourceVersion "0"         any state the cache has, at once
//   list, resourceVersion N           not older than N (NotOlderThan) or exactly N (Exact)
//   list with limit/continue          pages of one consistent snapshot: from the watch cache while
//                                     it holds that snapshot, else from the Store
//   watch, resourceVersion "" or "0"  ADDED for every current object, then changes
//   watch, resourceVersion N          changes after N (410 once N is out of the window)
// A resource kept out of the watch cache (events) is listed and watched from the Store, with
// the same semantics (its window is the Store's history since the last compaction).

import { isEmpty as fieldsEmpty, matches as fieldsMatch, requirements, type FieldSelector } from '../../api/fields/selector.ts';
import { isEmpty as labelsEmpty, matches as labelsMatch, type Selector } from '../../api/labels/selector.ts';
import { badRequest, resourceExpired } from '../../api/status.ts';
import { decodeContinue, encodeContinue, type ContinuePoint } from '../../storage/continue-token.ts';
import { isStorageError } from '../../storage/errors.ts';
import { watchStore } from '../../storage/cache/store-watch.ts';
import type { CacheEvent } from '../../storage/cache/types.ts';
import type { InitialEventsEnd } from '../../storage/cache/watch-cache.ts';
import type { GenericStore, RequestScope } from './generic-store.ts';
import { keys, type ApiObject } from './resource.ts';
import { decodeStored } from './stored.ts';
import { toStatusError } from './storage-errors.ts';

export interface Selection {
  readonly labels: Selector;
  readonly fields: FieldSelector;
}

export interface ListParams extends Selection {
  readonly limit: number;
  readonly continue: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly resourceVersionMatch: 'NotOlderThan' | 'Exact' | undefined;
}

export interface ListPage<T> {
  readonly items: T[];
  readonly resourceVersion: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
  /** The items are the watch cache's own objects (shared: never mutate them). */
  readonly fromCache?: boolean;
}

export interface WatchParams extends Selection {
  readonly resourceVersion: string | undefined;
  readonly sendInitialEvents: boolean;
  readonly allowWatchBookmarks: boolean;
  readonly signal: AbortSignal;
}

const BASE_FIELDS = ['metadata.name', 'metadata.namespace'];

/** Objects per Store call when the client asked for every object at once. */
const STORE_CHUNK = 1000;

/** Upstream's answer (410) to a continue token whose snapshot was compacted away. */
const CONTINUE_EXPIRED = 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** The fields a field selector may name for this resource, and their values for one object. */
export function selectableFields<T extends ApiObject>(store: GenericStore<T>, object: T): Record<string, string> {
  const meta = object.metadata ?? {};
  const base: Record<string, string> = { 'metadata.name': meta.name ?? '' };
  if (store.def.namespaced) base['metadata.namespace'] = meta.namespace ?? '';
  return { ...base, ...store.def.strategy.selectableFields?.(object) };
}

/** 400 for a field selector naming a field this resource does not support. */
export function checkFieldSelector<T extends ApiObject>(store: GenericStore<T>, selector: FieldSelector, sample: T): void {
  const known = new Set([...BASE_FIELDS, ...Object.keys(store.def.strategy.selectableFields?.(sample) ?? {})]);
  for (const requirement of requirements(selector)) {
    if (!known.has(requirement.field)) throw badRequest(`field label not supported: ${requirement.field}`);
  }
}

/** What a selection reads of an object: its labels and selectable fields. */
interface Selectable {
  readonly labels: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Selectable views of objects, per store (one stored object may be served by stores of several
 * versions) and per object. Watch cache objects are never mutated, and every selective watch of a
 * resource (the kubelets' spec.nodeName watches of pods: one per node) filters the same object,
 * so each object's view is made once, not once per watcher.
 */
const selectables = new WeakMap<object, WeakMap<object, Selectable>>();

function selectableOf<T extends ApiObject>(store: GenericStore<T>, memo: WeakMap<object, Selectable>, object: Readonly<Record<string, unknown>>): Selectable {
  let view = memo.get(object);
  if (view === undefined) {
    const typed = store.fromStorage(object as ApiObject);
    view = { labels: typed.metadata?.labels ?? {}, fields: selectableFields(store, typed) };
    memo.set(object, view);
  }
  return view;
}

/** Which objects a selection keeps; undefined when it keeps every one (nothing to evaluate per object). */
function filterOf<T extends ApiObject>(store: GenericStore<T>, selection: Selection): ((object: Readonly<Record<string, unknown>>) => boolean) | undefined {
  if (!isSelective(selection)) return undefined;
  let memo = selectables.get(store);
  if (memo === undefined) selectables.set(store, (memo = new WeakMap()));
  const views = memo;
  return (object) => {
    const view = selectableOf(store, views, object);
    return labelsMatch(selection.labels, view.labels) && fieldsMatch(selection.fields, view.fields);
  };
}

function parseRevision(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw badRequest(`Invalid value for ${what}: "${value}" is not a valid resource version`);
  return Number(value);
}

export async function listObjects<T extends ApiObject>(store: GenericStore<T>, scope: RequestScope, params: ListParams): Promise<ListPage<T>> {
  const rv = params.resourceVersion ?? '';
  if (params.resourceVersionMatch !== undefined && rv === '') {
    throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  }
  if (params.continue !== undefined && rv !== '' && rv !== '0') {
    throw badRequest('specifying resource version is not allowed when using continue');
  }
  const prefix = keys.prefix(store.def, scope.namespace);
  const filter = filterOf(store, params);
  if (!store.watchCached) return listFromStore(store, prefix, filter, params, params.resourceVersionMatch === 'Exact' ? parseRevision(rv, 'resourceVersion') : 0);
  const paged = params.continue !== undefined || (params.limit > 0 && rv !== '0') || params.resourceVersionMatch === 'Exact';
  if (paged && params.resourceVersionMatch === undefined && (rv === '' || params.continue !== undefined)) {
    const page = await pageFromCache(store, prefix, filter, params);
    if (page !== undefined) return page;
  }
  if (paged) return listFromStore(store, prefix, filter, params, params.resourceVersionMatch === 'Exact' ? parseRevision(rv, 'resourceVersion') : 0);
  const cache = store.cache;
  try {
    if (rv === '') await cache.waitUntilFresh();
    else if (rv !== '0') await cache.waitFor(parseRevision(rv, 'resourceVersion'));
    else await cache.ready();
  } catch (error) {
    // A consistent read the cache cannot catch up with in time is the Store's to answer, as
    // upstream's cacher falls back to etcd (a burst of writes can leave the cache behind).
    if (rv === '' && isStorageError(error, 'TooLargeRevision')) return listFromStore(store, prefix, filter, params, 0);
    throw toStatusError(error, { group: store.def.group, resource: store.def.resource }, '');
  }
  const { items, revision } = cache.list(prefix, filter);
  return { items: items.map((item) => store.fromStorage(item.object as ApiObject)), resourceVersion: String(revision), fromCache: true };
}

/**
 * A paged list served by the watch cache, as upstream's cacher serves consistent lists: the
 * first page is the cache's state once it holds every acknowledged write; a continue page
 * comes from the cache when nothing under the prefix changed since the token's revision (the
 * cache's state then is the snapshot the token names). Otherwise undefined: the Store reads
 * its snapshot (or answers 410 once it was compacted). Tokens are the Store's own, so pages of
 * one list may come from either.
 */
async function pageFromCache<T extends ApiObject>(
  store: GenericStore<T>,
  prefix: string,
  filter: ((object: Readonly<Record<string, unknown>>) => boolean) | undefined,
  params: ListParams,
): Promise<ListPage<T> | undefined> {
  const cache = store.cache;
  let at: { revision?: number; startKey?: string } = {};
  try {
    if (params.continue === undefined) {
      try {
        await cache.waitUntilFresh();
      } catch (error) {
        if (isStorageError(error, 'TooLargeRevision')) return undefined; // the Store serves it (see listObjects)
        throw error;
      }
    } else {
      let point: ContinuePoint;
      try {
        point = decodeContinue(prefix, params.continue);
      } catch {
        return undefined; // the Store explains what is wrong with the token
      }
      await cache.ready();
      if (point.revision <= (await store.store.compactedRevision())) return undefined;
      at = point;
    }
  } catch (error) {
    throw toStatusError(error, { group: store.def.group, resource: store.def.resource }, '');
  }
  const page = cache.listPage(prefix, at, params.limit, filter);
  if (page === undefined) return undefined;
  const result: { items: T[]; resourceVersion: string; continue?: string; remainingItemCount?: number; fromCache: true } = {
    items: page.items.map((item) => store.fromStorage(item.object as ApiObject)), resourceVersion: String(page.revision), fromCache: true,
  };
  if (page.next !== undefined) {
    result.continue = encodeContinue(prefix, page.revision, page.next.key);
    if (!isSelective(params)) result.remainingItemCount = page.next.remaining;
  }
  return result;
}

/** False for the selection of everything (no label or field terms); a "nothing" selector is selective. */
function isSelective(selection: Selection): boolean {
  return !labelsEmpty(selection.labels) || !fieldsEmpty(selection.fields);
}

async function listFromStore<T extends ApiObject>(
  store: GenericStore<T>,
  prefix: string,
  filter: ((object: Readonly<Record<string, unknown>>) => boolean) | undefined,
  params: ListParams,
  revision: number,
): Promise<ListPage<T>> {
  const selective = isSelective(params);
  const items: T[] = [];
  let token = params.continue;
  let atRevision = revision;
  let remaining: number | undefined;
  try {
    for (;;) {
      // A whole list is read in chunks of one snapshot, so no single Store call (one etcd
      // response) carries every object of a large resource.
      const need = params.limit > 0 ? params.limit - items.length : STORE_CHUNK;
      const options = token !== undefined ? { limit: need, continue: token } : { limit: need, revision: atRevision };
      const page = await store.store.list(prefix, options);
      atRevision = page.revision;
      for (const kv of page.items) {
        const object = store.decodeStored(kv);
        if (filter === undefined || filter(object)) items.push(object);
      }
      token = page.continue;
      remaining = page.remaining;
      if (token === undefined || (params.limit > 0 && items.length >= params.limit)) break;
    }
  } catch (error) {
    if (isStorageError(error, 'Expired') && params.continue !== undefined) throw resourceExpired(CONTINUE_EXPIRED);
    throw toStatusError(error, { group: store.def.group, resource: store.def.resource }, '');
  }
  const result: { items: T[]; resourceVersion: string; continue?: string; remainingItemCount?: number } = { items, resourceVersion: String(atRevision) };
  if (token !== undefined) {
    result.continue = token;
    if (!selective && remaining !== undefined) result.remainingItemCount = remaining;
  }
  return result;
}

export async function* watchObjects<T extends ApiObject>(store: GenericStore<T>, scope: RequestScope, params: WatchParams): AsyncGenerator<CacheEvent | InitialEventsEnd, void, undefined> {
  const rv = params.resourceVersion ?? '';
  // No resourceVersion: start from the most recent state, so first catch up with the Store.
  if (rv === '' && store.watchCached) {
    try {
      await store.cache.waitUntilFresh();
    } catch (error) {
      throw toStatusError(error, { group: store.def.group, resource: store.def.resource }, '');
    }
  }
  const initial = rv === '' || rv === '0' || params.sendInitialEvents;
  const start = initial
    ? { kind: 'initial' as const, endBookmark: params.sendInitialEvents }
    : { kind: 'after' as const, revision: parseRevision(rv, 'resourceVersion') };
  const filter = filterOf(store, params);
  const watch = { keyPrefix: keys.prefix(store.def, scope.namespace), start, ...(filter === undefined ? {} : { filter }), signal: params.signal };
  const events = store.watchCached
    ? store.cache.watch({ ...watch, bookmarks: params.allowWatchBookmarks })
    : watchStore(store.store, { ...watch, decode: decodeStored });
  if (store.def.storedAs === undefined) {
    yield* events;
    return;
  }
  // A view of another resource's storage: every object is converted on its way out.
  for await (const event of events) {
    if (event.type === 'BOOKMARK') yield event;
    else yield { ...event, object: { ...event.object, object: store.fromStorage(event.object.object as ApiObject) } } as CacheEvent;
  }
}

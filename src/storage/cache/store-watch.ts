// Watches of a bucket the watch cache excludes (see WatchCache.exclude), served by the Store
// itself with the cache's event shapes and semantics, as upstream's undecorated storage serves
// events straight from etcd: the initial ADDED events come from a list of the Store at one
// revision (in chunks), the changes from a Store watch after that revision. Every event is
// decoded for this watcher alone. There are no periodic bookmarks (upstream sends them only
// from its cacher), but a sendInitialEvents watch still ends its initial events with one.

import type { KeyValue, Store } from '../store.ts';
import type { CachedObject, CacheEvent, ChangeEvent } from './types.ts';
import { visibleChange } from './visible-change.ts';
import type { CacheWatchOptions, InitialEventsEnd } from './watch-cache.ts';

/** Objects read per Store call while listing the initial state. */
const LIST_CHUNK = 1000;

export interface StoreWatchOptions extends Omit<CacheWatchOptions, 'bookmarks'> {
  /** Turns a stored value into the object served, as the cache's decode does. */
  readonly decode: (kv: KeyValue) => Readonly<Record<string, unknown>>;
}

function cached(kv: KeyValue, decode: StoreWatchOptions['decode'], revision = kv.modRevision): CachedObject {
  return { key: kv.key, object: decode(kv), revision };
}

export async function* watchStore(store: Store, options: StoreWatchOptions): AsyncGenerator<CacheEvent | InitialEventsEnd, void, undefined> {
  const { keyPrefix, filter, decode, signal } = options;
  let after: number;
  if (options.start.kind === 'initial') {
    let token: string | undefined;
    let revision = 0;
    do {
      const page = await store.list(keyPrefix, token === undefined ? { limit: LIST_CHUNK } : { limit: LIST_CHUNK, continue: token });
      revision = page.revision;
      for (const kv of page.items) {
        const object = cached(kv, decode);
        if (filter === undefined || filter(object.object)) yield { type: 'ADDED', revision: kv.modRevision, object };
      }
      token = page.continue;
    } while (token !== undefined && signal?.aborted !== true);
    if (options.start.endBookmark) yield { type: 'BOOKMARK', revision, initialEventsEnd: true };
    after = revision;
  } else {
    after = options.start.revision;
  }
  for await (const event of store.watch(keyPrefix, { afterRevision: after, ...(signal === undefined ? {} : { signal }) })) {
    const object = cached(event.kv, decode, event.revision);
    let change: ChangeEvent;
    if (event.type === 'ADDED') {
      change = { type: 'ADDED', revision: event.revision, object };
    } else {
      // The previous state matters only to a filter (did the object move out of the selection?).
      const prev = filter !== undefined && event.prev !== undefined ? cached(event.prev, decode) : undefined;
      change = { type: event.type, revision: event.revision, object, prev };
    }
    yield* visibleChange(change, keyPrefix, filter);
  }
}

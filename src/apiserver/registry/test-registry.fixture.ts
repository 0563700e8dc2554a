// A real registry for tests of these resources: a SQLite Store in a temp directory, the
// watch cache over it, and generic stores for the definitions under test.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import type { Store, WatchEvent } from '../../storage/store.ts';
import { GenericStore } from './generic-store.ts';
import { keys, type ApiObject, type ResourceDef } from './resource.ts';
import { decodeStored } from './stored.ts';

export interface TestRegistry {
  readonly store: SqliteStore;
  storeFor<T extends ApiObject>(def: ResourceDef<T>): GenericStore<T>;
  close(): Promise<void>;
}

export async function openTestRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-core-'));
  const store = await SqliteStore.open(join(dir, 'state.db'));
  const cache = new WatchCache(store, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => decodeStored(kv) });
  const stop = new AbortController();
  void cache.run(stop.signal);
  await cache.ready();
  return {
    store,
    storeFor: (def) => new GenericStore(def, { store, cache }),
    async close() {
      stop.abort();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `store` whose watches never deliver an event (they end only when aborted): a watch cache over
 * it stays at the revision of its first list, as a cache lagging far behind the Store would.
 */
export function stalledWatch(store: Store): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'watch') {
        return async function* (_prefix: string, options: { signal?: AbortSignal }): AsyncGenerator<WatchEvent> {
          await new Promise((resolve) => options.signal?.addEventListener('abort', resolve, { once: true }));
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

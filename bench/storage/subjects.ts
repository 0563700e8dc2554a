// What the storage benchmark measures: our Store backends, and raw etcd through the etcd3
// client as the baseline, behind one small interface.

import { setMaxListeners } from 'node:events';
import { Etcd3 } from 'etcd3';
import type { Store } from '../../src/storage/store.ts';

export interface Subject {
  readonly name: string;
  create(key: string, value: string): Promise<void>;
  /** Overwrites a key this subject created (Store backends: guarded by the modRevision). */
  update(key: string, value: string): Promise<void>;
  /** Lists everything under `prefix`; returns how many items came back. */
  list(prefix: string): Promise<number>;
  /** Opens `count` watchers on `prefix`; `onEvent(key)` runs on every delivery. */
  watch(prefix: string, count: number, onEvent: (key: string) => void): Promise<() => Promise<void>>;
  /** Compacts history up to the current revision. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

export function storeSubject(name: string, store: Store): Subject {
  const revisions = new Map<string, number>();
  return {
    name,
    async create(key, value) {
      revisions.set(key, (await store.create(key, value)).modRevision);
    },
    async update(key, value) {
      const expected = revisions.get(key) ?? (await store.get(key))?.modRevision ?? 0;
      revisions.set(key, (await store.update(key, value, expected)).modRevision);
    },
    async list(prefix) {
      return (await store.list(prefix)).items.length;
    },
    async watch(prefix, count, onEvent) {
      const controller = new AbortController();
      setMaxListeners(0, controller.signal);
      const afterRevision = await store.currentRevision();
      const loops = Array.from({ length: count }, async () => {
        for await (const event of store.watch(prefix, { afterRevision, signal: controller.signal })) onEvent(event.kv.key);
      });
      const settled = Promise.allSettled(loops);
      return async () => {
        controller.abort();
        await settled;
      };
    },
    async compact() {
      await store.compact(await store.currentRevision());
    },
    close: () => store.close(),
  };
}

export function rawEtcdSubject(endpoint: string): Subject {
  const client = new Etcd3({ hosts: endpoint, grpcOptions: { 'grpc.max_receive_message_length': -1 } });
  return {
    name: 'raw etcd (etcd3 client)',
    async create(key, value) {
      await client.put(key).value(value);
    },
    async update(key, value) {
      await client.put(key).value(value);
    },
    async list(prefix) {
      return Object.keys(await client.getAll().prefix(prefix).strings()).length;
    },
    async watch(prefix, count, onEvent) {
      const watchers = await Promise.all(Array.from({ length: count }, () => client.watch().prefix(prefix).create()));
      for (const watcher of watchers) watcher.on('put', (kv) => onEvent(kv.key.toString()));
      return async () => {
        await Promise.all(watchers.map((w) => w.cancel()));
      };
    },
    async compact() {
      const revision = (await client.kv.range({ key: Buffer.from('\0'), limit: '1' })).header.revision;
      await client.kv.compact({ revision, physical: true });
    },
    close: async () => client.close(),
  };
}

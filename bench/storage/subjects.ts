// What the storage benchmark measures: our Store backends, and raw etcd (plain puts, ranges
// and watches over src/grpc, no transactions) as the baseline, behind one small interface.

import { setMaxListeners } from 'node:events';
import { Channel, ProtoSchema, type ClientStream } from '../../src/grpc/index.ts';
import { etcdProtoPath } from '../../src/storage/etcd/etcd-client.ts';
import type { RangeRequest, RangeResponse, WatchRequest, WatchResponse } from '../../src/storage/etcd/etcd-messages.ts';
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

/** The keys after every key that starts with `prefix` (an ASCII prefix not ending in 0xff). */
function prefixEnd(prefix: string): Buffer {
  const end = Buffer.from(prefix);
  end[end.length - 1]! += 1;
  return end;
}

/** Raw etcd on its first endpoint, through the same gRPC client the etcd Store uses. */
export async function rawEtcdSubject(endpoint: string): Promise<Subject> {
  const schema = await ProtoSchema.load(etcdProtoPath, { longs: 'string' });
  const put = schema.method<{ key: Buffer; value: Buffer }, object>('etcdserverpb.KV', 'Put');
  const range = schema.method<RangeRequest, RangeResponse>('etcdserverpb.KV', 'Range');
  const compact = schema.method<{ revision: string; physical: boolean }, object>('etcdserverpb.KV', 'Compact');
  const watch = schema.method<WatchRequest, WatchResponse>('etcdserverpb.Watch', 'Watch');
  const channel = new Channel(endpoint.split(',')[0]!, { maxReceiveMessageBytes: 2 ** 31 - 1 });
  return {
    name: 'raw etcd (k8ts gRPC client)',
    async create(key, value) {
      await channel.unary(put, { key: Buffer.from(key), value: Buffer.from(value) });
    },
    async update(key, value) {
      await channel.unary(put, { key: Buffer.from(key), value: Buffer.from(value) });
    },
    async list(prefix) {
      return (await channel.unary(range, { key: Buffer.from(prefix), rangeEnd: prefixEnd(prefix) })).kvs.length;
    },
    async watch(prefix, count, onEvent) {
      const created: Promise<void>[] = [];
      const streams: ClientStream<WatchRequest>[] = [];
      for (let i = 0; i < count; i++) {
        created.push(new Promise<void>((resolve, reject) => {
          const stream = channel.stream(watch, {
            onMessage: (response) => {
              if (response.created) resolve();
              for (const event of response.events) if (event.type === 'PUT' && event.kv !== null) onEvent(event.kv.key.toString());
            },
            onClose: (error) => (error === undefined ? resolve() : reject(error)),
          });
          stream.write({ createRequest: { key: Buffer.from(prefix), rangeEnd: prefixEnd(prefix), startRevision: 0, progressNotify: false, prevKv: false } });
          streams.push(stream);
        }));
      }
      await Promise.all(created);
      return async () => {
        for (const stream of streams) stream.cancel();
      };
    },
    async compact() {
      const { header } = await channel.unary(range, { key: Buffer.from([0]), limit: 1 });
      await channel.unary(compact, { revision: header.revision, physical: true });
    },
    close: async () => channel.close(),
  };
}

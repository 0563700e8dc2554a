// The contract every Store backend passes: one suite, run by each backend's test file
// against a fresh store (sqlite-store.test.ts, etcd-store.test.ts). The revision checks
// compare currentRevision() of the whole backend, so each run needs a backend of its own
// (for etcd: its own cluster), with nothing else writing to it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StorageError} from './errors.ts';
import { isStorageError } from './errors.ts';
import { MAX_REQUEST_BYTES } from './input.ts';
import type { KeyValue, Store, WatchEvent } from './store.ts';

export interface ContractTarget {
  /** A fresh, empty store (each call its own key space). */
  open(): Promise<Store>;
  /** Called once after the suite. */
  teardown?(): Promise<void>;
}

/** Reads `count` events from a watch, failing after `timeoutMs`. */
export async function takeEvents(
  store: Store,
  prefix: string,
  afterRevision: number,
  count: number,
  timeoutMs = 10_000,
): Promise<WatchEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: WatchEvent[] = [];
  try {
    for await (const event of store.watch(prefix, { afterRevision, signal: controller.signal })) {
      events.push(event);
      if (events.length === count) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  if (events.length < count) assert.fail(`watch ${prefix} saw ${events.length} of ${count} events in ${timeoutMs} ms`);
  return events;
}

async function rejectsWith(promise: Promise<unknown>, code: StorageError['code']): Promise<StorageError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isStorageError(error), `expected a StorageError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  return assert.fail(`expected a ${code} StorageError`);
}

/** Watch errors surface when iteration starts or while it runs: either way, as a StorageError. */
async function watchFails(store: Store, prefix: string, afterRevision: number, code: StorageError['code']): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  const iterate = async (): Promise<void> => {
    for await (const _ of store.watch(prefix, { afterRevision, signal: controller.signal })) {
      // Events before the error do not matter here.
    }
  };
  try {
    await rejectsWith(iterate(), code);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

const keysOf = (items: readonly KeyValue[]): string[] => items.map((kv) => kv.key);

export function storeContract(name: string, target: ContractTarget): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
    });
    after(async () => {
      await store.close();
      await target.teardown?.();
    });

    test('create, get, and create of an existing key', async () => {
      const created = await store.create('/c/a', 'one');
      assert.equal(created.key, '/c/a');
      assert.equal(created.value, 'one');
      assert.equal(created.createRevision, created.modRevision);
      assert.deepEqual(await store.get('/c/a'), created);
      assert.equal(await store.get('/c/missing'), undefined);
      const error = await rejectsWith(store.create('/c/a', 'two'), 'KeyExists');
      assert.equal(error.key, '/c/a');
      assert.equal((await store.get('/c/a'))?.value, 'one');
    });

    test('update is guarded by the expected modRevision', async () => {
      const created = await store.create('/u/a', 'v1');
      const updated = await store.update('/u/a', 'v2', created.modRevision);
      assert.equal(updated.value, 'v2');
      assert.equal(updated.createRevision, created.createRevision);
      assert.ok(updated.modRevision > created.modRevision);
      const conflict = await rejectsWith(store.update('/u/a', 'v3', created.modRevision), 'Conflict');
      assert.equal(conflict.current?.value, 'v2', 'a conflict carries the current value');
      assert.equal(conflict.current?.modRevision, updated.modRevision);
      await rejectsWith(store.update('/u/missing', 'x', 1), 'KeyNotFound');
      await rejectsWith(store.update('/u/missing', 'x', 0), 'KeyNotFound');
      assert.equal(await store.get('/u/missing'), undefined, 'an update never creates a key');
      assert.equal((await store.get('/u/a'))?.value, 'v2');
    });

    test('delete returns the last value and honours preconditions', async () => {
      const created = await store.create('/d/a', 'gone soon');
      await rejectsWith(store.delete('/d/a', { modRevision: created.modRevision + 1000 }), 'Conflict');
      assert.ok(await store.get('/d/a'), 'a failed precondition deletes nothing');
      const deleted = await store.delete('/d/a', { modRevision: created.modRevision });
      assert.equal(deleted.value, 'gone soon');
      assert.ok(deleted.modRevision > created.modRevision, 'the delete has a revision of its own');
      assert.equal(await store.get('/d/a'), undefined);
      await rejectsWith(store.delete('/d/a'), 'KeyNotFound');
      const again = await store.create('/d/a', 'reborn');
      assert.ok(again.createRevision > deleted.modRevision, 'a re-created key gets a new createRevision');
    });

    test('revisions only grow, one per write, and currentRevision follows', async () => {
      const revisions: number[] = [];
      const a = await store.create('/r/a', '1');
      revisions.push(a.modRevision);
      revisions.push((await store.update('/r/a', '2', a.modRevision)).modRevision);
      revisions.push((await store.create('/r/b', '1')).modRevision);
      revisions.push((await store.delete('/r/b')).modRevision);
      for (let i = 1; i < revisions.length; i++) assert.ok(revisions[i]! > revisions[i - 1]!, `${revisions.join(',')}`);
      assert.equal(await store.currentRevision(), revisions.at(-1));
      await rejectsWith(store.create('/r/a', 'dup'), 'KeyExists');
      assert.equal(await store.currentRevision(), revisions.at(-1), 'a failed write does not use a revision');
    });

    test('concurrent writes get distinct, increasing revisions', async () => {
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.create(`/cw/${String(i).padStart(3, '0')}`, `v${i}`)));
      const revisions = results.map((kv) => kv.modRevision).sort((x, y) => x - y);
      assert.equal(new Set(revisions).size, 200);
      const conflicts = await Promise.allSettled(Array.from({ length: 20 }, () => store.update('/cw/000', 'race', results[0]!.modRevision)));
      assert.equal(conflicts.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one of racing updates wins');
    });

    test('list returns a prefix in key order and nothing outside it', async () => {
      for (const key of ['/l/b', '/l/a', '/l/c/x', '/lz', '/l', '/k/a']) await store.create(key, key);
      const result = await store.list('/l/');
      assert.deepEqual(keysOf(result.items), ['/l/a', '/l/b', '/l/c/x']);
      assert.equal(result.continue, undefined);
      assert.equal(result.revision, await store.currentRevision());
      assert.equal(await store.count('/l/'), 3);
      assert.equal(await store.count('/nothing/'), 0);
      assert.deepEqual((await store.list('/nothing/')).items, []);
    });

    test('list at an earlier revision shows the state of that revision', async () => {
      const a = await store.create('/h/a', 'a1');
      await store.create('/h/b', 'b1');
      const before = await store.currentRevision();
      await store.update('/h/a', 'a2', a.modRevision);
      await store.delete('/h/b');
      await store.create('/h/c', 'c1');
      const past = await store.list('/h/', { revision: before });
      assert.equal(past.revision, before);
      assert.deepEqual(past.items.map((kv) => `${kv.key}=${kv.value}`), ['/h/a=a1', '/h/b=b1']);
      const now = await store.list('/h/');
      assert.deepEqual(now.items.map((kv) => `${kv.key}=${kv.value}`), ['/h/a=a2', '/h/c=c1']);
      const future = (await store.currentRevision()) + 1000;
      await rejectsWith(store.list('/h/', { revision: future }), 'TooLargeRevision');
    });

    test('list at every earlier revision, whole and in pages, matches the writes replayed, before and after compaction', async () => {
      // Creates, updates, deletes and re-creates of a few keys; after each write, the state
      // it leaves (key -> value) is remembered by revision.
      const states = new Map<number, Map<string, string>>();
      const state = new Map<string, string>();
      const revisions = new Map<string, number>();
      const write = async (key: string, value: string | undefined): Promise<void> => {
        let kv: KeyValue;
        if (value === undefined) {
          kv = await store.delete(key);
          state.delete(key);
        } else {
          const at = revisions.get(key);
          kv = at === undefined ? await store.create(key, value) : await store.update(key, value, at);
          state.set(key, value);
        }
        if (value === undefined) revisions.delete(key);
        else revisions.set(key, kv.modRevision);
        states.set(kv.modRevision, new Map(state));
      };
      const steps: Array<[string, string | undefined]> = [
        ['/m/b', 'b1'], ['/m/a', 'a1'], ['/m/c', 'c1'], ['/m/a', 'a2'], ['/m/b', undefined], ['/m/d', 'd1'],
        ['/m/b', 'b2'], ['/m/a', 'a3'], ['/m/c', undefined], ['/m/b', 'b3'], ['/m/e', 'e1'], ['/m/d', undefined],
        ['/m/a', undefined], ['/m/c', 'c2'], ['/m/e', 'e2'],
      ];
      for (const [key, value] of steps) await write(key, value);
      const expected = (revision: number): string[] =>
        [...(states.get(revision) ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => `${key}=${value}`);
      const check = async (revision: number): Promise<void> => {
        const whole = await store.list('/m/', { revision });
        assert.deepEqual(whole.items.map((kv) => `${kv.key}=${kv.value}`), expected(revision), `list at ${revision}`);
        const paged: string[] = [];
        let page = await store.list('/m/', { revision, limit: 2 });
        for (;;) {
          paged.push(...page.items.map((kv) => `${kv.key}=${kv.value}`));
          if (page.continue === undefined) break;
          assert.equal(page.remaining, expected(revision).length - paged.length, `remaining after ${paged.length} at ${revision}`);
          page = await store.list('/m/', { continue: page.continue, limit: 2 });
        }
        assert.deepEqual(paged, expected(revision), `pages at ${revision}`);
      };
      const all = [...states.keys()];
      for (const revision of all) await check(revision);
      const compactTo = all[7] as number;
      await store.compact(compactTo);
      for (const revision of all.filter((r) => r >= compactTo)) await check(revision);
    });

    test('paging with limit and continue is one consistent snapshot under concurrent writes', async () => {
      const total = 25;
      for (let i = 0; i < total; i++) await store.create(`/p/${String(i).padStart(2, '0')}`, `v${i}`);
      const first = await store.list('/p/', { limit: 10 });
      assert.equal(first.items.length, 10);
      assert.ok(first.continue);
      assert.equal(first.remaining, 15);
      // Writes between pages: none of them may show up in later pages.
      await store.create('/p/15a', 'new');
      const victim = await store.get('/p/20');
      await store.update('/p/20', 'changed', victim!.modRevision);
      await store.delete('/p/24');
      const seen = [...first.items];
      let token: string | undefined = first.continue;
      while (token !== undefined) {
        const page = await store.list('/p/', { limit: 10, continue: token });
        assert.equal(page.revision, first.revision, 'every page is read at the first page revision');
        seen.push(...page.items);
        token = page.continue;
      }
      assert.deepEqual(keysOf(seen), Array.from({ length: total }, (_, i) => `/p/${String(i).padStart(2, '0')}`));
      assert.equal(seen.find((kv) => kv.key === '/p/20')?.value, 'v20');
      await rejectsWith(store.list('/p/', { continue: 'not a token' }), 'InvalidInput');
    });

    test('watch delivers ADDED, MODIFIED, DELETED in order with the previous value', async () => {
      const start = await store.currentRevision();
      const watching = takeEvents(store, '/w/', start, 3);
      const created = await store.create('/w/a', 'v1');
      const updated = await store.update('/w/a', 'v2', created.modRevision);
      await store.create('/wx/outside', 'not under /w/');
      const deleted = await store.delete('/w/a');
      const events = await watching;
      assert.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
      assert.deepEqual(events.map((e) => e.revision), [created.modRevision, updated.modRevision, deleted.modRevision]);
      const [added, modified, removed] = events;
      assert.equal(added?.kv.value, 'v1');
      assert.equal(modified?.type === 'MODIFIED' ? modified.prev?.value : undefined, 'v1');
      assert.equal(modified?.kv.value, 'v2');
      assert.equal(removed?.type === 'DELETED' ? removed.prev?.value : undefined, 'v2');
      assert.equal(removed?.kv.value, 'v2');
      assert.equal(removed?.kv.modRevision, deleted.modRevision);
    });

    test('watch from an old revision replays history, then goes on live', async () => {
      const start = await store.currentRevision();
      const a = await store.create('/wh/a', '1');
      await store.update('/wh/a', '2', a.modRevision);
      await store.create('/wh/b', '1');
      const watching = takeEvents(store, '/wh/', start, 4);
      await store.delete('/wh/b');
      const events = await watching;
      assert.deepEqual(events.map((e) => `${e.type} ${e.kv.key}=${e.kv.value}`), ['ADDED /wh/a=1', 'MODIFIED /wh/a=2', 'ADDED /wh/b=1', 'DELETED /wh/b=1']);
      const middle = await takeEvents(store, '/wh/', a.modRevision, 1);
      assert.equal(middle[0]?.type, 'MODIFIED', 'a watch starts right after the given revision');
    });

    test('many concurrent watchers each see every event in order', async () => {
      const start = await store.currentRevision();
      const writes = 20;
      const watchers = Array.from({ length: 100 }, () => takeEvents(store, '/many/', start, writes, 20_000));
      for (let i = 0; i < writes; i++) await store.create(`/many/${i}`, String(i));
      const seen = await Promise.all(watchers);
      for (const events of seen) assert.deepEqual(events.map((e) => e.kv.value), Array.from({ length: writes }, (_, i) => String(i)));
    });

    test('an aborted watch ends quietly', async () => {
      const controller = new AbortController();
      const iterate = (async () => {
        let n = 0;
        for await (const _ of store.watch('/abort/', { afterRevision: await store.currentRevision(), signal: controller.signal })) n++;
        return n;
      })();
      setTimeout(() => controller.abort(), 50);
      assert.equal(await iterate, 0);
    });

    test('compaction keeps current values and answers 410 for older history', async () => {
      const a = await store.create('/cp/a', '1');
      const b = await store.update('/cp/a', '2', a.modRevision);
      await store.create('/cp/b', '1');
      await store.delete('/cp/b');
      await store.create('/cp/c', '1');
      const firstPage = await store.list('/cp/', { limit: 1 });
      assert.ok(firstPage.continue);
      await store.create('/cp/e', '1');
      const at = await store.currentRevision();
      await store.compact(at);
      assert.equal(await store.compactedRevision(), at);
      assert.deepEqual((await store.list('/cp/')).items.map((kv) => `${kv.key}=${kv.value}`), ['/cp/a=2', '/cp/c=1', '/cp/e=1']);
      assert.equal((await store.get('/cp/a'))?.modRevision, b.modRevision);
      await rejectsWith(store.list('/cp/', { revision: a.modRevision }), 'Expired');
      await rejectsWith(store.list('/cp/', { continue: firstPage.continue }), 'Expired');
      await watchFails(store, '/cp/', a.modRevision, 'Expired');
      await watchFails(store, '/cp/', at - 1, 'Expired');
      const live = takeEvents(store, '/cp/', at, 1);
      await store.create('/cp/d', 'after');
      assert.equal((await live)[0]?.kv.key, '/cp/d', 'a watch from the compacted revision itself works');
    });

    test('a key written with a TTL is deleted when it expires, with a DELETED event', async () => {
      const created = await store.create('/ttl/a', 'short-lived', { ttlSeconds: 1 });
      const events = await takeEvents(store, '/ttl/', created.modRevision, 1, 15_000);
      assert.equal(events[0]?.type, 'DELETED');
      assert.equal(await store.get('/ttl/a'), undefined);
    });

    test('bad input is a clear error and stores nothing', async () => {
      const before = await store.currentRevision();
      await rejectsWith(store.create('', 'x'), 'InvalidInput');
      await rejectsWith(store.create('/bad/empty', ''), 'InvalidInput');
      await rejectsWith(store.create('/bad/\ud800', 'x'), 'InvalidInput');
      await rejectsWith(store.create('/bad/surrogate', 'broken \udc00 text'), 'InvalidInput');
      const tooLarge = await rejectsWith(store.create('/bad/large', 'x'.repeat(MAX_REQUEST_BYTES)), 'TooLarge');
      assert.match(tooLarge.message, /too large/);
      await rejectsWith(store.update('/bad/x', 'x', -1), 'InvalidInput');
      await rejectsWith(store.list('/bad/', { revision: 1.5 }), 'InvalidInput');
      await rejectsWith(store.create('/bad/ttl', 'x', { ttlSeconds: 0 }), 'InvalidInput');
      assert.equal(await store.currentRevision(), before, 'nothing was written');
      assert.equal(await store.count('/bad/'), 0);
      const nearLimit = 'y'.repeat(MAX_REQUEST_BYTES - 100);
      assert.equal((await store.create('/bad-ok/big', nearLimit)).value.length, nearLimit.length, 'a value just under the limit is fine');
    });
  });
}

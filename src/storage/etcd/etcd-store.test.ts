// The etcd Store: the shared contract against one real etcd member, then what only etcd has:
// key prefixes, member failover, dead clusters, and the watch stream's resources.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isStorageError } from '../errors.ts';
import { MAX_REQUEST_BYTES } from '../input.ts';
import { storeContract } from '../store.contract.ts';
import type { WatchEvent } from '../store.ts';
import { EtcdCluster, freePorts } from './etcd-process.ts';
import { EtcdStore } from './etcd-store.ts';

const WATCHERS = 'etcd_debugging_mvcc_watcher_total';

/** A key prefix of its own per store: short, as the contract writes a value just under etcd's limit. */
const freshPrefix = (): string => `/t${randomBytes(3).toString('hex')}`;

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const start = Date.now();
  await run();
  return Date.now() - start;
}

const single = await EtcdCluster.start();
after(() => single.stop());

storeContract('etcd', {
  open: () => EtcdStore.connect({ endpoints: single.endpoints, keyPrefix: freshPrefix() }),
});

describe('etcd store', () => {
  test('keys live under the keyPrefix, and compaction is seen by every store of the cluster', async () => {
    const [a, b] = [freshPrefix(), freshPrefix()];
    const storeA = await EtcdStore.connect({ endpoints: single.endpoints, keyPrefix: a });
    const storeB = await EtcdStore.connect({ endpoints: single.endpoints, keyPrefix: b });
    const root = await EtcdStore.connect({ endpoints: single.endpoints });
    try {
      const created = await storeA.create('/x', 'in a');
      assert.equal(created.key, '/x');
      assert.equal(await storeB.get('/x'), undefined);
      assert.equal(await storeB.count(''), 0);
      assert.deepEqual((await storeA.list('')).items.map((kv) => kv.key), ['/x']);
      assert.equal((await root.get(`${a}/x`))?.value, 'in a');
      const revision = await storeA.currentRevision();
      await storeA.compact(revision);
      assert.equal(await storeB.compactedRevision(), revision, 'the compaction is recorded in etcd');
      const everything = await root.list('');
      assert.ok(everything.items.some((kv) => kv.key === `${a}/x`));
      assert.ok(everything.items.every((kv) => !kv.key.startsWith('\0')), 'the compaction record is not a Store key');
    } finally {
      await Promise.all([storeA.close(), storeB.close(), root.close()]);
    }
  });

  test('a list larger than a default gRPC message (4 MiB) is read whole', async () => {
    const store = await EtcdStore.connect({ endpoints: single.endpoints, keyPrefix: freshPrefix() });
    try {
      const value = 'v'.repeat(1024 * 1024);
      for (let i = 0; i < 5; i++) await store.create(`/big/${i}`, value);
      const result = await store.list('/big/');
      assert.equal(result.items.length, 5);
      assert.ok(result.items.every((kv) => kv.value === value));
    } finally {
      await store.close();
    }
  });

  test('the shared size limit leaves room for etcd framing: an update at the limit fits', async () => {
    const store = await EtcdStore.connect({ endpoints: single.endpoints, keyPrefix: freshPrefix() });
    try {
      // The shared check counts key + value; etcd counts the whole transaction, which holds
      // the key three times for an update. MAX_REQUEST_BYTES keeps 16 KiB for that.
      const key = `/large/${'k'.repeat(100)}`;
      const created = await store.create(key, 'small');
      const value = 'v'.repeat(MAX_REQUEST_BYTES - key.length);
      const updated = await store.update(key, value, created.modRevision);
      assert.equal((await store.get(key))?.modRevision, updated.modRevision);
      const error = await store.update(key, `${value}x`, updated.modRevision).catch((e: unknown) => e);
      assert.ok(isStorageError(error, 'TooLarge'), String(error));
    } finally {
      await store.close();
    }
  });

  test('a watcher that falls too far behind ends with Unavailable', async () => {
    const store = await EtcdStore.connect({ endpoints: single.endpoints, keyPrefix: freshPrefix(), watcherBuffer: 10 });
    try {
      const revision = await store.currentRevision();
      for (let i = 0; i < 30; i++) await store.create(`/slow/${i}`, String(i));
      let seen = 0;
      await assert.rejects(async () => {
        for await (const _ of store.watch('/slow/', { afterRevision: revision })) {
          seen++;
          await sleep(20);
        }
      }, (error) => isStorageError(error, 'Unavailable'));
      assert.ok(seen < 30, `a slow consumer saw ${seen} of 30 events before the watch failed`);
    } finally {
      await store.close();
    }
  });

  test('an aborted watch lets go of its etcd watcher, and close() ends every watch', async () => {
    const store = await EtcdStore.connect({ endpoints: single.endpoints, keyPrefix: freshPrefix() });
    const baseline = await single.metric(0, WATCHERS);
    const revision = await store.currentRevision();
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const watching = controllers.map(async (controller) => {
      const events: WatchEvent[] = [];
      for await (const event of store.watch('/rel/', { afterRevision: revision, signal: controller.signal })) events.push(event);
      return events;
    });
    await waitFor('three etcd watchers', async () => (await single.metric(0, WATCHERS)) === baseline + 3);
    controllers[0]?.abort();
    await waitFor('the aborted watcher to go', async () => (await single.metric(0, WATCHERS)) === baseline + 2);
    await store.close();
    assert.deepEqual(await Promise.all(watching), [[], [], []], 'every watch ended normally');
    await waitFor('every watcher to go', async () => (await single.metric(0, WATCHERS)) === baseline);
  });
});

describe('etcd store failover (3 members)', () => {
  let cluster: EtcdCluster;
  before(async () => {
    cluster = await EtcdCluster.start({ members: 3, heartbeatMs: 50, electionMs: 500 });
  });
  after(() => cluster.stop());

  test('writes, reads and an open watch go on when the member serving the watch dies, then the leader', async () => {
    const store = await EtcdStore.connect({ endpoints: cluster.endpoints, keyPrefix: freshPrefix(), requestTimeoutMs: 2_000 });
    const controller = new AbortController();
    try {
      const seen: WatchEvent[] = [];
      const start = await store.currentRevision();
      const watching = (async () => {
        for await (const event of store.watch('/f/', { afterRevision: start, signal: controller.signal })) seen.push(event);
      })();
      const acknowledged = new Map<string, number>();
      // A write that fails while the cluster recovers (a leader's death leaves the writes it
      // was committing unanswered) is tried again under a new key: its outcome is unknown,
      // and the watch must show exactly the keys that exist.
      const write = async (i: number): Promise<void> => {
        for (let attempt = 0; ; attempt++) {
          try {
            const kv = await store.create(`/f/${String(i).padStart(2, '0')}-${attempt}`, String(i));
            acknowledged.set(kv.key, kv.modRevision);
            return;
          } catch (error) {
            if (!isStorageError(error, 'Unavailable') || attempt >= 10) throw error;
          }
        }
      };
      const writeAndRead = async (from: number, to: number): Promise<void> => {
        for (let i = from; i < to; i++) {
          await write(i);
          assert.ok((await store.list('/f/')).items.length > i);
        }
      };

      await writeAndRead(0, 10);
      await waitFor('the first events', () => seen.length >= 10);
      const watchers = await Promise.all(cluster.members.map((_, i) => cluster.metric(i, WATCHERS)));
      const watchMember = watchers.findIndex((count) => count > 0);
      assert.ok(watchMember >= 0, `a member serves the watch (${watchers.join(',')})`);
      await cluster.kill(watchMember);
      await writeAndRead(10, 20);
      const live = cluster.members.flatMap((member, i) => (member.running ? [i] : []));
      await waitFor('the watch to move to a live member', async () => (await Promise.all(live.map((i) => cluster.metric(i, WATCHERS)))).some((n) => n > 0));

      await cluster.restart(watchMember);
      await cluster.kill(await cluster.leaderIndex());
      await writeAndRead(20, 30);

      await waitFor('every acknowledged write in the watch', () => [...acknowledged.values()].every((rev) => seen.some((e) => e.revision === rev)));
      controller.abort();
      await watching;
      const revisions = seen.map((event) => event.revision);
      assert.ok(revisions.every((rev, i) => i === 0 || rev > (revisions[i - 1] ?? 0)), 'in order, no repeats');
      assert.ok(seen.every((event) => event.type === 'ADDED'));
      const stored = (await store.list('/f/')).items.sort((x, y) => x.modRevision - y.modRevision);
      assert.deepEqual(seen.map((event) => event.kv.key), stored.map((kv) => kv.key), 'every stored key was seen: no gap');
      for (const [key, revision] of acknowledged) assert.equal((await store.get(key))?.modRevision, revision);
    } finally {
      controller.abort();
      await store.close();
    }
  });
});

describe('etcd store without etcd', () => {
  test('connecting to a dead endpoint fails with Unavailable within the dial timeout', async () => {
    const [port] = await freePorts(1);
    const took = await elapsed(() =>
      assert.rejects(EtcdStore.connect({ endpoints: [`127.0.0.1:${port}`], dialTimeoutMs: 1_000 }), (error) => isStorageError(error, 'Unavailable')),
    );
    assert.ok(took < 3_000, `took ${took} ms`);
  });

  test('when every member is gone, calls and watches fail with Unavailable in bounded time', async () => {
    const solo = await EtcdCluster.start();
    const store = await EtcdStore.connect({ endpoints: solo.endpoints, keyPrefix: freshPrefix(), requestTimeoutMs: 1_500 });
    try {
      const created = await store.create('/gone/a', '1');
      const watching = assert.rejects(async () => {
        for await (const _ of store.watch('/gone/', { afterRevision: created.modRevision })) {
          // No events: the member dies first.
        }
      }, (error) => isStorageError(error, 'Unavailable'));
      await sleep(100);
      await solo.kill(0);
      for (const call of [() => store.get('/gone/a'), () => store.create('/gone/b', '1'), () => store.list('/gone/')]) {
        const took = await elapsed(() => assert.rejects(call(), (error) => isStorageError(error, 'Unavailable')));
        assert.ok(took < 4_000, `took ${took} ms`);
      }
      assert.ok((await elapsed(() => watching)) < 4_000);
    } finally {
      await store.close();
      await solo.stop();
    }
  });
});

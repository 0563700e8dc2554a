import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { conflict, notFound } from '../../api/status.ts';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import { LeaderElector, type LeaderElectionConfig } from './leader-elector.ts';
import { LeaseLock, microTime, type LeaseClient } from './lease-lock.ts';

const gr = { group: 'coordination.k8s.io', resource: 'leases' };

/** One Lease in memory with the API server's optimistic concurrency. */
class FakeLeaseClient implements LeaseClient {
  lease: Lease | undefined;
  #rv = 0;
  /** While set, every call fails with it. */
  failure: Error | undefined;
  writes = 0;

  get(name: string): Promise<Lease> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.lease === undefined) return Promise.reject(notFound(gr, name));
    return Promise.resolve(structuredClone(this.lease));
  }

  create(lease: Lease): Promise<Lease> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.lease !== undefined) return Promise.reject(conflict(gr, lease.metadata?.name ?? '', 'exists'));
    this.lease = { ...structuredClone(lease), metadata: { ...lease.metadata, resourceVersion: String(++this.#rv) } };
    this.writes++;
    return Promise.resolve(structuredClone(this.lease));
  }

  update(lease: Lease): Promise<Lease> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const name = lease.metadata?.name ?? '';
    if (this.lease === undefined) return Promise.reject(notFound(gr, name));
    if (lease.metadata?.resourceVersion !== this.lease.metadata?.resourceVersion) {
      return Promise.reject(conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again'));
    }
    this.lease = { ...structuredClone(lease), metadata: { ...lease.metadata, resourceVersion: String(++this.#rv) } };
    this.writes++;
    return Promise.resolve(structuredClone(this.lease));
  }
}

interface Candidate {
  readonly elector: LeaderElector;
  readonly stop: AbortController;
  readonly events: string[];
  leading: AbortSignal | undefined;
  done: Promise<void>;
}

function candidate(identity: string, client: FakeLeaseClient, clock: FakeClock, extra: Partial<LeaderElectionConfig> = {}): Candidate {
  const events: string[] = [];
  const c: Candidate = {
    events, stop: new AbortController(), leading: undefined, done: Promise.resolve(),
    elector: new LeaderElector({
      lock: new LeaseLock({ client, namespace: 'kube-system', name: 'k8ts-test', identity }),
      clock, random: () => 0, onError: () => undefined,
      callbacks: {
        onStartedLeading: (signal) => { c.leading = signal; events.push('started'); },
        onStoppedLeading: () => events.push('stopped'),
        onNewLeader: (id) => events.push(`leader ${id}`),
      },
      ...extra,
    }),
  };
  c.done = c.elector.run(c.stop.signal);
  return c;
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Moves the fake clock in steps, letting the electors' promises run between steps. */
async function tick(clock: FakeClock, ms: number, step = 250): Promise<void> {
  await settle();
  for (let t = 0; t < ms; t += step) {
    clock.advance(Math.min(step, ms - t));
    await settle();
  }
}

test('a lone candidate creates the Lease and leads; renewals every 2 s keep acquireTime and transitions', async () => {
  const clock = new FakeClock();
  const client = new FakeLeaseClient();
  const a = candidate('a', client, clock);
  await settle();
  assert.deepEqual(a.events, ['leader a', 'started']);
  assert.equal(a.elector.isLeader(), true);
  const acquired = microTime(clock.now());
  assert.deepEqual(client.lease?.spec, { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: acquired, renewTime: acquired, leaseTransitions: 0 });
  assert.match(acquired, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.equal(client.writes, 2, 'created, then renewed at once as upstream\'s wait.Until does');
  await tick(clock, 2000);
  assert.equal(client.lease?.spec?.renewTime, microTime(clock.now()));
  assert.equal(client.lease?.spec?.acquireTime, acquired);
  assert.equal(client.writes, 3);
  a.stop.abort();
  await a.done;
  assert.equal(a.leading?.aborted, true);
  assert.deepEqual(a.events, ['leader a', 'started', 'stopped']);
  assert.equal(client.lease?.spec?.holderIdentity, 'a', 'no release unless asked');
});

test('two candidates: one leads; after the leader dies the other takes over once the lease expires', async () => {
  const clock = new FakeClock();
  const client = new FakeLeaseClient();
  const a = candidate('a', client, clock);
  await settle();
  const b = candidate('b', client, clock);
  await tick(clock, 10_000);
  assert.deepEqual(b.events, ['leader a']);
  assert.equal(b.elector.getLeader(), 'a');
  // a crashes: it stops renewing and does not release.
  a.stop.abort();
  await a.done;
  const crashedAt = clock.now();
  let takeover = 0;
  while (!b.events.includes('started')) {
    await tick(clock, 250);
    takeover = clock.now() - crashedAt;
    assert.ok(takeover <= 20_000, 'b never took over');
  }
  // 15 s after b last saw the lease change (up to one retry period after a's last renewal),
  // at b's next try (one more retry period at most).
  assert.ok(takeover >= 13_000 && takeover <= 19_000, `took over after ${takeover} ms`);
  assert.equal(client.lease?.spec?.holderIdentity, 'b');
  assert.equal(client.lease?.spec?.leaseTransitions, 1);
  assert.deepEqual(b.events, ['leader a', 'leader b', 'started']);
  b.stop.abort();
  await b.done;
});

test('release on cancel clears the holder, and the other candidate takes over at its next try', async () => {
  const clock = new FakeClock();
  const client = new FakeLeaseClient();
  const a = candidate('a', client, clock, { releaseOnCancel: true });
  await settle();
  const b = candidate('b', client, clock);
  await tick(clock, 5000);
  a.stop.abort();
  await a.done;
  assert.equal(client.lease?.spec?.holderIdentity, '');
  assert.equal(client.lease?.spec?.leaseDurationSeconds, 1);
  await tick(clock, 2000);
  assert.ok(b.events.includes('started'), 'b leads within one retry period');
  assert.equal(client.lease?.spec?.holderIdentity, 'b');
  b.stop.abort();
  await b.done;
});

test('release survives a Lease changed behind the leader\'s back (a conflict, then a fresh read)', async () => {
  const clock = new FakeClock();
  const client = new FakeLeaseClient();
  const a = candidate('a', client, clock, { releaseOnCancel: true });
  await settle();
  // Someone else touches the Lease (a label, say): the leader's copy is now stale.
  const touched = await client.get('k8ts-test');
  await client.update({ ...touched, metadata: { ...touched.metadata, labels: { touched: 'yes' } } });
  a.stop.abort();
  await a.done;
  assert.equal(client.lease?.spec?.holderIdentity, '');
  assert.equal(client.lease?.metadata?.labels?.['touched'], 'yes');
});

test('the leader waits for its work to stop before releasing', async () => {
  const clock = new FakeClock();
  const client = new FakeLeaseClient();
  let finishWork: (() => void) | undefined;
  const a = candidate('a', client, clock, {
    releaseOnCancel: true,
    callbacks: {
      onStartedLeading: (signal) => new Promise<void>((resolve) => { signal.addEventListener('abort', () => { finishWork = resolve; }); }),
      onStoppedLeading: () => undefined,
    },
  });
  await settle();
  a.stop.abort();
  await settle();
  assert.equal(client.lease?.spec?.holderIdentity, 'a', 'still held while the work winds down');
  finishWork?.();
  await a.done;
  assert.equal(client.lease?.spec?.holderIdentity, '');
});

test('a leader that cannot renew within renewDeadline stops leading', async () => {
  const clock = new FakeClock();
  const client = new FakeLeaseClient();
  const a = candidate('a', client, clock);
  await settle();
  client.failure = new Error('connection refused');
  // The renewal that starts 2 s from now gives up 10 s later.
  await tick(clock, 11_500);
  assert.equal(a.leading?.aborted, false);
  await tick(clock, 500);
  assert.equal(a.leading?.aborted, true);
  await a.done;
  assert.deepEqual(a.events, ['leader a', 'started', 'stopped']);
  assert.equal(a.elector.check(0), undefined, 'still believes it holds the lease, but within tolerance');
  clock.advance(10_000);
  assert.match(String(a.elector.check(0)), /failed election to renew leadership/);
});

test('candidates racing for a free lease: the resourceVersion lets only one win', async () => {
  const clock = new FakeClock();
  const client = new FakeLeaseClient();
  client.lease = { metadata: { name: 'k8ts-test', namespace: 'kube-system', resourceVersion: '100' }, spec: { holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 4 } };
  const a = candidate('a', client, clock);
  const b = candidate('b', client, clock);
  await settle();
  const leaders = [a, b].filter((c) => c.events.includes('started'));
  assert.equal(leaders.length, 1);
  assert.equal(client.lease.spec?.leaseTransitions, 5);
  a.stop.abort();
  b.stop.abort();
  await Promise.all([a.done, b.done]);
});

test('timings are checked as upstream does', () => {
  const lock = new LeaseLock({ client: new FakeLeaseClient(), namespace: 'n', name: 'l', identity: 'x' });
  const callbacks = { onStartedLeading: () => undefined, onStoppedLeading: () => undefined };
  assert.throws(() => new LeaderElector({ lock, callbacks, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }), /leaseDuration must be greater/);
  assert.throws(() => new LeaderElector({ lock, callbacks, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 }), /renewDeadline must be greater/);
  assert.throws(() => new LeaderElector({ lock: new LeaseLock({ client: new FakeLeaseClient(), namespace: 'n', name: 'l', identity: '' }), callbacks }), /identity/);
});

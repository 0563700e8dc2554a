// Two electors contending on one Lease of a real `k8ts server`, with short timings (lease 4 s,
// renew deadline 3 s, retry 0.5 s) so the test runs in seconds: one leads; a crashed leader is
// replaced once the lease expires; a released lease is taken over at once.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { RestClient } from '../rest/client.ts';
import { withUserAgent } from '../rest/config.ts';
import { loadKubeconfig } from '../rest/kubeconfig.ts';
import { LeaderElector } from './leader-elector.ts';
import { LeaseLock } from './lease-lock.ts';

const leases = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };
const ns = 'leader-election';
const LEASE_MS = 4000;
let server: TestServer;
let client: RestClient;

before(async () => {
  // The client machinery alone: no hosted controllers writing objects of their own.
  server = await TestServer.start(['--disable', 'controller-manager']);
  client = new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'k8ts-leader-election-test'));
  await client.resource({ group: '', version: 'v1', resource: 'namespaces', namespaced: false }).create({ metadata: { name: ns } });
});

after(async () => {
  client?.close();
  await server?.stop();
});

interface Candidate {
  readonly identity: string;
  readonly stop: AbortController;
  startedAt: number | undefined;
  leaders: string[];
  done: Promise<void>;
}

function contend(identity: string, lease: string, releaseOnCancel: boolean): Candidate {
  const c: Candidate = { identity, stop: new AbortController(), startedAt: undefined, leaders: [], done: Promise.resolve() };
  const elector = new LeaderElector({
    lock: new LeaseLock({ client: client.resource<Lease>(leases).namespace(ns), namespace: ns, name: lease, identity }),
    leaseDurationMs: LEASE_MS, renewDeadlineMs: 3000, retryPeriodMs: 500, releaseOnCancel,
    onError: () => undefined,
    callbacks: {
      onStartedLeading: () => { c.startedAt = Date.now(); },
      onStoppedLeading: () => undefined,
      onNewLeader: (id) => c.leaders.push(id),
    },
  });
  c.done = elector.run(c.stop.signal);
  return c;
}

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function holder(lease: string): Promise<string | undefined> {
  return (await client.resource<Lease>(leases).namespace(ns).get(lease)).spec?.holderIdentity;
}

test('only one of two candidates leads; after the leader crashes the other takes over within the lease duration', async () => {
  const a = contend('a', 'crash', false);
  const b = contend('b', 'crash', false);
  await until('a leader', () => a.startedAt !== undefined || b.startedAt !== undefined, 5000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const [leader, other] = a.startedAt !== undefined ? [a, b] : [b, a];
  assert.equal(other.startedAt, undefined, 'two leaders');
  assert.equal(await holder('crash'), leader.identity);
  assert.ok(other.leaders.includes(leader.identity), 'the other learnt who leads');

  leader.stop.abort(); // a crash: no release
  const crashedAt = Date.now();
  await leader.done;
  assert.equal(await holder('crash'), leader.identity, 'not released');
  await until('the takeover', () => other.startedAt !== undefined, LEASE_MS + 3000);
  const takeover = (other.startedAt ?? 0) - crashedAt;
  assert.ok(takeover > LEASE_MS / 2, `took over after ${takeover} ms: before the lease could have expired`);
  assert.equal(await holder('crash'), other.identity);
  other.stop.abort();
  await other.done;
});

test('a leader that releases its lease on a graceful stop is replaced at once', async () => {
  const a = contend('a', 'release', true);
  await until('a to lead', () => a.startedAt !== undefined, 5000);
  const b = contend('b', 'release', true);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(b.startedAt, undefined);

  a.stop.abort();
  const stoppedAt = Date.now();
  await a.done;
  assert.equal(await holder('release'), '', 'released');
  await until('the takeover', () => b.startedAt !== undefined, LEASE_MS);
  const takeover = (b.startedAt ?? 0) - stoppedAt;
  assert.ok(takeover < LEASE_MS / 2, `took over after ${takeover} ms`);
  b.stop.abort();
  await b.done;
  assert.equal(await holder('release'), '');
});

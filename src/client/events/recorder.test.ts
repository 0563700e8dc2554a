import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { StatusError } from '../../api/status.ts';
import type { Event } from '../../api/types/core/v1/index.ts';
import type { ApiCall, RestClient } from '../rest/client.ts';
import { AGGREGATION_WINDOW_MS, COMBINED_PREFIX, newEventRecorder, SPAM_BURST, SPAM_REFILL_MS } from './recorder.ts';

interface Write { verb: 'create' | 'patch'; namespace: string; name: string; body: Record<string, unknown> }

/** Just enough of a RestClient for the recorder: requests to the events API, recorded. */
function fakeClient(fail: (w: Write) => Error | undefined = () => undefined, onCreate?: () => Promise<void>): { client: RestClient; writes: Write[] } {
  const writes: Write[] = [];
  const client = {
    async request(call: ApiCall) {
      const m = /^\/api\/v1\/namespaces\/([^/]+)\/events(?:\/([^/]+))?$/.exec(call.path);
      assert.ok(m, `an events path: ${call.path}`);
      assert.equal(call.discardResponse, true, 'the recorder does not use answers');
      const body = call.body as Record<string, unknown>;
      const namespace = decodeURIComponent(m[1] ?? '');
      const w: Write = call.method === 'POST'
        ? { verb: 'create', namespace, name: String((body.metadata as { name?: string }).name), body }
        : { verb: 'patch', namespace, name: decodeURIComponent(m[2] ?? ''), body };
      assert.equal(call.method, w.verb === 'create' ? 'POST' : 'PATCH');
      if (w.verb === 'patch') assert.equal(call.contentType, 'application/strategic-merge-patch+json');
      if (w.verb === 'create') await onCreate?.();
      writes.push(w);
      const e = fail(w);
      if (e !== undefined) throw e;
      return undefined;
    },
  } as unknown as RestClient;
  return { client, writes };
}

const pod = { metadata: { name: 'p', namespace: 'ns1', uid: 'u1' } };
const kind = { apiVersion: 'v1', kind: 'Pod' };

test('recorder: repeats within ten minutes patch count and lastTimestamp; others create', async () => {
  const cases: { name: string; second: { reason: string; message: string; afterMs: number; fieldPath?: string }; want: string[]; count?: number }[] = [
    { name: 'same event soon after', second: { reason: 'BackOff', message: 'm', afterMs: 5_000 }, want: ['create', 'patch'], count: 2 },
    { name: 'same event at the window edge', second: { reason: 'BackOff', message: 'm', afterMs: AGGREGATION_WINDOW_MS }, want: ['create', 'patch'], count: 2 },
    { name: 'same event after the window', second: { reason: 'BackOff', message: 'm', afterMs: AGGREGATION_WINDOW_MS + 1 }, want: ['create', 'create'] },
    { name: 'other message', second: { reason: 'BackOff', message: 'n', afterMs: 1 }, want: ['create', 'create'] },
    { name: 'other reason', second: { reason: 'Failed', message: 'm', afterMs: 1 }, want: ['create', 'create'] },
    { name: 'other part of the object', second: { reason: 'BackOff', message: 'm', afterMs: 1, fieldPath: 'spec.containers{b}' }, want: ['create', 'create'] },
  ];
  for (const c of cases) {
    const clock = new FakeClock();
    const { client, writes } = fakeClient();
    const rec = newEventRecorder(client, clock, 'kubelet', kind, { host: 'node-a' });
    rec.event(pod, 'Warning', 'BackOff', 'm', 'spec.containers{a}');
    clock.advance(c.second.afterMs);
    rec.event(pod, 'Warning', c.second.reason, c.second.message, c.second.fieldPath ?? 'spec.containers{a}');
    await rec.settled();
    assert.deepEqual(writes.map((w) => w.verb), c.want, c.name);
    const first = writes[0]?.body as unknown as Event;
    assert.deepEqual(first.source, { component: 'kubelet', host: 'node-a' }, c.name);
    assert.equal(first.reportingInstance, 'node-a', c.name);
    assert.equal(first.involvedObject.uid, 'u1', c.name);
    assert.equal(first.involvedObject.fieldPath, 'spec.containers{a}', c.name);
    if (c.count !== undefined) {
      assert.equal(writes[1]?.name, first.metadata.name, `${c.name}: patches the first event`);
      assert.equal(writes[1]?.body.count, c.count, c.name);
      assert.equal(writes[1]?.body.lastTimestamp, new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'), c.name);
    }
  }
});

test('recorder: the cache is bounded (least recently used series forgotten)', async () => {
  const clock = new FakeClock();
  const { client, writes } = fakeClient();
  const rec = newEventRecorder(client, clock, 'kubelet', kind, { cacheSize: 2 });
  rec.event(pod, 'Normal', 'A', 'a');
  rec.event(pod, 'Normal', 'B', 'b');
  rec.event(pod, 'Normal', 'A', 'a'); // A is now the most recent
  rec.event(pod, 'Normal', 'C', 'c'); // forgets B
  rec.event(pod, 'Normal', 'B', 'b'); // a new series
  rec.event(pod, 'Normal', 'A', 'a'); // the new B evicted A: a new series too
  await rec.settled();
  // Writes of different series may interleave; count them per verb.
  assert.deepEqual(writes.filter((w) => w.verb === 'create').map((w) => String((w.body as { reason?: string }).reason)),
    ['A', 'B', 'C', 'B', 'A']);
  assert.equal(writes.filter((w) => w.verb === 'patch').length, 1);
});

test('recorder: failures never reach the caller; a patch of a vanished event creates it again', async () => {
  const clock = new FakeClock();
  const notFound = new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: 'gone' });
  const { client, writes } = fakeClient((w) => (w.verb === 'patch' ? notFound : w.namespace === 'bad' ? new Error('boom') : undefined));
  const rec = newEventRecorder(client, clock, 'kubelet', kind);
  rec.event({ metadata: { name: 'x', namespace: 'bad' } }, 'Normal', 'R', 'm');
  rec.event(pod, 'Normal', 'R', 'm');
  rec.event(pod, 'Normal', 'R', 'm');
  await rec.settled();
  assert.deepEqual(writes.map((w) => w.verb), ['create', 'create', 'patch', 'create']);
  assert.equal((writes[3]?.body as unknown as Event).count, 2);
  assert.equal(writes[3]?.name, writes[1]?.name);
});

for (const options of [{}, { concurrentWrites: 16 }, { concurrentWrites: 4, queuedWrites: 1_200 }]) {
  const atOnce = options.concurrentWrites ?? 1;
  const queued = options.queuedWrites ?? 1_000;
  test(`recorder: a burst is written ${atOnce} at a time${options.concurrentWrites === undefined ? ' (client-go\'s broadcaster)' : ''}, ${queued} more wait, the rest are dropped`, async () => {
    let active = 0;
    let peak = 0;
    let created = 0;
    const release: Array<() => void> = [];
    const { client } = fakeClient(() => undefined, async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise<void>((resolve) => release.push(resolve));
      active--;
      created++;
    });
    const recorder = newEventRecorder(client, new FakeClock(0), 'test', kind, options);
    for (let i = 0; i < 1_500; i++) recorder.event({ metadata: { name: `p${i}`, namespace: 'ns1', uid: `u${i}` } }, 'Warning', 'FailedScheduling', 'no nodes');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(active, atOnce);
    while (created + active < atOnce + queued || release.length > 0) {
      release.splice(0).forEach((r) => r());
      await new Promise((resolve) => setImmediate(resolve));
    }
    await recorder.settled();
    assert.equal(peak, atOnce);
    assert.equal(created, atOnce + queued, `the ${atOnce} under way and the ${queued} queued are written; the rest dropped`);
  });
}

test('recorder: from the tenth distinct message of one reason about one object, events are combined into one', async () => {
  const clock = new FakeClock();
  const { client, writes } = fakeClient();
  const rs = { metadata: { name: 'web-1', namespace: 'ns1', uid: 'rs1' } };
  const rec = newEventRecorder(client, clock, 'replicaset-controller', { apiVersion: 'apps/v1', kind: 'ReplicaSet' });
  for (let i = 1; i <= 12; i++) rec.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`);
  rec.event(rs, 'Normal', 'SuccessfulDelete', 'Deleted pod: web-1-1'); // another reason: a series of its own
  await rec.settled();
  // Writes of different series may interleave: each verb in its order.
  const shown = (verb: string): string[] => writes.filter((w) => w.verb === verb).map((w) => `${String(w.body.message)}${verb === 'patch' ? ` x${String(w.body.count)}` : ''}`);
  assert.deepEqual(shown('create'), [
    ...Array.from({ length: 9 }, (_, i) => `Created pod: web-1-${i + 1}`),
    `${COMBINED_PREFIX}Created pod: web-1-10`,
    'Deleted pod: web-1-1',
  ]);
  assert.deepEqual(shown('patch'), [`${COMBINED_PREFIX}Created pod: web-1-11 x2`, `${COMBINED_PREFIX}Created pod: web-1-12 x3`]);
  const combined = writes.find((w) => w.verb === 'create' && String(w.body.message).startsWith(COMBINED_PREFIX));
  assert.ok(writes.filter((w) => w.verb === 'patch').every((w) => w.name === combined?.name), 'the combined event is patched');
  // Ten minutes of quiet: the next message is an event of its own again.
  clock.advance(AGGREGATION_WINDOW_MS + 1);
  rec.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-1-13');
  await rec.settled();
  assert.equal(writes.at(-1)?.body.message, 'Created pod: web-1-13');
});

test('recorder: one source writes at most 25 events about one object at once, then one every five minutes', async () => {
  const clock = new FakeClock();
  const { client, writes } = fakeClient();
  const rec = newEventRecorder(client, clock, 'kubelet', kind, { host: 'node-a' });
  const other = { metadata: { name: 'q', namespace: 'ns1', uid: 'u2' } };
  const cases: Array<{ what: string; act: () => void; writes: number }> = [
    { what: 'a burst of 40 reasons about one pod: 25 written', act: () => { for (let i = 0; i < 40; i++) rec.event(pod, 'Normal', `R${i}`, 'm'); }, writes: SPAM_BURST },
    { what: 'another pod has a budget of its own', act: () => rec.event(other, 'Normal', 'R', 'm'), writes: SPAM_BURST + 1 },
    { what: 'no token back yet', act: () => { clock.advance(SPAM_REFILL_MS - 1); rec.event(pod, 'Normal', 'Late', 'm'); }, writes: SPAM_BURST + 1 },
    { what: 'one token back after five minutes', act: () => { clock.advance(1); rec.event(pod, 'Normal', 'Later', 'm'); rec.event(pod, 'Normal', 'Later2', 'm'); }, writes: SPAM_BURST + 2 },
  ];
  for (const c of cases) {
    c.act();
    await rec.settled();
    assert.equal(writes.length, c.writes, c.what);
  }
  // A dropped repeat still counts: the next written patch of that series carries the full count.
  clock.advance(SPAM_REFILL_MS);
  rec.event(pod, 'Normal', 'R0', 'm');
  await rec.settled();
  assert.deepEqual([writes.at(-1)?.verb, writes.at(-1)?.body.count], ['patch', 2]);
});

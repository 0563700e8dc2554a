import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { MetricsRegistry } from '../../client/metrics/registry.ts';
import { requestInfo } from '../endpoints/request-info.ts';
import { InflightLimiter, TooManyRequests, WAITING_PER_POOL } from './inflight.ts';
import type { User } from './types.ts';

const controller: User = { name: 'system:kube-controller-manager', groups: ['system:authenticated'] };
const admin: User = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };

const create = requestInfo('POST', '/api/v1/namespaces/default/pods', new URLSearchParams());
const get = requestInfo('GET', '/api/v1/namespaces/default/pods/web', new URLSearchParams());
const watch = requestInfo('GET', '/api/v1/pods', new URLSearchParams('watch=true'));
const exec = requestInfo('POST', '/api/v1/namespaces/default/pods/web/exec', new URLSearchParams('command=sh'));
const logs = requestInfo('GET', '/api/v1/namespaces/default/pods/web/log', new URLSearchParams());

/** A request the test ends when it likes: started says whether the limiter let it run. */
class Held {
  started = false;
  readonly done: Promise<unknown>;
  readonly abort = new AbortController();
  #finish: () => void = () => undefined;

  constructor(limiter: InflightLimiter, info: ReturnType<typeof requestInfo>, user: User, method = 'POST') {
    this.done = limiter.run(info, method, user, () => this.abort.signal, () => {
      this.started = true;
      return new Promise<void>((resolve) => (this.#finish = resolve));
    }).then(() => 'served', (error: unknown) => error);
  }

  finish(): void {
    this.#finish();
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('mutating requests past the limit wait, then run in the order they came as seats free', async () => {
  const limiter = new InflightLimiter({ maxReadOnly: 10, maxMutating: 2, clock: new FakeClock() });
  const held = Array.from({ length: 5 }, () => new Held(limiter, create, controller));
  await turn();
  assert.deepEqual(held.map((h) => h.started), [true, true, false, false, false]);
  assert.deepEqual(limiter.stats().mutating, { busy: 2, waiting: 3 });
  held[1]?.finish();
  await turn();
  assert.deepEqual(held.map((h) => h.started), [true, true, true, false, false]);
  held[0]?.finish();
  held[2]?.finish();
  await turn();
  assert.deepEqual(held.map((h) => h.started), [true, true, true, true, true]);
  for (const h of held) h.finish();
  assert.deepEqual(await Promise.all(held.map((h) => h.done)), Array(5).fill('served'));
  assert.deepEqual(limiter.stats().mutating, { busy: 0, waiting: 0 });
});

test('reads have seats of their own; watches, exec, logs and system:masters take none', async () => {
  const limiter = new InflightLimiter({ maxReadOnly: 1, maxMutating: 1, clock: new FakeClock() });
  const write = new Held(limiter, create, controller);
  const read = new Held(limiter, get, controller, 'GET');
  const free = [
    new Held(limiter, watch, controller, 'GET'),
    new Held(limiter, exec, controller),
    new Held(limiter, logs, controller, 'GET'),
    new Held(limiter, create, admin),
    new Held(limiter, get, admin, 'GET'),
  ];
  const waiting = [new Held(limiter, create, controller), new Held(limiter, get, controller, 'GET')];
  await turn();
  assert.equal(write.started && read.started, true);
  assert.deepEqual(free.map((h) => h.started), [true, true, true, true, true]);
  assert.deepEqual(waiting.map((h) => h.started), [false, false]);
  assert.deepEqual(limiter.stats(), { readOnly: { busy: 1, waiting: 1 }, mutating: { busy: 1, waiting: 1 } });
  for (const h of [write, read, ...free, ...waiting]) h.finish();
  await turn();
  for (const h of waiting) h.finish();
  await Promise.all(waiting.map((h) => h.done));
  assert.deepEqual(waiting.map((h) => h.started), [true, true]);
});

test('a request that waited 15 s is refused with TooManyRequests and never runs; the queue moves on', async () => {
  const clock = new FakeClock();
  const limiter = new InflightLimiter({ maxReadOnly: 1, maxMutating: 1, clock });
  const first = new Held(limiter, create, controller);
  const late = new Held(limiter, create, controller);
  await turn();
  clock.advance(14_999);
  await turn();
  const next = new Held(limiter, create, controller);
  clock.advance(1);
  const refused = await late.done;
  assert.ok(refused instanceof TooManyRequests, String(refused));
  assert.equal(late.started, false);
  first.finish();
  await turn();
  assert.equal(next.started, true);
  next.finish();
  assert.equal(await next.done, 'served');
  assert.deepEqual(limiter.stats().mutating, { busy: 0, waiting: 0 });
});

test('a request whose client left while it waited is dropped; the seat goes to the next', async () => {
  const limiter = new InflightLimiter({ maxReadOnly: 1, maxMutating: 1, clock: new FakeClock() });
  const first = new Held(limiter, create, controller);
  const gone = new Held(limiter, create, controller);
  const next = new Held(limiter, create, controller);
  await turn();
  gone.abort.abort();
  assert.ok(await gone.done instanceof Error);
  assert.equal(limiter.stats().mutating.waiting, 1);
  first.finish();
  await turn();
  assert.equal(gone.started, false);
  assert.equal(next.started, true);
  next.finish();
  await next.done;
});

test('a failing request frees its seat; with the pool\'s queue full a request is refused at once', async () => {
  const limiter = new InflightLimiter({ maxReadOnly: 1, maxMutating: 1, clock: new FakeClock() });
  await assert.rejects(limiter.run(create, 'POST', controller, () => new AbortController().signal, () => Promise.reject(new Error('invalid'))), /invalid/);
  assert.deepEqual(limiter.stats().mutating, { busy: 0, waiting: 0 });
  const first = new Held(limiter, create, controller);
  const queued = Array.from({ length: WAITING_PER_POOL }, () => new Held(limiter, create, controller));
  const refused = new Held(limiter, create, controller);
  assert.ok(await refused.done instanceof TooManyRequests);
  assert.equal(limiter.stats().mutating.waiting, WAITING_PER_POOL);
  first.finish();
  // Each finish hands the seat to the next in the queue.
  for (const h of queued) {
    await turn();
    h.finish();
  }
  assert.deepEqual(new Set(await Promise.all(queued.map((h) => h.done))), new Set(['served']));
});

test('apiserver_current_inflight_requests: the most seats taken at once in the last period, per kind', async () => {
  const metrics = new MetricsRegistry();
  const limiter = new InflightLimiter({ maxReadOnly: 5, maxMutating: 2, clock: new FakeClock(), metrics });
  const seen = (): string[] => metrics.text().split('\n').filter((line) => line.startsWith('apiserver_current_inflight_requests{'));
  assert.deepEqual(seen(), ['apiserver_current_inflight_requests{request_kind="mutating"} 0', 'apiserver_current_inflight_requests{request_kind="readOnly"} 0']);
  const held = [...Array.from({ length: 3 }, () => new Held(limiter, create, controller)), new Held(limiter, get, controller, 'GET')];
  await turn();
  for (const h of held) h.finish();
  await turn();
  held[2]?.finish();
  await Promise.all(held.map((h) => h.done));
  limiter.publish();
  assert.deepEqual(seen(), ['apiserver_current_inflight_requests{request_kind="mutating"} 2', 'apiserver_current_inflight_requests{request_kind="readOnly"} 1']);
  limiter.publish();
  assert.deepEqual(seen(), ['apiserver_current_inflight_requests{request_kind="mutating"} 0', 'apiserver_current_inflight_requests{request_kind="readOnly"} 0']);
});

test('a limit of 0 means no limit', async () => {
  const limiter = new InflightLimiter({ maxReadOnly: 0, maxMutating: 0, clock: new FakeClock() });
  const held = Array.from({ length: 50 }, () => new Held(limiter, create, controller));
  await turn();
  assert.equal(held.every((h) => h.started), true);
  for (const h of held) h.finish();
  await Promise.all(held.map((h) => h.done));
});

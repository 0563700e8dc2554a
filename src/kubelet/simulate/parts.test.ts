import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Probe, Volume } from '../../api/types/core/v1/index.ts';
import { FakeClock } from '../../api/clock.ts';
import { FakeImageService } from '../fakeruntime/images.ts';
import { FakeRuntime } from '../fakeruntime/runtime.ts';
import { SimulatedProber, simulatedProbe } from './prober.ts';
import { withoutManagedFields } from './trim.ts';
import { neededObjects } from './volumes.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { WatchEvent } from '../../client/rest/types.ts';

test('volumes: what must exist before the pod starts', () => {
  const cases: [Volume, string][] = [
    [{ name: 'a', configMap: { name: 'cm' } }, 'configmap/cm'],
    [{ name: 'b', configMap: { name: 'cm', optional: true } }, 'configmap/cm?'],
    [{ name: 'c', secret: { secretName: 's' } }, 'secret/s'],
    [{ name: 'd', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }, { serviceAccountToken: { path: 'token' } }, { secret: { name: 'x', optional: true } }] } }, 'configmap/kube-root-ca.crt,secret/x?'],
    [{ name: 'e', emptyDir: {} }, ''],
    [{ name: 'f', downwardAPI: { items: [] } }, ''],
  ];
  for (const [volume, want] of cases) {
    assert.equal(neededObjects(volume).map((n) => `${n.kind}/${n.name}${n.optional ? '?' : ''}`).join(','), want, volume.name);
  }
});

test('probes: network handlers become `exec true` with their timing; exec probes are kept', () => {
  const timing = { periodSeconds: 3, failureThreshold: 2, initialDelaySeconds: 5 };
  const cases: [Probe | undefined, Probe | undefined][] = [
    [undefined, undefined],
    [{ httpGet: { path: '/healthz', port: 8080 }, ...timing }, { exec: { command: ['true'] }, ...timing }],
    [{ tcpSocket: { port: 'http' }, ...timing }, { exec: { command: ['true'] }, ...timing }],
    [{ grpc: { port: 9000 } }, { exec: { command: ['true'] } }],
    [{ exec: { command: ['cat', '/tmp/ok'] }, ...timing }, { exec: { command: ['cat', '/tmp/ok'] }, ...timing }],
  ];
  for (const [probe, want] of cases) assert.deepEqual(simulatedProbe(probe), want, JSON.stringify(probe));
});

test('prober: only containers with a probe are tracked; the others read as started and ready without an entry', async () => {
  const clock = new FakeClock();
  const runtime = new FakeRuntime({ clock, images: new FakeImageService({}) });
  const prober = new SimulatedProber({ runtime, clock, log: () => undefined, events: { unhealthy: () => undefined, changed: () => undefined } });
  const stop = new AbortController();
  const running = prober.run(stop.signal);
  const pod = { metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { containers: [] } };
  const cases: Array<{ id: string; container: { name: string; readinessProbe?: Probe; livenessProbe?: Probe }; tracked: boolean }> = [
    { id: 'c-plain', container: { name: 'plain' }, tracked: false },
    { id: 'c-ready', container: { name: 'ready', readinessProbe: { httpGet: { path: '/', port: 80 } } }, tracked: true },
    { id: 'c-live', container: { name: 'live', livenessProbe: { exec: { command: ['true'] } } }, tracked: true },
  ];
  for (const c of cases) {
    prober.addContainer(pod, c.container, c.id, new Date(clock.now()));
    assert.equal(prober.state(c.id) !== undefined, c.tracked, c.container.name);
  }
  assert.deepEqual(prober.state('c-ready'), { ready: false, started: true }, 'a readiness probe starts not ready');
  prober.removePod('u');
  for (const c of cases) assert.equal(prober.state(c.id), undefined, `${c.container.name} after removePod`);
  stop.abort();
  await running;
  runtime.close();
});

test('pod cache: managedFields are dropped from listed and watched pods, everything else kept', async () => {
  const managed = (name: string): Pod => ({ metadata: { name, labels: { a: 'b' }, managedFields: [{ manager: 'kubelet', operation: 'Update' }] }, spec: { containers: [] } });
  const events: WatchEvent<Pod>[] = [
    { type: 'ADDED', object: managed('w1') },
    { type: 'MODIFIED', object: managed('w2') },
    { type: 'DELETED', object: { metadata: { name: 'w3' } } },
    { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old' } },
  ];
  const lw = withoutManagedFields({
    list: () => Promise.resolve({ items: [managed('l1'), { metadata: { name: 'l2' } }] }),
    watch: () => ({ async *[Symbol.asyncIterator]() { yield* events; } }),
  });
  const listed = await lw.list({});
  const watched: WatchEvent<Pod>[] = [];
  for await (const e of lw.watch({})) watched.push(e);
  const cases: Array<[string, Pod, Pod]> = [
    ['listed', listed.items[0] as Pod, { metadata: { name: 'l1', labels: { a: 'b' } }, spec: { containers: [] } }],
    ['listed without managedFields', listed.items[1] as Pod, { metadata: { name: 'l2' } }],
    ['added', watched[0]?.object as Pod, { metadata: { name: 'w1', labels: { a: 'b' } }, spec: { containers: [] } }],
    ['modified', watched[1]?.object as Pod, { metadata: { name: 'w2', labels: { a: 'b' } }, spec: { containers: [] } }],
    ['deleted', watched[2]?.object as Pod, { metadata: { name: 'w3' } }],
  ];
  // As the pods are ever written out (a trimmed field is left undefined, not deleted).
  for (const [what, got, want] of cases) assert.deepEqual(JSON.parse(JSON.stringify(got)), want, what);
  assert.deepEqual(watched.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED', 'ERROR']);
  // Stopping early closes the inner watch; a failing inner watch fails the outer one.
  let closed = false;
  const closing = withoutManagedFields({
    list: () => Promise.resolve({ items: [] }),
    watch: () => ({ async *[Symbol.asyncIterator]() { try { yield* events; } finally { closed = true; } } }),
  });
  for await (const e of closing.watch({})) if (e.type === 'ADDED') break;
  assert.equal(closed, true, 'the inner watch was closed');
  const failing = withoutManagedFields({
    list: () => Promise.resolve({ items: [] }),
    watch: () => ({ async *[Symbol.asyncIterator]() { yield events[0] as WatchEvent<Pod>; throw new Error('reset'); } }),
  });
  const seen: string[] = [];
  await assert.rejects(async () => { for await (const e of failing.watch({})) seen.push(e.type); }, /reset/);
  assert.deepEqual(seen, ['ADDED']);
});

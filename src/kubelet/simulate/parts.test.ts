import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Probe, Volume } from '../../api/types/core/v1/index.ts';
import { FakeClock } from '../../api/clock.ts';
import { FakeImageService } from '../fakeruntime/images.ts';
import { FakeRuntime } from '../fakeruntime/runtime.ts';
import { SimulatedProber, simulatedProbe } from './prober.ts';
import { neededObjects } from './volumes.ts';

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


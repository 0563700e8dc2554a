import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import { execRuntime, exited, settle } from './exec-runtime.fixture.ts';
import { Prober } from './prober.ts';

/** Waits (in real time, bounded) until `cond` holds: network answers take real I/O turns. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await settle(1);
  assert.ok(cond(), what);
}

test('network probes through the prober: httpGet by port name, tcpSocket by number, events as upstream', async () => {
  let status = 500;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    if (status === 302) res.writeHead(302, { location: `http://localhost:${req.socket.localPort}/elsewhere` });
    else res.statusCode = status;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const clock = new FakeClock();
  const events: string[] = [];
  const changed: string[] = [];
  const unhealthy: string[] = [];
  const prober = new Prober({
    runtime: execRuntime(async () => exited(0)).runtime, clock, podIP: (uid) => (uid === 'pod-1' ? '127.0.0.1' : undefined), log: () => {},
    events: { unhealthy: (_p, name, _id, message) => unhealthy.push(`${name}: ${message}`), changed: (uid) => changed.push(uid) },
    recordEvent: (_pod, type, reason, message) => events.push(`${type} ${reason} ${message}`), random: () => 0,
  });
  const c: Container = {
    name: 'web', ports: [{ name: 'http', containerPort: port }],
    readinessProbe: { httpGet: { port: 'http', path: '/ready' }, periodSeconds: 5 },
    livenessProbe: { tcpSocket: { port }, periodSeconds: 5, failureThreshold: 1 },
  };
  const pod: Pod = { metadata: { name: 'web', namespace: 'default', uid: 'pod-1' }, spec: { containers: [c] } };
  try {
    prober.addContainer(pod, c, 'cid', new Date(clock.now()));
    await until(() => events.length === 1, 'the first readiness run failed');
    assert.deepEqual(events, ['Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 500']);
    assert.deepEqual(prober.state('cid'), { ready: false, started: true });

    status = 302;
    clock.advance(5000);
    await until(() => events.length === 2, 'the redirect was seen');
    assert.equal(events[1], 'Warning ProbeWarning Readiness probe warning: Probe terminated redirects, Response body: ');
    await until(() => prober.state('cid')?.ready === true, 'a warning counts as success');

    status = 200;
    clock.advance(5000);
    await until(() => requests === 3, 'third readiness run');
    await settle(5);
    assert.equal(events.length, 2, 'successes record nothing');
    assert.deepEqual(changed, ['pod-1']);

    // The server goes away: liveness (threshold 1) fails at its next run and readiness too.
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    clock.advance(5000);
    await until(() => unhealthy.length === 1, 'liveness failed');
    assert.deepEqual(unhealthy, ['web: Container web failed liveness probe, will be restarted']);
    assert.ok(events.includes(`Warning Unhealthy Liveness probe failed: dial tcp 127.0.0.1:${port}: connect: connection refused`));
    await until(() => events.some((e) => e.startsWith('Warning Unhealthy Readiness probe failed: Get ')), 'readiness failed');
    assert.ok(events.includes(`Warning Unhealthy Readiness probe failed: Get "http://127.0.0.1:${port}/ready": dial tcp 127.0.0.1:${port}: connect: connection refused`));
  } finally {
    prober.removePod('pod-1');
    if (server.listening) server.close();
  }
});

test('a network probe of a pod without an IP errors and changes nothing', async () => {
  const clock = new FakeClock();
  const events: string[] = [];
  const prober = new Prober({
    runtime: execRuntime(async () => exited(0)).runtime, clock, podIP: () => undefined, log: () => {},
    events: { unhealthy: () => {}, changed: () => {} }, recordEvent: (_p, _t, _r, m) => events.push(m), random: () => 0,
  });
  const c: Container = { name: 'g', readinessProbe: { grpc: { port: 9000 } } };
  prober.addContainer({ metadata: { uid: 'u' }, spec: { containers: [c] } }, c, 'cid', new Date(clock.now()));
  await until(() => events.length > 0, 'an event');
  assert.deepEqual(events, ['Readiness probe errored and resulted in unknown state: the pod has no IP address yet']);
  assert.deepEqual(prober.state('cid'), { ready: false, started: true });
  prober.removeContainer('cid');
});

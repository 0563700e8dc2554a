import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { test } from 'node:test';
import { realClock } from '../../api/clock.ts';
import { MetricsRegistry } from '../../client/metrics/registry.ts';
import { HealthChecks } from './health.ts';
import { RequestMetrics } from './request-metrics.ts';
import { ApiServer } from './server.ts';
import { h1request, h2request, startServer, testPki } from './test-server.fixture.ts';
import type { Handler } from './types.ts';

const pki = testPki();
const notFound: Handler = async (req, res) => res.json(404, { kind: 'Status', message: `no ${req.path}` });

test('built-in endpoints: health with registered checks, version, metrics', async () => {
  const registry = new MetricsRegistry();
  const health = new HealthChecks();
  health.add('etcd', () => undefined);
  const running = await startServer({ handler: notFound, health, metrics: registry, requestMetrics: new RequestMetrics(registry, realClock) });
  try {
    const ready = await h2request(running.port, '/readyz?verbose', { identity: pki.admin });
    assert.equal(ready.status, 200);
    assert.equal(ready.body, '[+]ping ok\n[+]etcd ok\n[+]shutdown ok\nreadyz check passed\n');
    assert.equal((await h1request(running.port, '/livez/etcd')).body, 'ok');
    assert.equal((await h2request(running.port, '/readyz/nothing')).body, '{"kind":"Status","message":"no /readyz/nothing"}\n');

    const version = await h2request(running.port, '/version?timeout=32s');
    assert.equal(version.headers['content-type'], 'application/json');
    const info = JSON.parse(version.body) as Record<string, string>;
    assert.equal(version.body, JSON.stringify(info, null, 2));
    assert.deepEqual([info['major'], info['minor'], info['gitVersion']], ['1', '33', 'v1.33.0+k8ts']);
    assert.match(info['platform'] ?? '', /^linux\/(amd64|arm64)$/);
    assert.equal(info['goVersion'], `node${process.versions.node}`);

    const metrics = await h1request(running.port, '/metrics', { identity: pki.admin });
    assert.equal(metrics.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(metrics.body, /^apiserver_request_total\{code="200",component="apiserver",dry_run="",group="",resource="",scope="",subresource="",verb="GET",version=""\} 3$/m);
    assert.match(metrics.body, /^# TYPE apiserver_request_duration_seconds histogram$/m);
  } finally {
    await running.stop();
  }
});

test('upgrades reach the upgrade handler with the authenticated user; a stranger gets 401', async () => {
  const running = await startServer({
    handler: notFound,
    upgrade: async (req, socket) => {
      socket.end(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\nX-User: ${req.user.name}\r\nX-Path: ${req.path}\r\n\r\n`);
    },
  });
  try {
    const upgrade = async (identity: typeof pki.admin): Promise<IncomingMessage> => {
      const req = https.request({ host: '127.0.0.1', port: running.port, path: '/api/v1/namespaces/default/pods/p/exec?command=sh', ca: pki.ca.certPem, cert: identity.certPem, key: identity.keyPem, agent: false, headers: { connection: 'Upgrade', upgrade: 'test' } });
      req.end();
      const [event, res] = await Promise.race([once(req, 'upgrade').then((a) => ['upgrade', a[0]] as const), once(req, 'response').then((a) => ['response', a[0]] as const)]);
      (res as IncomingMessage).socket.destroy();
      return Object.assign(res as IncomingMessage, { event });
    };
    const ok = await upgrade(pki.admin);
    assert.equal(ok.statusCode, 101);
    assert.equal(ok.headers['x-user'], 'admin');
    assert.equal(ok.headers['x-path'], '/api/v1/namespaces/default/pods/p/exec');
    assert.equal((await upgrade(pki.stranger)).statusCode, 401);
  } finally {
    await running.stop();
  }
});

test('shutdown ends watches, closes HTTP/2 sessions, idle HTTP/1 and upgraded connections, and run() returns', async () => {
  let watchEnded: Promise<unknown> | undefined;
  let upgraded: Duplex | undefined;
  const running = await startServer({
    handler: async (req, res) => {
      if (req.path !== '/watch') return res.json(200, {});
      watchEnded = new Promise((resolve) => req.signal.addEventListener('abort', () => resolve(req.signal.reason), { once: true }));
      const stream = res.stream(200, 'application/json');
      await stream.write('{}\n');
      await watchEnded;
      stream.end();
    },
    upgrade: async (req, socket) => {
      upgraded = socket;
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n');
      req.signal.addEventListener('abort', () => socket.end(), { once: true });
    },
  });
  const session = http2.connect(running.url, { ca: pki.ca.certPem });
  const watch = session.request({ ':path': '/watch' });
  await once(watch, 'response');
  const watchClosed = once(watch, 'close');
  watch.resume();
  const agent = new https.Agent({ keepAlive: true, ca: pki.ca.certPem });
  const idle = https.request({ host: '127.0.0.1', port: running.port, path: '/x', agent });
  idle.end();
  const [res] = (await once(idle, 'response')) as [IncomingMessage];
  const idleSocket = res.socket;
  res.resume();
  await once(res, 'end');
  const up = https.request({ host: '127.0.0.1', port: running.port, path: '/up', ca: pki.ca.certPem, agent: false, headers: { connection: 'Upgrade', upgrade: 'test' } });
  up.end();
  const [, upSocket] = (await once(up, 'upgrade')) as [IncomingMessage, Duplex];
  assert.ok(upgraded !== undefined);

  const started = Date.now();
  await running.stop();
  assert.ok(Date.now() - started < 2000, 'shutdown did not wait for the grace period');
  assert.match(String(await watchEnded), /shutting down/);
  await watchClosed;
  for (const socket of [idleSocket, upSocket]) {
    if (!socket.destroyed) await once(socket, 'close');
  }
  session.close();
  agent.destroy();
});

test('run() refuses a second start and reports a port in use', async () => {
  const running = await startServer({ handler: notFound });
  try {
    await assert.rejects(running.server.run(new AbortController().signal), /already started/);
    const tls = { certPem: pki.serving.certPem, keyPem: pki.serving.keyPem, clientCaPem: pki.ca.certPem };
    const clash = new ApiServer({ host: '127.0.0.1', port: running.port, tls, handler: notFound });
    await assert.rejects(clash.run(new AbortController().signal), /EADDRINUSE/);
    await assert.rejects(clash.listening, /EADDRINUSE/);
  } finally {
    await running.stop();
  }
});

test('shutdown does not wait for a connection that never finishes its TLS handshake', async () => {
  const running = await startServer({ handler: notFound });
  const socket = connect(running.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.on('error', () => undefined);
  const started = Date.now();
  await running.stop();
  assert.ok(Date.now() - started < 2000);
  if (!socket.destroyed) await once(socket, 'close');
});

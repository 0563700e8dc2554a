import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Container, HTTPGetAction } from '../../api/types/core/v1/index.ts';
import { createCertificateAuthority, issueCertificate } from '../../client/pki/authority.ts';
import { settle } from './exec-runtime.fixture.ts';
import { httpProbe } from './http.ts';
import { httpProbeRequest } from './http-request.ts';
import type { ProbeOutcome } from './outcome.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Probes with the container's port "web" being `webPort`. */
async function probe(action: HTTPGetAction, webPort = 1, clock = new FakeClock(), signal = new AbortController().signal): Promise<ProbeOutcome> {
  const container: Container = { name: 'c', ports: [{ name: 'web', containerPort: webPort }] };
  const request = httpProbeRequest(action, container, '127.0.0.1');
  assert.ok(request.ok, request.ok ? '' : request.error);
  return httpProbe(request.value, { clock, timeoutMs: 1000, signal });
}

test('httpGet probes against a loopback server', async () => {
  const seen: IncomingMessage[] = [];
  let redirectsServed = 0;
  const routes: Record<string, Handler> = {
    '/ok': (_req, res) => res.end('fine'),
    '/broken': (_req, res) => { res.statusCode = 500; res.end('boom'); },
    '/missing': (_req, res) => { res.statusCode = 404; res.end(); },
    '/moved': (_req, res) => { res.writeHead(302, { location: '/ok' }); res.end(); },
    '/moved-away': (req, res) => { res.writeHead(301, { location: `http://localhost:${req.socket.localPort}/ok` }); res.end('gone elsewhere'); },
    '/loop': (_req, res) => { redirectsServed++; res.writeHead(307, { location: '/loop' }); res.end(); },
    '/no-location': (_req, res) => { res.statusCode = 302; res.end('stay'); },
    '/big': (_req, res) => res.end('z'.repeat(20_000)),
    '/bad-location': (_req, res) => { res.writeHead(302, { location: 'http://[bad' }); res.end(); },
  };
  const server = await listen(createHttpServer((req, res) => {
    seen.push(req);
    const route = routes[(req.url ?? '').split('?')[0] ?? ''];
    if (route !== undefined) route(req, res);
    else { res.statusCode = 418; res.end(); }
  }));
  try {
    const cases: { name: string; path: string; want: ProbeOutcome; requests?: string[] }[] = [
      { name: '200 is success', path: '/ok', want: { result: 'success', output: 'fine' }, requests: ['/ok'] },
      { name: '500 is a failure', path: '/broken', want: { result: 'failure', output: 'HTTP probe failed with statuscode: 500' } },
      { name: '404 is a failure', path: '/missing', want: { result: 'failure', output: 'HTTP probe failed with statuscode: 404' } },
      { name: 'a redirect on the same host is followed', path: '/moved', want: { result: 'success', output: 'fine' }, requests: ['/moved', '/ok'] },
      {
        name: 'a redirect to another host is not followed: a warning', path: '/moved-away',
        want: { result: 'warning', output: 'Probe terminated redirects, Response body: gone elsewhere' }, requests: ['/moved-away'],
      },
      { name: 'a redirect without Location is the answer', path: '/no-location', want: { result: 'warning', output: 'Probe terminated redirects, Response body: stay' } },
      { name: 'the body is read up to 10 KiB', path: '/big', want: { result: 'success', output: 'z'.repeat(10_240) } },
      {
        name: 'a Location that is not a URL fails', path: '/bad-location',
        want: { result: 'failure', output: `Get "http://127.0.0.1:${server.port}/bad-location": failed to parse Location header "http://[bad": not a URL` },
      },
    ];
    for (const c of cases) {
      seen.length = 0;
      assert.deepEqual(await probe({ port: 'web', path: c.path }, server.port), c.want, c.name);
      if (c.requests !== undefined) assert.deepEqual(seen.map((r) => r.url), c.requests, c.name);
    }
    assert.deepEqual(await probe({ port: server.port, path: '/ok' }), { result: 'success', output: 'fine' }, 'port by number');

    const loop = await probe({ port: server.port, path: '/loop' });
    assert.deepEqual(loop, { result: 'failure', output: 'Get "/loop": stopped after 10 redirects' });
    assert.equal(redirectsServed, 10, 'ten requests, as Go\'s client makes');

    seen.length = 0;
    await probe({ port: server.port, path: '/moved?x=1', httpHeaders: [{ name: 'x-probe', value: 'yes' }, { name: 'Host', value: 'svc.test' }] });
    const [first, second] = seen;
    assert.equal(first?.url, '/moved?x=1');
    assert.equal(first?.headers['user-agent'], 'kube-probe/1.33');
    assert.equal(first?.headers['accept'], '*/*');
    assert.equal(first?.headers['x-probe'], 'yes');
    assert.equal(first?.headers['host'], 'svc.test');
    assert.equal(first?.headers['connection'], 'close', 'no keep-alive');
    assert.equal(second?.headers['x-probe'], 'yes', 'headers kept through a redirect');
    assert.equal(second?.headers['host'], 'svc.test', 'Host kept through a relative redirect');
    assert.equal(second?.headers['referer'], `http://127.0.0.1:${server.port}/moved?x=1`);
  } finally {
    await server.close();
  }
});

test('a refused connection is a failure with Go\'s dial message', async () => {
  const server = await listen(createHttpServer());
  const { port } = server;
  await server.close();
  assert.deepEqual(await probe({ port, path: '/healthz' }), {
    result: 'failure', output: `Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`,
  });
});

test('a server that does not answer within timeoutSeconds fails the probe and its connection is closed', async () => {
  const held: ServerResponse[] = [];
  let closed = false;
  const server = await listen(createHttpServer((req, res) => {
    held.push(res);
    req.socket.once('close', () => { closed = true; });
  }));
  try {
    const clock = new FakeClock();
    const pending = probe({ port: server.port, path: '/slow' }, 1, clock);
    for (let i = 0; i < 200 && held.length === 0; i++) await settle(1);
    assert.equal(held.length, 1, 'the request reached the server');
    clock.advance(999);
    await settle();
    assert.equal(closed, false, 'still waiting before the timeout');
    clock.advance(1);
    assert.deepEqual(await pending, {
      result: 'failure', output: `Get "http://127.0.0.1:${server.port}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
    for (let i = 0; i < 200 && !closed; i++) await settle(1);
    assert.equal(closed, true, 'the probe closed its connection');
  } finally {
    await server.close();
  }
});

test('a stopped worker closes its HTTP request at once', async () => {
  let closed = false;
  let arrived = false;
  const server = await listen(createHttpServer((req) => {
    arrived = true;
    req.socket.once('close', () => { closed = true; });
  }));
  try {
    const stop = new AbortController();
    const pending = probe({ port: server.port, path: '/' }, 1, new FakeClock(), stop.signal);
    for (let i = 0; i < 200 && !arrived; i++) await settle(1);
    stop.abort();
    assert.deepEqual(await pending, { result: 'error', state: 'unknown', error: 'probe cancelled' });
    for (let i = 0; i < 200 && !closed; i++) await settle(1);
    assert.equal(closed, true);
  } finally {
    await server.close();
  }
});

test('HTTPS probes do not verify the certificate', async () => {
  const ca = createCertificateAuthority('probe-test-ca');
  const cert = issueCertificate(ca, { commonName: 'elsewhere', dnsNames: ['elsewhere.test'], usage: 'server' });
  const server = await listen(createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) => res.end('secure')) as unknown as Server);
  try {
    assert.deepEqual(await probe({ port: server.port, path: '/', scheme: 'HTTPS' }), { result: 'success', output: 'secure' });
  } finally {
    await server.close();
  }
});

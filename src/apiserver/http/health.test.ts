import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anonymousUser } from './authn.ts';
import { HealthChecks } from './health.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

interface Sent {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Serves one path with the given checks and returns what was sent, or undefined if not served. */
async function get(health: HealthChecks, url: string): Promise<Sent | undefined> {
  const [path = '', query = ''] = url.split('?');
  const req: ApiRequest = {
    method: 'GET', path, query: new URLSearchParams(query), headers: {}, httpVersion: '2.0', remoteAddress: '127.0.0.1',
    user: anonymousUser, signal: new AbortController().signal, body: async () => Buffer.alloc(0),
  };
  const sent: Sent = { status: 0, body: '', headers: {} };
  const res: ApiResponse = {
    statusCode: 200,
    headersSent: false,
    setHeader: (name, value) => void (sent.headers[name] = String(value)),
    send: (status, body, contentType) => Object.assign(sent, { status, body: String(body), headers: { ...sent.headers, 'content-type': contentType } }),
    json: () => assert.fail('health endpoints answer in text'),
    stream: () => assert.fail('health endpoints do not stream'),
  };
  return (await health.serve(req, res)) ? sent : undefined;
}

function checks(): HealthChecks {
  const health = new HealthChecks();
  health.add('etcd', () => undefined);
  health.add('informer-sync', () => Promise.reject(new Error('not synced')), ['readyz']);
  health.add('log', () => undefined, ['healthz', 'livez']);
  return health;
}

// The texts are upstream's, byte for byte (k8s.io/apiserver/pkg/server/healthz).
const cases: { url: string; status: number; body: string | undefined; shuttingDown?: boolean }[] = [
  { url: '/healthz', status: 200, body: 'ok' },
  { url: '/livez?verbose', status: 200, body: '[+]ping ok\n[+]etcd ok\n[+]log ok\nlivez check passed\n' },
  { url: '/healthz?verbose=false', status: 200, body: '[+]ping ok\n[+]etcd ok\n[+]log ok\nhealthz check passed\n' },
  { url: '/readyz', status: 500, body: '[+]ping ok\n[+]etcd ok\n[-]informer-sync failed: reason withheld\n[+]shutdown ok\nreadyz check failed\n' },
  { url: '/readyz?exclude=informer-sync', status: 200, body: 'ok' },
  {
    url: '/readyz?verbose&exclude=informer-sync&exclude=nope&exclude=gone',
    status: 200,
    body: '[+]ping ok\n[+]etcd ok\n[+]informer-sync excluded: ok\n[+]shutdown ok\nwarn: some health checks cannot be excluded: no matches for "gone", "nope"\nreadyz check passed\n',
  },
  { url: '/readyz?exclude=informer-sync', status: 500, body: '[+]ping ok\n[+]etcd ok\n[+]informer-sync excluded: ok\n[-]shutdown failed: reason withheld\nreadyz check failed\n', shuttingDown: true },
  { url: '/livez', status: 200, body: 'ok', shuttingDown: true },
  { url: '/readyz/etcd', status: 200, body: 'ok' },
  { url: '/readyz/informer-sync', status: 500, body: 'internal server error: not synced\n' },
  { url: '/readyz/shutdown', status: 500, body: 'internal server error: process is shutting down\n', shuttingDown: true },
  { url: '/livez/informer-sync', status: 0, body: undefined },
  { url: '/healthzz', status: 0, body: undefined },
  { url: '/version', status: 0, body: undefined },
];

for (const c of cases) {
  test(`health: ${c.url}${c.shuttingDown === true ? ' while shutting down' : ''}`, async () => {
    const health = checks();
    if (c.shuttingDown === true) health.markShuttingDown();
    const sent = await get(health, c.url);
    if (c.body === undefined) {
      assert.equal(sent, undefined, 'not served here');
      return;
    }
    assert.equal(sent?.status, c.status);
    assert.equal(sent.body, c.body);
    assert.equal(sent.headers['content-type'], 'text/plain; charset=utf-8');
  });
}

test('health: names are unique per endpoint', () => {
  const health = checks();
  assert.throws(() => health.add('etcd', () => undefined), /already has a check named etcd/);
  health.add('informer-sync', () => undefined, ['livez']);
  assert.throws(() => health.add('', () => undefined));
});

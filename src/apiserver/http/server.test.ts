import assert from 'node:assert/strict';
import { once } from 'node:events';
import http2 from 'node:http2';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { after, before, test } from 'node:test';
import { badRequest } from '../../api/status.ts';
import { h1request, h2request, startServer, testPki, type RunningServer } from './test-server.fixture.ts';
import type { Handler } from './types.ts';

// What the handler under test saw, for the assertions below.
let seenAbort: Promise<unknown> | undefined;
/** Resolves with how many chunks /flood wrote before a write had to wait. */
let floodBlocked: (unblocked: number) => void = () => undefined;
const routes: Record<string, Handler> = {
  '/echo': async (req, res) => {
    const body = req.method === 'POST' ? (await req.body(1000)).toString() : undefined;
    res.json(200, { method: req.method, path: req.path, query: [...req.query], user: req.user, httpVersion: req.httpVersion, body, agent: req.headers['user-agent'] });
  },
  '/bad': async () => {
    throw badRequest('no good');
  },
  '/bug': async () => {
    throw new Error('a bug');
  },
  '/watch': async (req, res) => {
    seenAbort = new Promise((resolve) => req.signal.addEventListener('abort', () => resolve(req.signal.reason), { once: true }));
    const stream = res.stream(200, 'application/json');
    await stream.write('{"type":"ADDED"}\n');
    await seenAbort;
  },
  '/flood': async (_req, res) => {
    // 4 KiB chunks (a pod's watch event) until a write has to wait for the client.
    const stream = res.stream(200, 'application/json');
    const chunk = `${'x'.repeat(4095)}\n`;
    let unblocked = 0;
    for (;;) {
      let waited = true;
      const written = stream.write(chunk).then(() => { waited = false; });
      await new Promise((resolve) => setImmediate(resolve));
      if (waited) {
        floodBlocked(unblocked);
        await written;
        break;
      }
      unblocked++;
    }
    stream.end();
  },
  '/broken-stream': async (_req, res) => {
    await res.stream(200, 'application/json').write('{"partial":');
    throw new Error('failed mid-stream');
  },
};

let running: RunningServer;
const errors: unknown[] = [];
before(async () => {
  running = await startServer({
    handler: async (req, res) => {
      const route = routes[req.path];
      if (route === undefined) res.json(404, { kind: 'Status', code: 404 });
      else await route(req, res);
    },
    onError: (error) => errors.push(error),
  });
});
after(async () => {
  await running.stop();
});

const pki = testPki();
const protocols = [
  { name: 'HTTP/2', request: h2request, version: '2.0' },
  { name: 'HTTP/1.1', request: h1request, version: '1.1' },
];

for (const { name, request, version } of protocols) {
  test(`${name}: identity from the client certificate, anonymous without one, 401 for a stranger's`, async () => {
    const cases = [
      { identity: pki.admin, status: 200, user: { name: 'admin', groups: ['system:masters', 'system:authenticated'] } },
      { identity: undefined, status: 200, user: { name: 'system:anonymous', groups: ['system:unauthenticated'] } },
      { identity: pki.stranger, status: 401, user: undefined },
    ];
    for (const c of cases) {
      const reply = await request(running.port, '/echo?a=1&a=2&b=%2F', c.identity === undefined ? {} : { identity: c.identity });
      assert.equal(reply.status, c.status);
      const body = JSON.parse(reply.body) as Record<string, unknown>;
      if (c.user === undefined) {
        assert.deepEqual(body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
        continue;
      }
      assert.deepEqual(body['user'], c.user);
      assert.deepEqual(body['query'], [['a', '1'], ['a', '2'], ['b', '/']]);
      assert.equal(body['httpVersion'], version);
      assert.equal(body['path'], '/echo');
      assert.match(String(reply.headers['audit-id']), /^[0-9a-f-]{36}$/);
      assert.equal(reply.headers['cache-control'], 'no-cache, private');
    }
  });

  test(`${name}: bodies up to the limit are read, larger ones answer 413`, async () => {
    const ok = await request(running.port, '/echo', { method: 'POST', body: 'x'.repeat(1000), identity: pki.admin });
    assert.equal((JSON.parse(ok.body) as { body: string }).body.length, 1000);
    const big = await request(running.port, '/echo', { method: 'POST', body: 'x'.repeat(5000), identity: pki.admin });
    assert.equal(big.status, 413);
    assert.equal((JSON.parse(big.body) as { message: string }).message, 'Request entity too large: limit is 1000');
  });

  test(`${name}: thrown Status errors are the answer; other errors are 500 InternalError`, async () => {
    const bad = await request(running.port, '/bad');
    assert.equal(bad.status, 400);
    assert.equal(bad.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(bad.body), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'no good', reason: 'BadRequest', code: 400 });
    const before = errors.length;
    const bug = await request(running.port, '/bug');
    assert.equal(bug.status, 500);
    assert.equal((JSON.parse(bug.body) as { reason: string }).reason, 'InternalError');
    assert.equal(errors.length, before + 1);
  });
}

test('HTTP/1.1 bodies without a Content-Length are limited while read', async () => {
  const req = https.request({ host: '127.0.0.1', port: running.port, path: '/echo', method: 'POST', ca: pki.ca.certPem, agent: false, headers: { 'transfer-encoding': 'chunked' } });
  req.write('x'.repeat(600));
  req.write('x'.repeat(600));
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  res.resume();
  assert.equal(res.statusCode, 413);
  assert.equal(res.headers['connection'], 'close');
});

test('a stream sends its headers at once, and its signal fires when the HTTP/2 client goes away', async () => {
  const session = http2.connect(running.url, { ca: pki.ca.certPem });
  const stream = session.request({ ':path': '/watch' });
  const [headers] = (await once(stream, 'response')) as [http2.IncomingHttpHeaders];
  assert.equal(headers[':status'], 200);
  const [first] = (await once(stream, 'data')) as [Buffer];
  assert.equal(first.toString(), '{"type":"ADDED"}\n');
  stream.close(http2.constants.NGHTTP2_CANCEL);
  assert.match(String(await seenAbort), /client went away/);
  session.close();
});

test('an HTTP/2 client may send 256 KiB per stream and 64 MiB per session before the server acknowledges', async () => {
  const session = http2.connect(running.url, { ca: pki.ca.certPem });
  try {
    const stream = session.request({ ':path': '/echo' });
    stream.end();
    await once(stream, 'response');
    stream.resume();
    await once(stream, 'end');
    // What the server advertised: kube-apiserver's per-stream upload buffer, not node's 64 KiB.
    assert.equal(session.remoteSettings.initialWindowSize, 256 * 1024);
    assert.ok((session.state.remoteWindowSize ?? 0) >= 64 * 1024 * 1024 - 1024, `session window ${session.state.remoteWindowSize}`);
  } finally {
    session.close();
  }
});

test('a stream takes 256 KiB beyond the client\'s window before a write waits (a busy watch is not held to 16 KiB per turn)', async () => {
  const session = http2.connect(running.url, { ca: pki.ca.certPem });
  try {
    const blocked = new Promise<number>((resolve) => (floodBlocked = resolve));
    const stream = session.request({ ':path': '/flood' });
    stream.pause(); // the client reads nothing until the handler had to wait
    await once(stream, 'response');
    const floodUnblocked = await blocked;
    // node's own mark (16 KiB) would have stopped it after four chunks, plus the 64 KiB window.
    assert.ok(floodUnblocked >= 64, `${floodUnblocked} chunks written before a write waited`);
    stream.resume();
    let bytes = 0;
    for await (const data of stream) bytes += (data as Buffer).length;
    assert.equal(bytes, (floodUnblocked + 1) * 4096);
  } finally {
    session.close();
  }
});

test('a stream over HTTP/1.1 is chunked, and its signal fires when the connection drops', async () => {
  const req = https.request({ host: '127.0.0.1', port: running.port, path: '/watch', ca: pki.ca.certPem, agent: false });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  assert.equal(res.headers['transfer-encoding'], 'chunked');
  const [first] = (await once(res, 'data')) as [Buffer];
  assert.equal(first.toString(), '{"type":"ADDED"}\n');
  req.destroy();
  assert.match(String(await seenAbort), /client went away/);
});

test('a handler failing mid-stream breaks the stream instead of ending it cleanly', async () => {
  const session = http2.connect(running.url, { ca: pki.ca.certPem });
  const stream = session.request({ ':path': '/broken-stream' });
  stream.resume();
  const [error] = (await once(stream, 'error').catch((e: unknown) => [e])) as [Error];
  assert.match(String(error), /INTERNAL_ERROR|closed with error/);
  session.close();
});

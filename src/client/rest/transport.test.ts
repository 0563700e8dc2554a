// The client's wire behaviour against a small in-process HTTP/2 (cleartext) server on
// 127.0.0.1: one session for many requests, a new one after the server sends GOAWAY, the
// headers each request carries, and answers that are not Status objects.

import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { isConnectionRefused } from './errors.ts';
import { isServiceUnavailable, isUnexpectedServerError } from '../../api/status-predicates.ts';
import { StatusError } from '../../api/status.ts';
import { FakeClock } from '../../api/clock.ts';
import { RequestTimeoutError, RestClient } from './client.ts';
import { userAgent } from './config.ts';

interface Seen {
  readonly path: string;
  readonly headers: http2.IncomingHttpHeaders;
  readonly body: string;
}

const seen: Seen[] = [];
let sessions = 0;
let lastSession: http2.ServerHttp2Session | undefined;
let server: http2.Http2Server;
let url: string;

before(async () => {
  server = http2.createServer();
  server.on('session', (session) => { sessions++; lastSession = session; });
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    if (path.endsWith('/unavailable')) {
      stream.respond({ ':status': 503, 'content-type': 'text/plain', 'retry-after': '2' });
      stream.end('try later');
    } else if (path.endsWith('/stall')) {
      // Headers and half a body, then nothing.
      stream.on('error', () => undefined);
      stream.respond({ ':status': 200, 'content-type': 'application/json' });
      stream.write('{"half":');
    } else if (path.endsWith('/hang')) {
      stream.on('error', () => undefined); // never answers; the client cancels
    } else if (path.endsWith('/goaway')) {
      stream.respond({ ':status': 200, 'content-type': 'application/json' });
      stream.end('{}', () => stream.session?.close());
    } else {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        seen.push({ path, headers, body: Buffer.concat(chunks).toString() });
        stream.respond({ ':status': 200, 'content-type': 'application/json' });
        stream.end(JSON.stringify({ path }));
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
});

after(() => {
  server.close();
});

test('many requests share one session; the server URL\'s path is a prefix; headers identify the client', async () => {
  const client = new RestClient({ server: url, bearerToken: 't0ken', userAgent: userAgent('k8ts-scheduler') });
  try {
    const before = sessions;
    const answers = await Promise.all([1, 2, 3].map((i) => client.request<{ path: string }>({ method: 'GET', path: `/api/${i}`, query: { a: 'b c' } })));
    assert.deepEqual(answers.map((a) => a.path), ['/prefix/api/1?a=b+c', '/prefix/api/2?a=b+c', '/prefix/api/3?a=b+c']);
    assert.equal(sessions - before, 1);
    const last = seen.at(-1);
    assert.equal(last?.headers['user-agent'], 'k8ts-scheduler/v1.33.0');
    assert.equal(last?.headers['authorization'], 'Bearer t0ken');
    assert.equal(last?.headers['accept'], 'application/json');

    await client.request({ method: 'PATCH', path: '/p', body: { x: 1 }, contentType: 'application/merge-patch+json' });
    assert.equal(seen.at(-1)?.headers['content-type'], 'application/merge-patch+json');
    assert.equal(seen.at(-1)?.body, '{"x":1}');
  } finally {
    client.close();
  }
});

test('the server may send 4 MiB per stream and 64 MiB per session before the client acknowledges (client-go\'s stream window)', async () => {
  const client = new RestClient({ server: url });
  try {
    await client.request({ method: 'GET', path: '/window' });
    const session = lastSession;
    assert.ok(session !== undefined);
    assert.equal(session.remoteSettings.initialWindowSize, 4 * 1024 * 1024);
    // The session window is raised once connected; the WINDOW_UPDATE may trail the first answer.
    for (let i = 0; i < 100 && (session.state.remoteWindowSize ?? 0) < 60 * 1024 * 1024; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok((session.state.remoteWindowSize ?? 0) >= 60 * 1024 * 1024, `session window ${session.state.remoteWindowSize}`);
  } finally {
    client.close();
  }
});

test('after the server sends GOAWAY, the next request dials a new session', async () => {
  const client = new RestClient({ server: url });
  try {
    const before = sessions;
    await client.request({ method: 'GET', path: '/goaway' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.request({ method: 'GET', path: '/after' });
    assert.equal(sessions - before, 2);
  } finally {
    client.close();
  }
});

test('an answer that is not a Status becomes a synthesized StatusError with the Retry-After', async () => {
  const client = new RestClient({ server: url });
  try {
    const err = await client.request({ method: 'GET', path: '/unavailable', resource: { group: '', resource: 'pods' } }).catch((e: unknown) => e);
    assert.ok(err instanceof StatusError);
    assert.ok(isServiceUnavailable(err) && isUnexpectedServerError(err));
    assert.equal(err.message, 'the server is currently unable to handle the request (get pods)');
    assert.equal(err.status.details?.retryAfterSeconds, 2);
  } finally {
    client.close();
  }
});

test('aborting a request rejects with the signal\'s reason and cancels the stream', async () => {
  const client = new RestClient({ server: url });
  try {
    // Before the response, and half way through its body.
    for (const path of ['/hang', '/stall']) {
      const stop = new AbortController();
      const pending = client.request({ method: 'GET', path, signal: stop.signal });
      setTimeout(() => stop.abort(new Error('caller gave up')), 20);
      await assert.rejects(pending, /caller gave up/, path);
    }
    // The session is still good for the next request.
    assert.deepEqual(await client.request({ method: 'GET', path: '/ok' }), { path: '/prefix/ok' });
  } finally {
    client.close();
  }
});

test('the timeout covers the whole exchange: no response, or a body that stops half way, fails with RequestTimeoutError', async () => {
  const clock = new FakeClock();
  const client = new RestClient({ server: url, clock, timeoutMs: 5_000 });
  try {
    for (const path of ['/hang', '/stall']) {
      const pending = client.request({ method: 'GET', path }).catch((e: unknown) => e);
      // Let the request (and for /stall the headers) reach each side before time moves.
      await new Promise((resolve) => setTimeout(resolve, 50));
      clock.advance(4_999);
      clock.advance(1);
      const err = await pending;
      assert.ok(err instanceof RequestTimeoutError, `${path}: ${String(err)}`);
      assert.equal(err.message, `GET ${path}: no answer within 5000 ms`);
    }
    // A request that completes leaves no timer behind: moving the clock past its timeout changes nothing.
    assert.deepEqual(await client.request({ method: 'GET', path: '/ok' }), { path: '/prefix/ok' });
    clock.advance(10_000);
    assert.deepEqual(await client.request({ method: 'GET', path: '/ok2' }), { path: '/prefix/ok2' });
  } finally {
    client.close();
  }
});

test('discardResponse: a success resolves to undefined (its body read and dropped); a failure is still decoded', async () => {
  const client = new RestClient({ server: url });
  try {
    const cases: { name: string; path: string; discard: boolean; want: unknown; error?: RegExp }[] = [
      { name: 'kept', path: '/kept', discard: false, want: { path: '/prefix/kept' } },
      { name: 'dropped', path: '/dropped', discard: true, want: undefined },
      { name: 'a failure', path: '/unavailable', discard: true, want: undefined, error: /the server is currently unable to handle the request/ },
    ];
    for (const c of cases) {
      const call = client.request({ method: 'POST', path: c.path, body: { n: 1 }, discardResponse: c.discard });
      if (c.error !== undefined) await assert.rejects(call, c.error, c.name);
      else assert.deepEqual(await call, c.want, c.name);
    }
    // The session stays usable after a body read and dropped.
    assert.deepEqual(await client.request({ method: 'GET', path: '/after' }), { path: '/prefix/after' });
  } finally {
    client.close();
  }
});

test('decode: a success is decoded by the caller\'s function, a failure as always', async () => {
  const client = new RestClient({ server: url });
  try {
    const decode = (body: string): string => `decoded ${body}`;
    assert.equal(await client.request({ method: 'GET', path: '/d', decode }), 'decoded {"path":"/prefix/d"}');
    await assert.rejects(client.request({ method: 'GET', path: '/unavailable', decode }), StatusError);
  } finally {
    client.close();
  }
});

test('nothing listening: the error says connection refused', async () => {
  const probe = http2.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const client = new RestClient({ server: `http://127.0.0.1:${port}` });
  try {
    const err = await client.request({ method: 'GET', path: '/' }).catch((e: unknown) => e);
    assert.ok(isConnectionRefused(err), String(err));
  } finally {
    client.close();
  }
});

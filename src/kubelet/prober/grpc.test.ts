import assert from 'node:assert/strict';
import { createServer, type Http2Session, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { settle } from './exec-runtime.fixture.ts';
import { grpcProbe } from './grpc.ts';
import { decodeHealthCheckResponse, encodeHealthCheckRequest, HEALTH_CHECK_METHOD } from './health-proto.ts';
import type { ProbeOutcome } from './outcome.ts';

/** What a test server's Check handler answers: a serving status, a gRPC error, or nothing ever. */
type Answer = { status: number } | { code: number; details: string } | 'silent';

/** A request's service name: HealthCheckRequest is one optional string field (tag 0x0a, short length). */
function serviceOf(body: Buffer): string {
  const message = body.subarray(5);
  return message.length === 0 ? '' : message.subarray(2, 2 + (message[1] ?? 0)).toString('utf8');
}

/** Answers one call as a gRPC server does: a framed message and trailers, or a Trailers-Only status. */
function answer(stream: ServerHttp2Stream, reply: Answer): void {
  if (reply === 'silent') return;
  if ('code' in reply) {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(reply.code), 'grpc-message': encodeURIComponent(reply.details) }, { endStream: true });
    return;
  }
  const message = reply.status === 0 ? Buffer.alloc(0) : Buffer.from([0x08, reply.status]);
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  stream.end(Buffer.concat([header, message]));
}

/**
 * A gRPC server on node:http2 for the test. With `check`, it serves grpc.health.v1.Health/Check;
 * without, every method is UNIMPLEMENTED as grpc-go answers a service it does not have.
 */
async function serve(check?: (service: string, userAgent: string) => Answer, port = 0) {
  const sessions = new Set<Http2Session>();
  const server = createServer();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', () => undefined);
    stream.on('end', () => {
      if (check === undefined || headers[':path'] !== HEALTH_CHECK_METHOD) {
        answer(stream, { code: 12, details: `unknown service ${String(headers[':path']).split('/')[1] ?? ''}` });
        return;
      }
      answer(stream, check(serviceOf(Buffer.concat(chunks)), String(headers['user-agent'])));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: (): void => {
      for (const session of sessions) session.destroy();
      server.close();
    },
  };
}

const probe = (port: number, service: string, clock = new FakeClock()): Promise<ProbeOutcome> =>
  grpcProbe({ clock, host: '127.0.0.1', port, service, timeoutSeconds: 1, signal: new AbortController().signal });

test('grpc probes call grpc.health.v1.Health/Check', async () => {
  const agents: string[] = [];
  const statuses: Record<string, number> = { '': 1, db: 2, cache: 3 };
  const server = await serve((service, userAgent) => {
    agents.push(userAgent);
    const status = statuses[service];
    return status === undefined ? { code: 5, details: 'unknown service' } : { status };
  });
  try {
    const cases: [string, ProbeOutcome][] = [
      ['', { result: 'success', output: 'service healthy' }],
      ['db', { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' }],
      ['cache', { result: 'failure', output: 'service unhealthy (responded with "SERVICE_UNKNOWN")' }],
      ['other', { result: 'failure', output: 'error: health rpc probe failed: rpc error: code = NotFound desc = unknown service' }],
    ];
    for (const [service, want] of cases) assert.deepEqual(await probe(server.port, service), want, `service "${service}"`);
    assert.match(agents[0] ?? '', /^kube-probe\/1\.33 /);
  } finally {
    server.close();
  }
});

test('a gRPC server without the health service fails the probe', async () => {
  const server = await serve();
  try {
    const got = await probe(server.port, '');
    assert.equal(got.result, 'failure');
    assert.match(got.result === 'failure' ? got.output : '', /^error: this server does not implement the grpc health protocol \(grpc\.health\.v1\.Health\): /);
  } finally {
    server.close();
  }
});

test('gRPC timeouts: no server to connect to, or no answer', async () => {
  const gone = await serve();
  gone.close();
  const clock = new FakeClock();
  const refused = probe(gone.port, '', clock);
  await settle(20);
  clock.advance(1000);
  assert.deepEqual(await refused, { result: 'failure', output: `timeout: failed to connect service "127.0.0.1:${gone.port}" within 1s: context deadline exceeded` });

  let called = false;
  const silent = await serve(() => {
    called = true;
    return 'silent';
  });
  try {
    const slowClock = new FakeClock();
    const pending = probe(silent.port, '', slowClock);
    for (let i = 0; i < 500 && !called; i++) await settle(1);
    assert.ok(called, 'the call reached the server');
    slowClock.advance(1000);
    assert.deepEqual(await pending, { result: 'failure', output: 'timeout: health rpc did not complete within 1s' });
  } finally {
    silent.close();
  }
});

test('a gRPC server that starts listening within the timeout is probed', async () => {
  const before = await serve();
  before.close();
  const clock = new FakeClock();
  const port = before.port;
  let settled: ProbeOutcome | undefined;
  const pending = grpcProbe({ clock, host: '127.0.0.1', port, service: '', timeoutSeconds: 1, signal: new AbortController().signal })
    .then((outcome) => { settled = outcome; });
  await settle(20);
  assert.equal(settled, undefined, 'still trying to connect');
  const server = await serve(() => ({ status: 1 }), port);
  try {
    // The probe retries every 100 ms of its clock; the channel's own back-off is in real time.
    for (let ms = 0; ms < 900 && settled === undefined; ms += 100) {
      clock.advance(100);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    clock.advance(1000);
    await pending;
    assert.deepEqual(settled, { result: 'success', output: 'service healthy' });
  } finally {
    server.close();
  }
});

test('health messages round-trip', () => {
  const cases: [Buffer, number][] = [[Buffer.alloc(0), 0], [Buffer.from([0x08, 0x01]), 1], [Buffer.from([0x12, 0x01, 0x61, 0x08, 0x02]), 2]];
  for (const [bytes, want] of cases) assert.equal(decodeHealthCheckResponse(bytes), want);
  assert.deepEqual([...encodeHealthCheckRequest('db')], [0x0a, 0x02, 0x64, 0x62]);
  assert.throws(() => decodeHealthCheckResponse(Buffer.from([0x08])), /truncated/);
});

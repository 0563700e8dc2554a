import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Server, ServerCredentials, status as grpcStatus, type ServiceDefinition, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { FakeClock } from '../../api/clock.ts';
import { settle } from './exec-runtime.fixture.ts';
import { grpcProbe } from './grpc.ts';
import { decodeHealthCheckResponse, encodeHealthCheckRequest } from './health-proto.ts';
import type { ProbeOutcome } from './outcome.ts';

// The server side of grpc.health.v1 for the test, with the same hand encoding. Requests are
// objects: grpc-js's server takes a falsy request ('' for the default service) for none.
const healthService: ServiceDefinition = {
  Check: {
    path: '/grpc.health.v1.Health/Check', requestStream: false, responseStream: false,
    requestSerialize: (r: { service: string }) => encodeHealthCheckRequest(r.service),
    requestDeserialize: (buf: Buffer) => ({ service: buf.length === 0 ? '' : buf.subarray(2, 2 + (buf[1] ?? 0)).toString('utf8') }),
    responseSerialize: (status: number) => (status === 0 ? Buffer.alloc(0) : Buffer.from([0x08, status])),
    responseDeserialize: decodeHealthCheckResponse,
  },
};

async function serve(withHealth: boolean, check?: (call: ServerUnaryCall<{ service: string }, number>, done: sendUnaryData<number>) => void) {
  const server = new Server();
  if (withHealth && check !== undefined) server.addService(healthService, { Check: check });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  return { port, close: () => server.forceShutdown() };
}

const probe = (port: number, service: string, clock = new FakeClock()): Promise<ProbeOutcome> =>
  grpcProbe({ clock, host: '127.0.0.1', port, service, timeoutSeconds: 1, signal: new AbortController().signal });

test('grpc probes call grpc.health.v1.Health/Check', async () => {
  const agents: string[] = [];
  const statuses: Record<string, number> = { '': 1, db: 2, cache: 3 };
  const server = await serve(true, (call, done) => {
    agents.push(String(call.metadata.get('user-agent')[0]));
    const status = statuses[call.request.service];
    if (status === undefined) done({ code: grpcStatus.NOT_FOUND, details: 'unknown service' });
    else done(null, status);
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
  const server = await serve(false);
  try {
    const got = await probe(server.port, '');
    assert.equal(got.result, 'failure');
    assert.match(got.result === 'failure' ? got.output : '', /^error: this server does not implement the grpc health protocol \(grpc\.health\.v1\.Health\): /);
  } finally {
    server.close();
  }
});

test('gRPC timeouts: no server to connect to, or no answer', async () => {
  const gone = await serve(false);
  gone.close();
  const clock = new FakeClock();
  const refused = probe(gone.port, '', clock);
  await settle(20);
  clock.advance(1000);
  assert.deepEqual(await refused, { result: 'failure', output: `timeout: failed to connect service "127.0.0.1:${gone.port}" within 1s: context deadline exceeded` });

  let called = false;
  const silent = await serve(true, () => { called = true; });
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

test('health messages round-trip', () => {
  const cases: [Buffer, number][] = [[Buffer.alloc(0), 0], [Buffer.from([0x08, 0x01]), 1], [Buffer.from([0x12, 0x01, 0x61, 0x08, 0x02]), 2]];
  for (const [bytes, want] of cases) assert.equal(decodeHealthCheckResponse(bytes), want);
  assert.deepEqual([...encodeHealthCheckRequest('db')], [0x0a, 0x02, 0x64, 0x62]);
  assert.throws(() => decodeHealthCheckResponse(Buffer.from([0x08])), /truncated/);
});

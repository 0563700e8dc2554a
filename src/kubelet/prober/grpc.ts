// The grpc handler (upstream pkg/probe/grpc): connect to podIP:port without TLS, call
// grpc.health.v1.Health/Check with the probe's service name, and succeed only on SERVING. One
// deadline on the injected clock covers connecting and the call; the messages are upstream's.

import type { ServiceError } from '@grpc/grpc-js';
import type { Clock } from '../../api/clock.ts';
import { goQuote } from '../../api/go-format.ts';
import { Deadline } from './deadline.ts';
import { decodeHealthCheckResponse, encodeHealthCheckRequest, HEALTH_CHECK_METHOD, servingStatusName } from './health-proto.ts';
import { errored, failure, goSeconds, joinHostPort, PROBE_USER_AGENT, success, type ProbeOutcome } from './outcome.ts';

/** gRPC status codes as Go's codes.Code String() names them, by number. */
const CODE_NAMES = ['OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists',
  'PermissionDenied', 'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal',
  'Unavailable', 'DataLoss', 'Unauthenticated'];
const UNIMPLEMENTED = 12;
const DEADLINE_EXCEEDED = 4;

export interface GrpcProbe {
  readonly clock: Clock;
  readonly host: string;
  readonly port: number;
  readonly service: string;
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
}

export async function grpcProbe(p: GrpcProbe): Promise<ProbeOutcome> {
  const addr = joinHostPort(p.host, p.port);
  const within = goSeconds(p.timeoutSeconds);
  // grpc-js is loaded only when a grpc probe runs: it costs the agent's process ~10 MiB.
  const { Client, credentials, Metadata } = await import('@grpc/grpc-js');
  const deadline = new Deadline(p.clock, p.timeoutSeconds * 1000, p.signal);
  // A channel of its own (local subchannel pool), so closing it closes the connection now.
  const client = new Client(addr, credentials.createInsecure(), {
    'grpc.primary_user_agent': PROBE_USER_AGENT, 'grpc.use_local_subchannel_pool': 1, 'grpc.enable_http_proxy': 0, 'grpc.enable_retries': 0,
  });
  // No grpc-js deadlines: they run on the wall clock and their timers outlive a closed
  // channel; the injected clock's deadline bounds both steps and then closes everything.
  try {
    const connected = await untilAborted(deadline.signal, (done) => client.waitForReady(Infinity, (err) => done(err)));
    if (connected !== undefined) {
      if (deadline.expired || connected !== 'aborted') {
        return failure(`timeout: failed to connect service ${goQuote(addr)} within ${within}: context deadline exceeded`);
      }
      return errored('probe cancelled');
    }
    let call: { cancel(): void } | undefined;
    const answer = await untilAborted<{ err: ServiceError | null; status: number | undefined }>(deadline.signal, (done) => {
      call = client.makeUnaryRequest(HEALTH_CHECK_METHOD, encodeHealthCheckRequest, decodeHealthCheckResponse, p.service,
        new Metadata(), {}, (err, status) => done({ err, status }));
    });
    if (answer === 'aborted') {
      call?.cancel();
      return deadline.expired ? failure(`timeout: health rpc did not complete within ${within}`) : errored('probe cancelled');
    }
    if (answer.err !== null) {
      if (answer.err.code === UNIMPLEMENTED) {
        return failure(`error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${answer.err.details}`);
      }
      if (answer.err.code === DEADLINE_EXCEEDED) return failure(`timeout: health rpc did not complete within ${within}`);
      const code = CODE_NAMES[answer.err.code] ?? `Code(${answer.err.code})`;
      return failure(`error: health rpc probe failed: rpc error: code = ${code} desc = ${answer.err.details}`);
    }
    const status = answer.status ?? 0;
    if (status !== 1) return failure(`service unhealthy (responded with ${goQuote(servingStatusName(status))})`);
    return success('service healthy');
  } finally {
    deadline.dispose();
    client.close();
  }
}

/** Runs `start` and resolves with what it reports, or 'aborted' as soon as `signal` aborts. */
function untilAborted<T>(signal: AbortSignal, start: (done: (value: T) => void) => void): Promise<T | 'aborted'> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: T | 'aborted'): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => finish('aborted');
    if (signal.aborted) {
      finish('aborted');
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    start(finish);
  });
}

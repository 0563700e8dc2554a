// The grpc handler (upstream pkg/probe/grpc): connect to podIP:port without TLS, call
// grpc.health.v1.Health/Check with the probe's service name, and succeed only on SERVING. One
// deadline on the injected clock covers connecting and the call; the messages are upstream's.
// Upstream dials blocking (retrying until connected or the deadline) and then calls; here a
// Channel of the probe's own is tried until a call gets through or the deadline passes, and
// whether the channel was connected then decides which of upstream's two timeouts it was.

import type { Clock } from '../../api/clock.ts';
import { goQuote } from '../../api/go-format.ts';
import { Channel, GrpcError, Status, type Method } from '../../grpc/index.ts';
import { Deadline } from './deadline.ts';
import { decodeHealthCheckResponse, encodeHealthCheckRequest, HEALTH_CHECK_METHOD, servingStatusName } from './health-proto.ts';
import { errored, failure, goSeconds, joinHostPort, PROBE_USER_AGENT, success, type ProbeOutcome } from './outcome.ts';

/** gRPC status codes as Go's codes.Code String() names them, by number. */
const CODE_NAMES = ['OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists',
  'PermissionDenied', 'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal',
  'Unavailable', 'DataLoss', 'Unauthenticated'];
/** Between attempts to connect (the channel itself backs off 100 ms doubling to 2 s). */
const RECONNECT_MS = 100;

const CHECK: Method<string, number> = {
  path: HEALTH_CHECK_METHOD,
  requestCodec: { encode: (service, reserve) => Buffer.concat([Buffer.alloc(reserve), encodeHealthCheckRequest(service)]) },
  responseCodec: { decode: decodeHealthCheckResponse },
};

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
  const deadline = new Deadline(p.clock, p.timeoutSeconds * 1000, p.signal);
  // A channel of its own, so closing it closes the connection now. No gRPC deadline: the
  // injected clock's deadline aborts the call.
  const channel = new Channel(addr, { userAgent: `${PROBE_USER_AGENT} k8ts-grpc/1` });
  let everConnected = false;
  try {
    for (;;) {
      let status: number;
      try {
        status = await channel.unary(CHECK, p.service, { signal: deadline.signal });
      } catch (error) {
        everConnected ||= channel.connected;
        if (deadline.signal.aborted) {
          if (!deadline.expired) return errored('probe cancelled');
          return everConnected
            ? failure(`timeout: health rpc did not complete within ${within}`)
            : failure(`timeout: failed to connect service ${goQuote(addr)} within ${within}: context deadline exceeded`);
        }
        if (!(error instanceof GrpcError)) throw error;
        if (error.code === Status.UNAVAILABLE && error.unprocessed && !everConnected) {
          // Not connected yet (refused, or the channel backing off): try again until the deadline.
          await pause(p.clock, RECONNECT_MS, deadline.signal);
          continue;
        }
        if (error.code === Status.UNIMPLEMENTED) {
          return failure(`error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${error.details}`);
        }
        if (error.code === Status.DEADLINE_EXCEEDED) return failure(`timeout: health rpc did not complete within ${within}`);
        const code = CODE_NAMES[error.code] ?? `Code(${error.code})`;
        return failure(`error: health rpc probe failed: rpc error: code = ${code} desc = ${error.details}`);
      }
      if (status !== 1) return failure(`service unhealthy (responded with ${goQuote(servingStatusName(status))})`);
      return success('service healthy');
    }
  } finally {
    deadline.dispose();
    channel.close();
  }
}

/** Waits `ms` on `clock`, or less if `signal` aborts; leaves no listener or timer behind. */
function pause(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      timer.cancel();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.after(ms, done);
    signal.addEventListener('abort', done, { once: true });
  });
}

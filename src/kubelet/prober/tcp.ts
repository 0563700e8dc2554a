// The tcpSocket handler (upstream pkg/probe/tcp): success when a TCP connection opens within
// the timeout, even if the peer closes it at once. The connection is closed with a reset, as
// upstream's probe dialer does (SO_LINGER 0), so probes leave no TIME_WAIT sockets behind.

import { connect } from 'node:net';
import type { Clock } from '../../api/clock.ts';
import { Deadline } from './deadline.ts';
import { dialError } from './net-errors.ts';
import { errored, failure, joinHostPort, success, type ProbeOutcome } from './outcome.ts';

export interface TcpProbe {
  readonly clock: Clock;
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

export function tcpProbe(p: TcpProbe): Promise<ProbeOutcome> {
  const addr = joinHostPort(p.host, p.port);
  const deadline = new Deadline(p.clock, p.timeoutMs, p.signal);
  return new Promise<ProbeOutcome>((resolve) => {
    const socket = connect({ host: p.host, port: p.port });
    let settled = false;
    const settle = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      deadline.signal.removeEventListener('abort', onAbort);
      deadline.dispose();
      if (socket.readyState === 'open') socket.resetAndDestroy();
      else socket.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => settle(deadline.expired ? failure(`dial tcp ${addr}: i/o timeout`) : errored('probe cancelled'));
    // Errors after the outcome is settled (a reset racing the close) are expected and ignored.
    socket.on('error', (err) => settle(failure(dialError(addr, err))));
    socket.once('connect', () => settle(success()));
    if (deadline.signal.aborted) onAbort();
    else deadline.signal.addEventListener('abort', onAbort, { once: true });
  });
}

// Node's socket errors written the way Go's net package prints them, because upstream's
// probe messages (shown in Unhealthy events) embed those strings and users search for them.

const connectErrors: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EACCES: 'permission denied',
};

/** "dial tcp ADDR: connect: connection refused", or the lookup failure for a host name. */
export function dialError(addr: string, error: unknown): string {
  const e = error as { code?: string; syscall?: string; hostname?: string; message?: string };
  if (e.syscall === 'getaddrinfo' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return `dial tcp: lookup ${e.hostname ?? addr}: ${e.code === 'ENOTFOUND' ? 'no such host' : 'temporary failure in name resolution'}`;
  }
  const known = e.code === undefined ? undefined : connectErrors[e.code];
  return `dial tcp ${addr}: connect: ${known ?? e.message ?? String(error)}`;
}

/** A failure after connecting (reset, closed early), as Go's HTTP client reports it. */
export function readError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  // Node's "socket hang up": the peer closed before answering; Go calls that EOF.
  if (e.message === 'socket hang up') return 'EOF';
  if (e.code === 'ECONNRESET') return 'read: connection reset by peer';
  if (e.code === 'EPIPE') return 'write: broken pipe';
  return e.message ?? String(error);
}

/** True for errors raised while connecting (before any byte was exchanged). */
export function isDialError(error: unknown): boolean {
  const e = error as { syscall?: string; code?: string };
  return e.syscall === 'connect' || e.syscall === 'getaddrinfo' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN';
}

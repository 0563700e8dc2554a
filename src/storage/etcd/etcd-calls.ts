// The etcd client and how calls to it are retried and their failures turned into
// StorageErrors.
//
// Retries are ours, not etcd3's: its default global policy retries every call on any
// transient error, which for a write can apply it twice (a create whose answer was lost
// would then fail with KeyExists). Here a read is retried on any transient failure, a write
// only when it certainly never reached etcd (no connection, or a member that refused it before
// proposing it). Each attempt picks a member at random; etcd3's per-member circuit breaker
// keeps attempts off a member that failed three times in a row, for five seconds.

import { setTimeout as sleep } from 'node:timers/promises';
import { Etcd3, isRecoverableError, type IOptions } from 'etcd3';
import { StorageError } from '../errors.ts';

type Policy = NonNullable<NonNullable<IOptions['faultHandling']>['global']>;

/** The policy etcd3 runs every call through: here, run it once (retries are ours). */
class RunOnce implements Policy {
  declare readonly _altReturn: never;
  readonly onSuccess = () => ({ dispose: () => undefined });
  readonly onFailure = () => ({ dispose: () => undefined });

  async execute<T>(fn: (context: { signal: AbortSignal }) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    return await fn({ signal: signal ?? new AbortController().signal });
  }
}

/** A client for `endpoints` (host:port or http://host:port) whose unary calls time out. */
export function createClient(endpoints: readonly string[], requestTimeoutMs: number): Etcd3 {
  return new Etcd3({
    hosts: [...endpoints],
    faultHandling: { global: new RunOnce() },
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
    grpcOptions: {
      // A list may be far larger than gRPC's default 4 MiB (etcd sends up to 2 GiB).
      'grpc.max_receive_message_length': 2 ** 31 - 1,
      // Notice a member that vanished without closing the connection. etcd refuses pings
      // more often than every 5 s (--grpc-keepalive-min-time), and pings without a call.
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 5_000,
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 2_000,
    },
  });
}

/** What a failed call means for the caller. */
export type Failure =
  | 'compacted' // the revision read is older than the last compaction
  | 'future' // the revision read is newer than the current one
  | 'tooLarge' // etcd's --max-request-bytes refused it
  | 'notSent' // certainly not applied: safe to retry, writes included
  | 'transient' // may succeed on another try or member; a write may or may not have applied
  | 'fatal';

export function classify(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('required revision has been compacted')) return 'compacted';
  if (message.includes('required revision is a future revision')) return 'future';
  if (message.includes('request is too large')) return 'tooLarge';
  if (error instanceof Error && 'isBrokenCircuitError' in error) return 'notSent';
  if (/No connection established|ECONNREFUSED|etcdserver: (no leader|not capable|too many requests)|raft proposal dropped/.test(message)) {
    return 'notSent';
  }
  if (error instanceof Error && isRecoverableError(error)) return 'transient';
  if (/etcdserver: (leader changed|request timed out)/.test(message)) return 'transient';
  return 'fatal';
}

/** A StorageError for a call that failed for good. */
export function storageErrorOf(error: unknown, what: string): StorageError {
  if (error instanceof StorageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  switch (classify(error)) {
    case 'compacted':
      return new StorageError('Expired', `etcd ${what}: ${message}`, { cause: error });
    case 'future':
      return new StorageError('TooLargeRevision', `etcd ${what}: ${message}`, { cause: error });
    case 'tooLarge':
      return new StorageError('TooLarge', `etcd ${what}: request is too large for etcd (${message})`, { cause: error });
    default:
      return StorageError.unavailable(`etcd ${what} failed: ${message}`, error);
  }
}

export interface CallPolicy {
  /** 'write': retried only when it certainly was not applied. */
  readonly kind: 'read' | 'write';
  /** No new attempt starts after this long (the call's own deadline bounds the last one). */
  readonly budgetMs: number;
  /** Stops retrying (the store was closed). */
  readonly stopped: () => boolean;
}

/**
 * Runs `call` until it succeeds or may not be retried, then throws a StorageError. The pauses
 * between attempts are real timers, not a Clock's: they pace real network calls, and a
 * pending pause must keep the process alive as the call it replaces would.
 */
export async function withRetries<T>(what: string, policy: CallPolicy, call: () => Promise<T>): Promise<T> {
  const start = Date.now();
  for (let attempt = 0; ; attempt++) {
    if (policy.stopped()) throw StorageError.unavailable(`etcd ${what}: the store is closed`);
    try {
      return await call();
    } catch (error) {
      const failure = classify(error);
      const retry = failure === 'notSent' || (failure === 'transient' && policy.kind === 'read');
      const pause = Math.min(50 * 2 ** attempt, 1_000);
      if (!retry || Date.now() + pause - start > policy.budgetMs || policy.stopped()) {
        throw storageErrorOf(error, what);
      }
      await sleep(pause);
    }
  }
}

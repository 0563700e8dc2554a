// How calls to etcd are retried and their failures turned into StorageErrors.
//
// A read is retried on any transient failure, a write only when it certainly never reached
// etcd (no connection, a stream the member refused, or a member that refused it before
// proposing it): a create whose answer was lost and that ran again would fail with KeyExists.
// Each attempt goes to a member EtcdClient picks (it leaves out members that keep failing).

import { setTimeout as sleep } from 'node:timers/promises';
import { GrpcError, Status } from '../../grpc/index.ts';
import { StorageError } from '../errors.ts';

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
  // etcd's own check, or its gRPC server's limit (max-request-bytes plus some framing room).
  if (message.includes('request is too large') || message.includes('grpc: received message larger than max')) return 'tooLarge';
  if (!(error instanceof GrpcError)) return 'fatal';
  if (error.unprocessed) return 'notSent';
  // Refused by the member before it proposed anything.
  if (/etcdserver: (no leader|not capable|too many requests)|raft proposal dropped/.test(error.details)) return 'notSent';
  switch (error.code) {
    case Status.UNAVAILABLE:
    case Status.DEADLINE_EXCEEDED:
    case Status.CANCELLED:
    case Status.INTERNAL:
      return 'transient';
  }
  if (/etcdserver: (leader changed|request timed out)/.test(error.details)) return 'transient';
  return 'fatal';
}

/** Whether a failure counts against the member that gave it (as a sign it is not serving). */
export function isMemberFailure(error: unknown): boolean {
  const failure = classify(error);
  return failure === 'notSent' || failure === 'transient';
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

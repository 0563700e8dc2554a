// How etcd's answers map to retry decisions and StorageErrors: from gRPC status codes, from
// whether the call reached a member, and from etcd's own error messages.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GrpcError, Status } from '../../grpc/index.ts';
import { isStorageError, type StorageErrorCode } from '../errors.ts';
import { classify, isMemberFailure, storageErrorOf, withRetries, type Failure } from './etcd-calls.ts';

test('failures are classified from the status, the reach of the call and etcd messages', () => {
  const cases: [string, unknown, Failure][] = [
    ['compacted read', new GrpcError(Status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision has been compacted'), 'compacted'],
    ['future read', new GrpcError(Status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision is a future revision'), 'future'],
    ['too large for etcd', new GrpcError(Status.INVALID_ARGUMENT, 'etcdserver: request is too large'), 'tooLarge'],
    ['too large for its gRPC server', new GrpcError(Status.RESOURCE_EXHAUSTED, 'grpc: received message larger than max (3000000 vs. 2000000)'), 'tooLarge'],
    ['no connection', new GrpcError(Status.UNAVAILABLE, 'No connection established to 127.0.0.1:1: connect ECONNREFUSED', { unprocessed: true }), 'notSent'],
    ['no leader', new GrpcError(Status.UNAVAILABLE, 'etcdserver: no leader'), 'notSent'],
    ['too many requests', new GrpcError(Status.RESOURCE_EXHAUSTED, 'etcdserver: too many requests'), 'notSent'],
    ['connection lost mid-call', new GrpcError(Status.UNAVAILABLE, 'the connection closed'), 'transient'],
    ['deadline', new GrpcError(Status.DEADLINE_EXCEEDED, 'Deadline exceeded'), 'transient'],
    ['leader changed', new GrpcError(Status.UNAVAILABLE, 'etcdserver: leader changed'), 'transient'],
    ['request timed out', new GrpcError(Status.UNKNOWN, 'etcdserver: request timed out'), 'transient'],
    ['permission denied', new GrpcError(Status.PERMISSION_DENIED, 'etcdserver: permission denied'), 'fatal'],
    ['not a gRPC error', new TypeError('boom'), 'fatal'],
  ];
  for (const [name, error, want] of cases) assert.equal(classify(error), want, name);
  assert.equal(isMemberFailure(new GrpcError(Status.UNAVAILABLE, 'gone')), true);
  assert.equal(isMemberFailure(new GrpcError(Status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision has been compacted')), false);
});

test('StorageErrors keep the codes the Store contract names', () => {
  const cases: [unknown, StorageErrorCode][] = [
    [new GrpcError(Status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision has been compacted'), 'Expired'],
    [new GrpcError(Status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision is a future revision'), 'TooLargeRevision'],
    [new GrpcError(Status.INVALID_ARGUMENT, 'etcdserver: request is too large'), 'TooLarge'],
    [new GrpcError(Status.UNAVAILABLE, 'gone'), 'Unavailable'],
  ];
  for (const [error, code] of cases) assert.ok(isStorageError(storageErrorOf(error, 'get'), code), code);
});

test('a write is retried only when it never reached etcd; a read on any transient failure', async () => {
  const lost = new GrpcError(Status.UNAVAILABLE, 'the connection closed');
  const refused = new GrpcError(Status.UNAVAILABLE, 'No connection established', { unprocessed: true });
  const cases: { kind: 'read' | 'write'; failures: GrpcError[]; calls: number; ok: boolean }[] = [
    { kind: 'write', failures: [refused, refused], calls: 3, ok: true },
    { kind: 'write', failures: [lost], calls: 1, ok: false },
    { kind: 'read', failures: [lost, refused], calls: 3, ok: true },
  ];
  for (const c of cases) {
    let calls = 0;
    const result = withRetries('op', { kind: c.kind, budgetMs: 5_000, stopped: () => false }, async () => {
      const failure = c.failures[calls++];
      if (failure !== undefined) throw failure;
      return 'done';
    });
    if (c.ok) assert.equal(await result, 'done');
    else await assert.rejects(result, (e: unknown) => isStorageError(e, 'Unavailable'));
    assert.equal(calls, c.calls, `${c.kind} after ${c.failures.length} failures`);
  }
});

// CriClient without containerd: what a caller sees when the runtime is missing, silent or
// answers with an error (containerd's own behaviour is tested in containerd/ and pods/).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Http2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GrpcError, Status } from '../../grpc/index.ts';
import { CriClient } from './client.ts';
import { criError, CriError, isNotFound } from './errors.ts';

test('gRPC failures become CriErrors with the status name and a message saying what failed', () => {
  const endpoint = 'unix:///run/x.sock';
  const cases: [unknown, string, RegExp][] = [
    [new GrpcError(Status.NOT_FOUND, 'container "abc" not found'), 'NOT_FOUND', /^CRI ContainerStatus: container "abc" not found$/],
    [new GrpcError(Status.UNAVAILABLE, 'connect ENOENT'), 'UNAVAILABLE', /^CRI ContainerStatus: runtime at unix:\/\/\/run\/x\.sock is not answering \(connect ENOENT\)$/],
    [new GrpcError(Status.DEADLINE_EXCEEDED, 'Deadline exceeded'), 'DEADLINE_EXCEEDED', /no answer from unix:\/\/\/run\/x\.sock before the deadline/],
    [new GrpcError(Status.UNIMPLEMENTED, 'unknown method'), 'UNIMPLEMENTED', /does not implement runtime\.v1 ContainerStatus/],
    [new GrpcError(99, 'odd'), 'UNKNOWN', /^CRI ContainerStatus: odd$/],
    [new Error('disk full'), 'UNKNOWN', /^CRI ContainerStatus: disk full$/],
  ];
  for (const [error, code, message] of cases) {
    const got = criError('ContainerStatus', endpoint, error);
    assert.ok(got instanceof CriError);
    assert.equal(got.code, code);
    assert.match(got.message, message);
    assert.equal(isNotFound(got), code === 'NOT_FOUND');
  }
});

/** A gRPC server on a unix socket answering every call with `status` (or never, for 'silent'). */
async function runtimeAt(dir: string, status: number | 'silent') {
  const path = join(dir, 'cri.sock');
  const sessions = new Set<Http2Session>();
  const server = createServer();
  server.on('session', (s) => { sessions.add(s); s.once('close', () => sessions.delete(s)); });
  server.on('stream', (stream) => {
    stream.on('error', () => undefined);
    stream.resume();
    stream.on('end', () => {
      if (status !== 'silent') stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(status), 'grpc-message': 'no%20such%20sandbox' }, { endStream: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return { endpoint: `unix://${path}`, close: () => { for (const s of sessions) s.destroy(); server.close(); } };
}

test('a missing, a silent and a refusing runtime', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-cri-client-'));
  try {
    const missing = new CriClient({ endpoint: join(dir, 'absent.sock'), timeoutMs: 2000 });
    await assert.rejects(missing.version(), (e: CriError) => e.code === 'UNAVAILABLE' && /is not answering/.test(e.message));
    missing.close();

    const silent = await runtimeAt(dir, 'silent');
    const waiting = new CriClient({ endpoint: silent.endpoint, timeoutMs: 100 });
    await assert.rejects(waiting.podSandboxStatus('abc'), (e: CriError) => e.code === 'DEADLINE_EXCEEDED' && e.method === 'PodSandboxStatus');
    waiting.close();
    silent.close();

    rmSync(join(dir, 'cri.sock'), { force: true });
    const refusing = await runtimeAt(dir, Status.NOT_FOUND);
    const client = new CriClient({ endpoint: refusing.endpoint });
    await assert.rejects(client.removePodSandbox('abc'), (e: CriError) => isNotFound(e) && e.message === 'CRI RemovePodSandbox: no such sandbox');
    client.close();
    refusing.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isAlreadyExists, isConflict, isInternalError, isNotFound, isUnexpectedServerError } from '../../api/status-predicates.ts';
import { kubeconfigYaml } from '../pki/write-kubeconfig.ts';
import { withQuery } from './client.ts';
import { userAgent, withUserAgent } from './config.ts';
import { errorFromResponse, isConnectionRefused } from './errors.ts';
import { loadKubeconfig, parseKubeconfig } from './kubeconfig.ts';
import { resourcePath } from './resource-client.ts';
import { decodeWatchEvents, WatchDecodeError } from './watch-stream.ts';

const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const deployments = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false };

test('kubeconfig: the file k8ts writes, with inline PEM data', async () => {
  const text = kubeconfigYaml({ server: 'https://127.0.0.1:6443', caPem: 'CA', certPem: 'CERT', keyPem: 'KEY' });
  assert.deepEqual(await parseKubeconfig(text, '/'), { server: 'https://127.0.0.1:6443', caData: 'CA', certData: 'CERT', keyData: 'KEY' });
});

test('kubeconfig: files relative to the kubeconfig, a token file, a chosen context', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-kubeconfig-'));
  try {
    writeFileSync(join(dir, 'ca.crt'), 'CA-FILE');
    writeFileSync(join(dir, 'token'), 'secret-token\n');
    writeFileSync(join(dir, 'config'), [
      'apiVersion: v1', 'kind: Config', 'current-context: a',
      'clusters:', '- name: c', '  cluster: {server: "https://127.0.0.1:1", certificate-authority: ca.crt, tls-server-name: kubernetes}',
      'users:', '- name: u', '  user: {tokenFile: token}', '- name: v', '  user: {token: inline}',
      'contexts:', '- name: a', '  context: {cluster: c, user: u}', '- name: b', '  context: {cluster: c, user: v}',
    ].join('\n'));
    assert.deepEqual(await loadKubeconfig(join(dir, 'config')),
      { server: 'https://127.0.0.1:1', caData: 'CA-FILE', bearerToken: 'secret-token', tlsServerName: 'kubernetes' });
    assert.equal((await loadKubeconfig(join(dir, 'config'), { context: 'b' })).bearerToken, 'inline');
    await assert.rejects(loadKubeconfig(join(dir, 'config'), { context: 'nope' }), /no context named "nope"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('user agents per component', () => {
  assert.equal(userAgent('k8ts-scheduler'), 'k8ts-scheduler/v1.33.0');
  assert.equal(withUserAgent({ server: 'https://127.0.0.1' }, 'k8ts-controller-manager').userAgent, 'k8ts-controller-manager/v1.33.0');
});

test('paths and query strings', () => {
  const cases: [string, string][] = [
    [resourcePath(configmaps, 'ns', 'a'), '/api/v1/namespaces/ns/configmaps/a'],
    [resourcePath(configmaps, undefined), '/api/v1/configmaps'],
    [resourcePath(deployments, 'ns', 'd', 'scale'), '/apis/apps/v1/namespaces/ns/deployments/d/scale'],
    [resourcePath(nodes, 'ignored', 'n1', 'status'), '/api/v1/nodes/n1/status'],
    [resourcePath(configmaps, 'ns', 'a/b'), '/api/v1/namespaces/ns/configmaps/a%2Fb'],
    [withQuery('/p', { labelSelector: 'app in (a,b)', limit: 5, watch: true, continue: undefined }), '/p?labelSelector=app+in+%28a%2Cb%29&limit=5&watch=true'],
    [withQuery('/p', { x: undefined }), '/p'],
    [withQuery('/p', { dryRun: undefined, fieldManager: undefined, force: false }), '/p?force=false'],
    [withQuery('/p', {}), '/p'],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
  assert.throws(() => resourcePath(configmaps, 'ns', ''), /a name is required/);
});

test('errors: a Status body is the error; anything else is synthesized from the code', () => {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'configmaps' }, code: 404 };
  const fromServer = errorFromResponse(404, JSON.stringify(status), { method: 'GET' });
  assert.ok(isNotFound(fromServer));
  assert.equal(fromServer.message, 'configmaps "x" not found');
  assert.equal(isUnexpectedServerError(fromServer), false);

  const cases: { code: number; method: string; body: string; name?: string; message: string; check: (e: unknown) => boolean }[] = [
    { code: 404, method: 'GET', body: '404 page not found', name: 'x', message: 'the server could not find the requested resource (get configmaps x)', check: isNotFound },
    { code: 409, method: 'POST', body: '', message: 'the server reported a conflict (post configmaps)', check: isAlreadyExists },
    { code: 409, method: 'PUT', body: '', name: 'x', message: 'the server reported a conflict (put configmaps x)', check: isConflict },
    { code: 502, method: 'GET', body: 'bad gateway', message: 'an error on the server ("bad gateway") has prevented the request from succeeding (get configmaps)', check: isInternalError },
  ];
  for (const c of cases) {
    const err = errorFromResponse(c.code, c.body, { method: c.method, resource: { group: '', resource: 'configmaps' }, ...(c.name === undefined ? {} : { name: c.name }) });
    assert.equal(err.message, c.message);
    assert.equal(err.code, c.code);
    assert.ok(c.check(err), `${c.code} ${c.method}`);
    assert.ok(isUnexpectedServerError(err));
  }
  assert.equal(errorFromResponse(429, '', { method: 'GET' }, 3).status.details?.retryAfterSeconds, 3);
  // A Status without a code takes the HTTP status.
  assert.equal(errorFromResponse(410, JSON.stringify({ kind: 'Status', apiVersion: 'v1', reason: 'Expired' }), { method: 'GET' }).code, 410);
});

test('connection refused is recognised through the cause chain', () => {
  const inner = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  assert.ok(isConnectionRefused(Object.assign(new Error('stream cancelled', { cause: inner }), { code: 'ERR_HTTP2_STREAM_CANCEL' })));
  assert.equal(isConnectionRefused(new Error('other')), false);
});

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function* chunks(parts: (string | Uint8Array)[], fail?: Error): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) yield part;
  if (fail !== undefined) throw fail;
}

test('watch stream: events split anywhere, keep-alive lines, a last line without newline', async () => {
  const e1 = JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'é' } } });
  const e2 = JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '7' } } });
  const bytes = Buffer.from(`${e1}\n\n${e2}`);
  // Split inside the two-byte "é" as well as inside the JSON.
  const at = bytes.indexOf(0xc3) + 1;
  const events = await collect(decodeWatchEvents(chunks([bytes.subarray(0, at), bytes.subarray(at, at + 10), bytes.subarray(at + 10)])));
  assert.deepEqual(events.map((e) => e.type), ['ADDED', 'BOOKMARK']);
  assert.deepEqual(events[0]?.object, { metadata: { name: 'é' } });
  // Plain Uint8Arrays (not Buffers) decode alike.
  const plain = await collect(decodeWatchEvents(chunks([new Uint8Array(bytes.subarray(0, at)), new Uint8Array(bytes.subarray(at, at + 10)), new Uint8Array(bytes.subarray(at + 10))])));
  assert.deepEqual(plain, events);
});

test('watch stream: the transport failing mid-stream ends it cleanly; a bad line throws', async () => {
  const e1 = JSON.stringify({ type: 'DELETED', object: {} });
  assert.equal((await collect(decodeWatchEvents(chunks([`${e1}\n{"type":"ADD`], new Error('ECONNRESET'))))).length, 1);
  await assert.rejects(collect(decodeWatchEvents(chunks(['not json\n']))), WatchDecodeError);
  await assert.rejects(collect(decodeWatchEvents(chunks(['{"type":"WHAT","object":{}}\n']))), WatchDecodeError);
});

test('watch stream: dropManagedFields leaves object.metadata.managedFields out of every event', async () => {
  const pod = { metadata: { name: 'a', managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': {} } }], uid: 'u' }, spec: { x: 1 } };
  const lines = `${JSON.stringify({ type: 'ADDED', object: pod })}\n${JSON.stringify({ type: 'MODIFIED', object: pod })}`;
  const events = await collect(decodeWatchEvents(chunks([lines]), { dropManagedFields: true }));
  assert.deepEqual(events.map((e) => e.object), [{ metadata: { name: 'a', uid: 'u' }, spec: { x: 1 } }, { metadata: { name: 'a', uid: 'u' }, spec: { x: 1 } }]);
  // Without the option the events come as sent.
  assert.deepEqual((await collect(decodeWatchEvents(chunks([lines])))).map((e) => e.object), [pod, pod]);
});

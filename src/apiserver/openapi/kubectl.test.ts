// End to end: real kubectl against an API server that serves these documents in front of the
// API handler. kubectl 1.33 explains from /openapi/v3 and, finding fieldValidation on the
// patch operation, leaves validation to the server; kubectl 1.27 reads /openapi/v2 in
// protobuf for the same decision.

import { ServiceAllocators } from '../registry/core/services/allocator.ts';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { writeKubeconfig } from '../../client/pki/write-kubeconfig.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import { createApiHandler } from '../endpoints/api-handler.ts';
import { ApiServer } from '../http/server.ts';
import { ensureServerPki } from '../http/server-pki.ts';
import { namespaceLifecycle } from '../registry/admission.ts';
import { registerAll } from '../registry/all.ts';
import { ensureObjects, systemObjects } from '../registry/bootstrap.ts';
import { ResourceRegistry } from '../registry/registry.ts';
import { keys } from '../registry/resource.ts';
import { decodeStored } from '../registry/stored.ts';
import { createOpenApiHandler } from './handler.ts';

const KUBECTL = '/usr/bin/kubectl';
const KUBECTL_133 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const KUBECTL_127 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';
const skip = [KUBECTL, KUBECTL_133, KUBECTL_127].every(existsSync) ? false : 'kubectl 1.27/1.33 are not installed';
const run = promisify(execFile);

let dir = '';
let kubeconfig = '';
let store: SqliteStore | undefined;
const stop = new AbortController();
const done: Promise<void>[] = [];
const seen: Array<{ method: string; path: string; query: string; accept: string }> = [];

before(async () => {
  if (skip !== false) return;
  dir = await mkdtemp(join(tmpdir(), 'k8ts-openapi-'));
  store = await SqliteStore.open(join(dir, 'state.db'));
  const cache = new WatchCache(store, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: decodeStored });
  const registry = new ResourceRegistry({ store, cache, admission: namespaceLifecycle(cache) });
  registerAll(registry, { serviceAllocators: new ServiceAllocators([]) });
  done.push(cache.run(stop.signal));
  await cache.ready();
  await ensureObjects(registry, systemObjects({ apiServerPort: 6443 }));

  const pki = await ensureServerPki(dir);
  const openapi = createOpenApiHandler(registry);
  let address = '';
  const api = createApiHandler({ registry, serverAddress: () => address });
  const server = new ApiServer({
    host: '127.0.0.1',
    port: 0,
    tls: { certPem: pki.serving.certPem, keyPem: pki.serving.keyPem, clientCaPem: pki.ca.certPem },
    handler: async (req, res) => {
      seen.push({ method: req.method, path: req.path, query: req.query.toString(), accept: req.headers['accept'] ?? '' });
      if (await openapi(req, res)) return;
      await api(req, res);
    },
  });
  done.push(server.run(stop.signal));
  const { port } = await server.listening;
  address = `127.0.0.1:${port}`;
  kubeconfig = join(dir, 'kubeconfig.yaml');
  await writeKubeconfig(kubeconfig, { server: `https://${address}`, caPem: pki.ca.certPem, certPem: pki.admin.certPem, keyPem: pki.admin.keyPem });
});

after(async () => {
  stop.abort();
  await Promise.all(done);
  await store?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

let runs = 0;
/** Runs kubectl with a fresh cache, so every run fetches what it needs. */
async function kubectl(binary: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const cacheDir = join(dir, `cache-${runs++}`);
  try {
    const { stdout, stderr } = await run(binary, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { timeout: 60_000, env: { ...process.env, HOME: dir, KUBECONFIG: '' } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}

/** The requests made while `action` ran. */
async function requestsDuring<T>(action: () => Promise<T>): Promise<{ result: T; requests: typeof seen }> {
  const from = seen.length;
  const result = await action();
  return { result, requests: seen.slice(from) };
}

const manifest = async (name: string, body: string): Promise<string> => {
  const file = join(dir, name);
  await writeFile(file, body);
  return file;
};

for (const binary of [KUBECTL, KUBECTL_133]) {
  test(`${binary} explain pods.spec.containers reads /openapi/v3`, { skip }, async () => {
    const { result, requests } = await requestsDuring(() => kubectl(binary, 'explain', 'pods.spec.containers'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^KIND:\s+Pod$/m);
    assert.match(result.stdout, /^VERSION:\s+v1$/m);
    assert.match(result.stdout, /^FIELD: containers <\[\]Container>$/m);
    assert.match(result.stdout, /^\s+name\s+<string> -required-$/m);
    assert.match(result.stdout, /^\s+ports\s+<\[\]ContainerPort>$/m);
    assert.match(result.stdout, /^\s+imagePullPolicy\s+<string>$/m);
    assert.ok(requests.some((r) => r.path === '/openapi/v3/api/v1' && r.query.includes('hash=')), JSON.stringify(requests));
  });
}

test('kubectl 1.33 explain deployment.spec.strategy.rollingUpdate.maxSurge shows IntOrString', { skip }, async () => {
  const result = await kubectl(KUBECTL_133, 'explain', 'deployment.spec.strategy.rollingUpdate.maxSurge');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^GROUP:\s+apps$/m);
  assert.match(result.stdout, /^FIELD: maxSurge <IntOrString>$/m);
});

test('kubectl 1.27 create -f validates through /openapi/v2 protobuf and asks for strict validation', { skip }, async () => {
  const file = await manifest('cm-127.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-127\ndata:\n  a: "1"\n');
  const { result, requests } = await requestsDuring(() => kubectl(KUBECTL_127, 'create', '-f', file));
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /configmap\/from-127 created/);
  const v2 = requests.find((r) => r.path === '/openapi/v2');
  assert.ok(v2, JSON.stringify(requests));
  assert.match(v2.accept, /com\.github\.proto-openapi\.spec\.v2@v1\.0\+protobuf/);
  const post = requests.find((r) => r.method === 'POST');
  assert.match(post?.query ?? '', /fieldValidation=Strict/);
});

test('kubectl 1.27 create -f with an unknown field: the server refuses it', { skip }, async () => {
  const file = await manifest('bad-127.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad-127\nbogus: 1\n');
  const result = await kubectl(KUBECTL_127, 'create', '-f', file);
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /strict decoding error: unknown field "bogus"/);
});

test('kubectl 1.33 create -f with an unknown field: validation is left to the server', { skip }, async () => {
  const file = await manifest('bad-133.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad-133\nbogus: 1\n');
  const { result, requests } = await requestsDuring(() => kubectl(KUBECTL_133, 'create', '-f', file));
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /strict decoding error: unknown field "bogus"/);
  assert.ok(requests.some((r) => r.path === '/openapi/v3'), JSON.stringify(requests));
  assert.ok(requests.some((r) => r.path === '/openapi/v3/api/v1'), JSON.stringify(requests));
  assert.equal(requests.some((r) => r.path === '/openapi/v2'), false, 'no fallback to v2');
  assert.match(requests.find((r) => r.method === 'POST')?.query ?? '', /fieldValidation=Strict/);
});

test('kubectl 1.33 create -f of a valid ConfigMap', { skip }, async () => {
  const file = await manifest('cm-133.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-133\ndata:\n  a: "1"\n');
  const result = await kubectl(KUBECTL_133, 'create', '-f', file);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /configmap\/from-133 created/);
});

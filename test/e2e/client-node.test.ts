// @kubernetes/client-node 1.x against `k8ts server`: CRUD, selectors, watch, and an informer
// that survives a restart of the API server (its watch gets 410 Gone and it lists again).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CoreV1Api, KubeConfig, Watch, makeInformer, type V1ConfigMap } from '@kubernetes/client-node';
import { TestServer } from './harness.ts';

let server: TestServer;
let api: CoreV1Api;
let kc: KubeConfig;
const ns = 'client-node';

before(async () => {
  server = await TestServer.start();
  kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfig);
  api = kc.makeApiClient(CoreV1Api);
  await api.createNamespace({ body: { metadata: { name: ns } } });
});

after(async () => {
  await server?.stop();
});

async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('create, read, replace, list with a label selector, delete', async () => {
  const created = await api.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'crud', labels: { app: 'a' } }, data: { k: 'v' } } });
  assert.ok(created.metadata?.uid);
  await api.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'other', labels: { app: 'b' } } } });
  const read = await api.readNamespacedConfigMap({ name: 'crud', namespace: ns });
  assert.equal(read.data?.['k'], 'v');
  read.data = { k: 'w' };
  const replaced = await api.replaceNamespacedConfigMap({ name: 'crud', namespace: ns, body: read });
  assert.equal(replaced.data?.['k'], 'w');
  assert.notEqual(replaced.metadata?.resourceVersion, read.metadata?.resourceVersion);
  const stale = await api.replaceNamespacedConfigMap({ name: 'crud', namespace: ns, body: read }).catch((e: unknown) => e);
  assert.equal((stale as { code?: number }).code, 409, 'a stale resourceVersion conflicts');
  const selected = await api.listNamespacedConfigMap({ namespace: ns, labelSelector: 'app=a' });
  assert.deepEqual(selected.items.map((cm) => cm.metadata?.name), ['crud']);
  await api.deleteNamespacedConfigMap({ name: 'crud', namespace: ns });
  const gone = await api.readNamespacedConfigMap({ name: 'crud', namespace: ns }).catch((e: unknown) => e);
  assert.equal((gone as { code?: number }).code, 404);
});

test('watch sees ADDED, MODIFIED and DELETED', async () => {
  const seen: string[] = [];
  const watch = new Watch(kc);
  // Watching from a listed resourceVersion: every later write is seen, however soon it comes.
  const { metadata } = await api.listNamespacedConfigMap({ namespace: ns });
  const request = await watch.watch(`/api/v1/namespaces/${ns}/configmaps`, { fieldSelector: 'metadata.name=watched', resourceVersion: metadata?.resourceVersion },
    (type: string, object: V1ConfigMap) => seen.push(`${type} ${object.metadata?.name}`), () => undefined);
  await api.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'watched' } } });
  const cm = await api.readNamespacedConfigMap({ name: 'watched', namespace: ns });
  cm.data = { x: 'y' };
  await api.replaceNamespacedConfigMap({ name: 'watched', namespace: ns, body: cm });
  await api.deleteNamespacedConfigMap({ name: 'watched', namespace: ns });
  await until('three events', () => seen.length >= 3);
  request.abort();
  assert.deepEqual(seen, ['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
});

test('an informer keeps its cache right across an API server restart (410 → relist)', async () => {
  const path = `/api/v1/namespaces/${ns}/configmaps`;
  const informer = makeInformer(kc, path, () => api.listNamespacedConfigMap({ namespace: ns }));
  const names = (): string[] => informer.list(ns).map((cm) => cm.metadata?.name ?? '').sort();
  let stopped = false;
  informer.on('error', () => {
    // The informer reports the broken watch, then we start it again, as controllers do.
    setTimeout(() => {
      if (!stopped) void informer.start();
    }, 200);
  });
  await informer.start();
  await api.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'before-restart' } } });
  await until('the informer to see before-restart', () => names().includes('before-restart'));
  // Writes elsewhere move the server past the informer's resourceVersion before the restart.
  await api.createNamespace({ body: { metadata: { name: 'elsewhere' } } });
  server = await server.restart();
  const fresh = new KubeConfig();
  fresh.loadFromFile(server.kubeconfig);
  api = fresh.makeApiClient(CoreV1Api);
  await api.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'after-restart' } } });
  await until('the informer to see after-restart', () => names().includes('after-restart'), 30_000);
  assert.ok(names().includes('before-restart'));
  stopped = true;
  await informer.stop();
});

// Informers against a real `k8ts server`: the factory shares one informer per resource, the
// cache follows adds, updates and deletes, and survives a restart of the server by relisting
// once its watch is answered with 410.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestServer } from '../../../test/e2e/harness.ts';
import { RestClient } from '../rest/client.ts';
import { withUserAgent } from '../rest/config.ts';
import { loadKubeconfig } from '../rest/kubeconfig.ts';
import type { KubeObject, WatchEvent } from '../rest/types.ts';
import { SharedInformerFactory } from './factory.ts';
import { listWatchFromClient, type ListerWatcher } from './list-watch.ts';
import { SharedInformer } from './shared-informer.ts';
import { DeletedFinalStateUnknown } from './store.ts';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const namespaces = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
const ns = 'informers';
const fastBackoff = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5, resetMs: 120_000 };
let server: TestServer;
let client: RestClient;

before(async () => {
  // The client machinery alone: no hosted controllers writing objects of their own.
  server = await TestServer.start(['--disable', 'controller-manager']);
  client = new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'k8ts-informer-test'));
  await client.resource(namespaces).create({ metadata: { name: ns } });
});

after(async () => {
  client?.close();
  await server?.stop();
});

async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('the factory shares one informer per resource; handlers see add, update, delete; listers read the cache', async () => {
  const stop = new AbortController();
  const factory = new SharedInformerFactory(client, { namespace: ns, reflector: { backoff: fastBackoff } });
  const informer = factory.forResource<ConfigMap>(configmaps);
  assert.equal(factory.forResource<ConfigMap>(configmaps), informer);
  const cms = client.resource<ConfigMap>(configmaps).namespace(ns);
  await cms.create({ metadata: { name: 'existing' } });
  const log: string[] = [];
  informer.addEventHandler({
    onAdd: (o, initial) => log.push(`add ${o.metadata?.name}${initial ? ' initial' : ''}`),
    onUpdate: (_old, o) => log.push(`update ${o.metadata?.name} ${o.data?.['v'] ?? ''}`),
    onDelete: (o) => log.push(`delete ${o instanceof DeletedFinalStateUnknown ? o.key : o.metadata?.name}`),
  });
  factory.start(stop.signal);
  const synced = await factory.waitForCacheSync(stop.signal);
  assert.deepEqual([...synced], [['v1/configmaps', true]]);
  assert.deepEqual(log, ['add existing initial']);

  const created = await cms.create({ metadata: { name: 'x' } });
  await cms.update({ ...created, data: { v: '2' } });
  await cms.delete('x');
  await until('three events', () => log.length >= 4);
  assert.deepEqual(log.slice(1), ['add x', 'update x 2', 'delete x']);
  assert.deepEqual(informer.lister().namespace(ns).list().map((o) => o.metadata?.name), ['existing']);
  stop.abort();
  await factory.shutdown();
});

test('an informer survives a restart of the API server by relisting after 410', async () => {
  const stop = new AbortController();
  let lists = 0;
  const expired: number[] = [];
  const inner = listWatchFromClient(client.resource<ConfigMap>(configmaps).namespace(ns));
  const counting: ListerWatcher<ConfigMap> = {
    list: (options) => { lists++; return inner.list(options); },
    watch: (options) => (async function* watch(): AsyncGenerator<WatchEvent<ConfigMap>> {
      for await (const event of inner.watch(options)) {
        if (event.type === 'ERROR') expired.push(event.object.code ?? 0);
        yield event;
      }
    })(),
  };
  const errors: unknown[] = [];
  const informer = new SharedInformer<ConfigMap>(counting, { backoff: fastBackoff, onError: (e) => errors.push(e) });
  const names = (): string[] => informer.lister().namespace(ns).list().map((o) => o.metadata?.name ?? '').sort();
  const running = informer.run(stop.signal);
  assert.equal(await informer.waitForSync(stop.signal), true);
  const cms = client.resource<ConfigMap>(configmaps).namespace(ns);
  await cms.create({ metadata: { name: 'before-restart' } });
  await until('the informer to see before-restart', () => names().includes('before-restart'));
  // Writes elsewhere move the server past the informer's resourceVersion before the restart.
  await client.resource(namespaces).create({ metadata: { name: 'elsewhere' } });
  assert.equal(lists, 1);

  server = await server.restart();
  await cms.create({ metadata: { name: 'after-restart' } });
  await until('the informer to see after-restart', () => names().includes('after-restart'), 20_000);
  assert.ok(names().includes('before-restart'));
  assert.ok(lists >= 2, 'it listed again');
  assert.ok(expired.includes(410), `the watch was answered with 410 (errors: ${errors.map(String).join('; ')})`);
  stop.abort();
  await running;
});

test('a factory told to drop managedFields gets watched objects without them, listed ones whole (the transform trims those)', async () => {
  const stop = new AbortController();
  const cms = client.resource<ConfigMap>(configmaps).namespace(ns);
  await cms.create({ metadata: { name: 'mf-listed' }, data: { v: '1' } });
  const factory = new SharedInformerFactory(client, { namespace: ns, dropManagedFields: true, reflector: { backoff: fastBackoff } });
  const informer = factory.forResource<ConfigMap>(configmaps);
  const seen = new Map<string, KubeObject>();
  informer.addEventHandler({ onAdd: (o) => seen.set(o.metadata?.name ?? '', o), onUpdate: (_old, o) => seen.set(o.metadata?.name ?? '', o) });
  factory.start(stop.signal);
  try {
    await until('the initial list', () => seen.has('mf-listed'));
    assert.ok((seen.get('mf-listed')?.metadata?.managedFields?.length ?? 0) > 0, 'a listed object keeps its managedFields');
    await cms.create({ metadata: { name: 'mf-watched', labels: { a: 'b' } }, data: { v: '2' } });
    await until('the watched create', () => seen.has('mf-watched'));
    const watched = seen.get('mf-watched');
    assert.equal(watched?.metadata?.managedFields, undefined);
    assert.deepEqual([watched?.metadata?.labels, (watched as ConfigMap).data], [{ a: 'b' }, { v: '2' }]);
    assert.match(watched?.metadata?.resourceVersion ?? '', /^\d+$/);
  } finally {
    stop.abort();
    await factory.shutdown();
  }
});

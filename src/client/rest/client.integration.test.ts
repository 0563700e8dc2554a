// The REST client against a real `k8ts server`: CRUD, patches, errors as StatusErrors, watches
// and their ending on abort and on the server's timeout.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isAlreadyExists, isConflict, isNotFound } from '../../api/status-predicates.ts';
import { StatusError } from '../../api/status.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { RequestTimeoutError, RestClient } from './client.ts';
import { withUserAgent } from './config.ts';
import { loadKubeconfig } from './kubeconfig.ts';
import type { KubeObject, WatchEvent } from './types.ts';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const configmapsType = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const namespacesType = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
const ns = 'rest-client';
let server: TestServer;
let client: RestClient;

before(async () => {
  // The client machinery alone: no hosted controllers writing objects of their own.
  server = await TestServer.start(['--disable', 'controller-manager']);
  client = new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'k8ts-rest-test'));
  await client.resource(namespacesType).create({ metadata: { name: ns } });
});

after(async () => {
  client?.close();
  await server?.stop();
});

test('create, get, list with a selector, update with a resourceVersion, delete', async () => {
  const cms = client.resource<ConfigMap>(configmapsType).namespace(ns);
  const created = await cms.create({ metadata: { name: 'a', labels: { app: 'x' } }, data: { k: 'v' } });
  assert.ok(created.metadata?.uid);
  await cms.create({ metadata: { name: 'b', labels: { app: 'y' } } });
  const dup = await cms.create({ metadata: { name: 'a' } }).catch((e: unknown) => e);
  assert.ok(dup instanceof StatusError && isAlreadyExists(dup));

  assert.equal((await cms.get('a')).data?.['k'], 'v');
  const selected = await cms.list({ labelSelector: 'app=x' });
  assert.deepEqual(selected.items.map((c) => c.metadata?.name), ['a']);
  assert.ok(selected.metadata?.resourceVersion);

  const updated = await cms.update({ ...created, data: { k: 'w' } });
  assert.equal(updated.data?.['k'], 'w');
  const stale = await cms.update({ ...created, data: { k: 'stale' } }).catch((e: unknown) => e);
  assert.ok(isConflict(stale), 'a stale resourceVersion conflicts');

  await cms.delete('a');
  const gone = await cms.get('a').catch((e: unknown) => e);
  assert.ok(gone instanceof StatusError && isNotFound(gone));
  assert.equal(gone.code, 404);
  assert.match(gone.message, /configmaps "a" not found/);
});

test('merge and JSON patches', async () => {
  const cms = client.resource<ConfigMap>(configmapsType).namespace(ns);
  await cms.create({ metadata: { name: 'p' }, data: { a: '1' } });
  assert.deepEqual((await cms.patch('p', 'merge', { data: { b: '2' } })).data, { a: '1', b: '2' });
  assert.deepEqual((await cms.patch('p', 'merge', { data: { a: null } })).data, { b: '2' });
  assert.deepEqual((await cms.patch('p', 'json', [{ op: 'add', path: '/data/c', value: '3' }])).data, { b: '2', c: '3' });
});

test('a list across namespaces, and a cluster-scoped get', async () => {
  const all = await client.resource<ConfigMap>(configmapsType).list();
  assert.ok(all.items.some((c) => c.metadata?.namespace === ns));
  assert.equal((await client.resource(namespacesType).get(ns)).metadata?.name, ns);
});

test('watch: events in order from a list\'s resourceVersion; abort ends the iteration cleanly', async () => {
  const cms = client.resource<ConfigMap>(configmapsType).namespace(ns);
  const rv = (await cms.list()).metadata?.resourceVersion ?? '';
  const stop = new AbortController();
  const seen: string[] = [];
  const watching = (async () => {
    for await (const event of cms.watch({ resourceVersion: rv, fieldSelector: 'metadata.name=w', signal: stop.signal })) {
      seen.push(`${event.type} ${event.type === 'ERROR' ? '' : event.object.metadata?.name ?? ''}`);
      if (seen.length === 3) stop.abort();
    }
  })();
  const created = await cms.create({ metadata: { name: 'w' } });
  await cms.update({ ...created, data: { x: 'y' } });
  await cms.delete('w');
  await watching;
  assert.deepEqual(seen, ['ADDED w', 'MODIFIED w', 'DELETED w']);
});

test('watch: the server\'s timeoutSeconds ends the stream; bookmarks come when asked for', async () => {
  const cms = client.resource<ConfigMap>(configmapsType).namespace(ns);
  const events: WatchEvent<ConfigMap>[] = [];
  const rv = (await cms.list()).metadata?.resourceVersion ?? '';
  const started = Date.now();
  for await (const event of cms.watch({ resourceVersion: rv, timeoutSeconds: 1, allowWatchBookmarks: true })) events.push(event);
  assert.ok(Date.now() - started < 5_000);
  assert.ok(events.every((e) => e.type === 'BOOKMARK'), 'nothing changed, so only bookmarks (if any)');
});

test('watch: aborting before the answer arrives ends it without an error', async () => {
  const stop = new AbortController();
  stop.abort();
  const events = [];
  for await (const event of client.resource<ConfigMap>(configmapsType).watch({ signal: stop.signal })) events.push(event);
  assert.equal(events.length, 0);
});

test('a request that outlives its timeout fails with RequestTimeoutError', async () => {
  // A watch never completes as a plain request: the timeout has to end it.
  const err = await client.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/configmaps`, query: { watch: true }, timeoutMs: 200 })
    .catch((e: unknown) => e);
  assert.ok(err instanceof RequestTimeoutError);
});

// --max-requests-inflight and --max-mutating-requests-inflight: with one seat each, a burst of
// creates from a controller's identity is queued and served in full (upstream's priority and
// fairness queues; its legacy filter would refuse most of them with 429), and kubectl, as the
// admin (system:masters), is never held up behind them.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ConfigMap } from '../../src/api/types/core/v1/index.ts';
import { RestClient } from '../../src/client/rest/client.ts';
import { loadKubeconfig } from '../../src/client/rest/kubeconfig.ts';
import { TestServer } from './harness.ts';

let server: TestServer;

before(async () => {
  server = await TestServer.start(['--max-requests-inflight', '1', '--max-mutating-requests-inflight', '1', '--disable', 'scheduler,controller-manager']);
});

after(async () => {
  await server?.stop();
});

test('with one seat, 40 concurrent creates and reads of a controller all succeed, and kubectl is answered meanwhile', async () => {
  const client = new RestClient({ ...(await loadKubeconfig(join(server.dataDir, 'cred', 'controller-manager.kubeconfig'))), timeoutMs: 30_000 });
  try {
    const configMaps = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps', namespaced: true }).namespace('default');
    const creates = Array.from({ length: 40 }, (_, i) => configMaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `burst-${i}` }, data: { i: String(i) } }));
    const reads = Array.from({ length: 20 }, () => configMaps.list());
    const listed = await server.kubectl('1.33', ['get', 'namespaces', '-o', 'name']);
    assert.equal(listed.code, 0, listed.stderr);
    const results = await Promise.allSettled([...creates, ...reads]);
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    assert.deepEqual(failed, []);
  } finally {
    client.close();
  }
  const names = await server.kubectl('1.33', ['get', 'configmaps', '-o', 'name']);
  assert.equal(names.stdout.split('\n').filter((n) => n.startsWith('configmap/burst-')).length, 40, names.stderr);
});

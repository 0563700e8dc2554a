// VolumeBinding against a real `k8ts server` with fake Nodes (no kubelets): a pod whose claim
// waits for its first consumer (a WaitForFirstConsumer StorageClass without a provisioner) gets
// the one local PV there is, on the one node that PV's node affinity allows, and is bound only
// after the claim is. k8ts has no PV controller (src/controllers has none), so this test plays
// its part: it marks the PV Available once created, and binds the claim when it sees the
// claimRef the scheduler's PreBind wrote on the PV.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types/core/v1/index.ts';
import type { StorageClass } from '../api/types/storage/v1/index.ts';
import { TestServer } from '../../test/e2e/harness.ts';
import { RestClient } from '../client/rest/client.ts';
import { withUserAgent } from '../client/rest/config.ts';
import { loadKubeconfig } from '../client/rest/kubeconfig.ts';
import { runScheduler } from './run.ts';
import { NAMESPACES, NODES, PODS, PVCS, PVS, STORAGE_CLASSES } from './resources.ts';
import { pollUntil } from '../client/informers/wait.ts';

let server: TestServer;
let admin: RestClient;
let schedClient: RestClient;
const stop = new AbortController();
let running: Promise<void>;

before(async () => {
  server = await TestServer.start(['--disable', 'scheduler']);
  admin = new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'volume-binding-test'));
  schedClient = new RestClient(withUserAgent(await loadKubeconfig(join(server.dataDir, 'cred', 'scheduler.kubeconfig')), 'kube-scheduler'));
  running = runScheduler({ client: schedClient, log: () => {} }, stop.signal);
});

after(async () => {
  stop.abort();
  await running;
  schedClient?.close();
  admin?.close();
  await server?.stop();
});

const waitFor = <T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> => pollUntil(what, fn, { timeoutMs: ms, intervalMs: 100 });

test('a WaitForFirstConsumer claim gets the local PV of the one node it can reach; the pod is bound after the claim', async () => {
  const ns = 'wffc';
  await admin.resource(NAMESPACES).create({ metadata: { name: ns } });
  for (const name of ['vb-1', 'vb-2', 'vb-3']) {
    const capacity = { cpu: '4', memory: '8Gi', pods: '110' };
    await admin.resource<Node>(NODES).create({
      metadata: { name, labels: { 'kubernetes.io/hostname': name, suite: 'vb' } },
      status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  await admin.resource<StorageClass>(STORAGE_CLASSES).create({ metadata: { name: 'local-wffc' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
  const pvs = admin.resource<PersistentVolume>(PVS);
  const created = await pvs.create({
    metadata: { name: 'local-vb-2' },
    spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'local-wffc', persistentVolumeReclaimPolicy: 'Retain',
      local: { path: '/mnt/disks/vol1' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['vb-2'] }] }] } } },
  });
  // The PV controller's first step: a new, unclaimed volume becomes Available.
  await pvs.update({ ...created, status: { phase: 'Available' } }, { subresource: 'status' });
  const pvcs = admin.resource<PersistentVolumeClaim>(PVCS).namespace(ns);
  const claim = await pvcs.create({ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-wffc', resources: { requests: { storage: '1Gi' } } } });
  const pods = admin.resource<Pod>(PODS).namespace(ns);
  await pods.create({ metadata: { name: 'db' }, spec: { nodeSelector: { suite: 'vb' }, containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } });

  // PreBind writes the claimRef and waits: the pod stays unbound until the claim is.
  const claimed = await waitFor('the claimRef on the PV', async () => {
    const pv = await pvs.get('local-vb-2');
    return pv.spec?.claimRef?.name === undefined ? undefined : pv;
  });
  assert.deepEqual({ ...claimed.spec?.claimRef, resourceVersion: undefined },
    { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: ns, name: 'data', uid: claim.metadata?.uid, resourceVersion: undefined });
  assert.equal(claimed.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await pods.get('db')).spec?.nodeName ?? '', '', 'bound before its claim');

  // The PV controller's part: bind the claim to the volume the scheduler chose.
  const current = await pvcs.get('data');
  const bound = await pvcs.update({ ...current, metadata: { ...current.metadata, annotations: { ...current.metadata?.annotations,
    'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' } }, spec: { ...current.spec, volumeName: 'local-vb-2' } });
  await pvcs.update({ ...bound, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } } }, { subresource: 'status' });

  const node = await waitFor('db to be scheduled', async () => (await pods.get('db')).spec?.nodeName || undefined);
  assert.equal(node, 'vb-2');
});

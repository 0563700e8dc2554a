// The ReplicaSet controller against a real server: pods created, replaced, adopted, released.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import { controllerRefOf } from './pod-utils.ts';
import { type Cluster, eventually, startCluster } from '../deployment/cluster.fixture.ts';

let c: Cluster;
const ns = 'rs-e2e';

before(async () => {
  c = await startCluster();
  await c.kubectl('create', 'namespace', ns);
});
after(async () => {
  await c?.stop();
});

const rsManifest = (replicas: number): string => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: ns },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
});

async function podsOf(selector = 'app=web'): Promise<string[]> {
  const list = await c.pods.namespace(ns).list({ labelSelector: selector });
  return list.items.filter((p) => p.metadata?.deletionTimestamp === undefined).map((p) => p.metadata?.name ?? '');
}

test('a ReplicaSet creates its pods, owned and named after it, and reports status', async () => {
  await c.server.kubectl('1.33', ['apply', '-f', '-'], { input: rsManifest(3) });
  await eventually('3 pods', async () => (await podsOf()).length === 3);
  const list = await c.pods.namespace(ns).list({ labelSelector: 'app=web' });
  for (const pod of list.items) {
    assert.match(pod.metadata?.name ?? '', /^web-[a-z0-9]{5}$/);
    const ref = controllerRefOf(pod);
    assert.equal(ref?.kind, 'ReplicaSet');
    assert.equal(ref?.blockOwnerDeletion, true);
  }
  await c.markReady(ns, 'app=web');
  await eventually('ready status', async () => {
    const rs = JSON.parse(await c.kubectl('get', 'rs', 'web', '-n', ns, '-o', 'json')) as ReplicaSet;
    return rs.status?.readyReplicas === 3 && rs.status.availableReplicas === 3 && rs.status.fullyLabeledReplicas === 3
      && rs.status.observedGeneration === rs.metadata?.generation;
  });
});

test('a deleted pod is replaced', async () => {
  const [victim] = await podsOf();
  await c.kubectl('delete', 'pod', victim ?? '', '-n', ns, '--wait=false');
  await eventually('replacement', async () => {
    const names = await podsOf();
    return names.length === 3 && !names.includes(victim ?? '');
  });
});

test('scale down deletes not-ready pods first; scale up creates', async () => {
  await c.kubectl('scale', 'rs', 'web', '-n', ns, '--replicas=5');
  await eventually('5 pods', async () => (await podsOf()).length === 5);
  const ready = new Set(await podsOf());
  await c.markReady(ns, 'app=web');
  await c.kubectl('scale', 'rs', 'web', '-n', ns, '--replicas=6');
  await eventually('6 pods', async () => (await podsOf()).length === 6);
  const fresh = (await podsOf()).filter((n) => !ready.has(n));
  assert.equal(fresh.length, 1);
  await c.kubectl('scale', 'rs', 'web', '-n', ns, '--replicas=5');
  await eventually('5 pods again', async () => (await podsOf()).length === 5);
  assert.ok(!(await podsOf()).includes(fresh[0] ?? ''), 'the not-ready pod went first');
});

test('orphans that match are adopted; pods relabelled away are released', async () => {
  await c.kubectl('run', 'stray', '-n', ns, '--image=busybox', '--labels=app=web');
  await eventually('adopted and surplus removed', async () => (await podsOf()).length === 5);
  const [one] = await podsOf();
  await c.kubectl('label', 'pod', one ?? '', '-n', ns, 'app=other', '--overwrite');
  await eventually('released and replaced', async () => {
    const released = await c.pods.namespace(ns).get(one ?? '');
    return controllerRefOf(released) === undefined && (await podsOf()).length === 5;
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { UIDTrackingControllerExpectations } from '../../client/informers/expectations.ts';
import type { ResourceClient } from '../../client/rest/resource-client.ts';
import { activePodsOf, manageReplicas, podFromTemplate } from './manage.ts';

const rs: ReplicaSet = {
  metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid' },
  spec: { replicas: 10, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
};

function fakePods(failAfter = Infinity): { client: ResourceClient<Pod>; created: Pod[]; deleted: string[] } {
  const created: Pod[] = [];
  const deleted: string[] = [];
  const client = {
    create: async (pod: Pod) => {
      if (created.length >= failAfter) throw Object.assign(new Error('pods "web-x" is forbidden: exceeded quota'), { code: 403 });
      created.push(pod);
      return pod;
    },
    delete: async (name: string) => {
      deleted.push(name);
    },
  } as unknown as ResourceClient<Pod>;
  return { client, created, deleted };
}

test('pods from the template are controlled by the ReplicaSet and named after it', () => {
  const pod = podFromTemplate(rs);
  assert.equal(pod.metadata?.generateName, 'web-');
  assert.deepEqual(pod.metadata?.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(pod.metadata?.labels, { app: 'web' });
});

test('creates the missing pods and expects each of them', async () => {
  const expectations = new UIDTrackingControllerExpectations(new FakeClock());
  const pods = fakePods();
  const err = await manageReplicas(rs, 'ns/web', activePodsOf([]), { pods: pods.client, expectations, relatedPods: () => [], nowMs: 0 });
  assert.equal(err, undefined);
  assert.equal(pods.created.length, 10);
  assert.equal(expectations.getExpectations('ns/web')?.add, 10);
  assert.equal(expectations.satisfiedExpectations('ns/web'), false, 'no second round until the informer shows them');
});

test('a failing create stops the slow start, and what was not created is not expected', async () => {
  const expectations = new UIDTrackingControllerExpectations(new FakeClock());
  const pods = fakePods(3);
  const err = await manageReplicas(rs, 'ns/web', activePodsOf([]), { pods: pods.client, expectations, relatedPods: () => [], nowMs: 0 });
  assert.equal(err?.kind, 'create');
  assert.match(err?.message ?? '', /exceeded quota/);
  // Batches of 1 and 2 succeed (3 pods); the batch of 4 fails and the last 3 are never tried.
  assert.equal(pods.created.length, 3);
  assert.equal(expectations.getExpectations('ns/web')?.add, 3);
});

test('deletes the surplus and expects exactly those deletions', async () => {
  const expectations = new UIDTrackingControllerExpectations(new FakeClock());
  const pods = fakePods();
  const existing = Array.from({ length: 12 }, (_, i): Pod => ({ metadata: { name: `p${i}`, namespace: 'ns', uid: `u${i}` }, spec: { containers: [] }, status: { phase: i < 2 ? 'Pending' : 'Running' } }));
  await manageReplicas(rs, 'ns/web', activePodsOf(existing), { pods: pods.client, expectations, relatedPods: () => existing, nowMs: 0 });
  assert.deepEqual(pods.deleted.sort(), ['p0', 'p1']);
  assert.deepEqual([...(expectations.getUIDs('ns/web') ?? [])].sort(), ['ns/p0', 'ns/p1']);
});

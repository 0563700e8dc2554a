import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceType } from '../../client/rest/types.ts';
import { computeHash } from './hash.ts';
import { Syncer } from './syncer.ts';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };

function deployment(): Deployment {
  return {
    metadata: { name: 'web', namespace: 'ns', uid: 'd-uid', generation: 1 },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: structuredClone(template), progressDeadlineSeconds: 600, revisionHistoryLimit: 10 },
    status: {},
  };
}

/** A client whose ReplicaSet creates answer `createError` (when set) and which records every write. */
function fakeClient(createError?: Error): { client: RestClient; writes: { resource: string; verb: string; body: unknown }[] } {
  const writes: { resource: string; verb: string; body: unknown }[] = [];
  const client = {
    resource: (type: ResourceType) => {
      const rc = {
        namespace: () => rc,
        create: async (obj: unknown) => {
          writes.push({ resource: type.resource, verb: 'create', body: obj });
          if (createError !== undefined) throw createError;
          return { ...(obj as object), metadata: { ...(obj as ReplicaSet).metadata, uid: 'rs-uid' } };
        },
        update: async (obj: unknown) => {
          writes.push({ resource: type.resource, verb: 'update', body: structuredClone(obj) });
          return obj;
        },
        patch: async (_name: string, _type: string, body: unknown) => {
          writes.push({ resource: type.resource, verb: 'patch', body });
          return {};
        },
      };
      return rc;
    },
  } as unknown as RestClient;
  return { client, writes };
}

test('a new ReplicaSet is named after the template hash, labelled, selected and annotated', async () => {
  const { client, writes } = fakeClient();
  const s = new Syncer({ client, clock: new FakeClock(), cachedReplicaSet: () => undefined, enqueueAfter: () => undefined });
  const d = deployment();
  const { newRS } = await s.getAllReplicaSetsAndSyncRevision(d, [], true);
  const hash = computeHash(template);
  assert.equal(newRS?.metadata?.name, `web-${hash}`);
  assert.equal(newRS?.spec?.template?.metadata?.labels?.['pod-template-hash'], hash);
  assert.deepEqual(newRS?.spec?.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
  assert.equal(newRS?.spec?.replicas, 3);
  assert.deepEqual(newRS?.metadata?.annotations, {
    'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4',
  });
  const status = writes.find((w) => w.resource === 'deployments' && w.verb === 'update')?.body as Deployment;
  assert.equal(status.status?.conditions?.[0]?.reason, 'NewReplicaSetCreated');
  assert.equal(status.status?.conditions?.[0]?.message, `Created new replica set "web-${hash}"`);
  assert.ok(writes.some((w) => w.verb === 'patch'), 'the revision annotation is recorded on the Deployment');
});

test('a name taken by a different template bumps collisionCount', async () => {
  const taken = Object.assign(new Error('already exists'), { code: 409 });
  const { client, writes } = fakeClient(taken);
  const other: ReplicaSet = {
    metadata: { name: `web-${computeHash(template)}`, uid: 'x', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }] },
    spec: { selector: {}, template: { ...template, spec: { containers: [{ name: 'c', image: 'other' }] } } },
  };
  const s = new Syncer({ client, clock: new FakeClock(), cachedReplicaSet: () => other, enqueueAfter: () => undefined });
  await assert.rejects(s.getAllReplicaSetsAndSyncRevision(deployment(), [], true));
  const status = writes.find((w) => w.resource === 'deployments' && w.verb === 'update')?.body as Deployment;
  assert.equal(status.status?.collisionCount, 1);
  assert.notEqual(computeHash(template, 1), computeHash(template));
});

test('an existing new ReplicaSet is re-annotated through a copy: the cached object is left as it was', async () => {
  const { client, writes } = fakeClient();
  const s = new Syncer({ client, clock: new FakeClock(), cachedReplicaSet: () => undefined, enqueueAfter: () => undefined });
  const d = deployment();
  (d.metadata ??= {}).annotations = { team: 'web' };
  if (d.spec !== undefined) d.spec.minReadySeconds = 5;
  const cached: ReplicaSet = {
    metadata: { name: 'web-abc', namespace: 'ns', uid: 'rs-uid', creationTimestamp: '2026-01-01T00:00:00Z', annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { ...structuredClone(template), metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } } },
  };
  const before = structuredClone(cached);
  const { newRS } = await s.getAllReplicaSetsAndSyncRevision(d, [cached], false);
  assert.deepEqual(cached, before, 'the cached ReplicaSet is unchanged');
  const update = writes.find((w) => w.resource === 'replicasets' && w.verb === 'update')?.body as ReplicaSet;
  assert.equal(update.metadata?.annotations?.team, 'web', "the Deployment's annotations are copied");
  assert.equal(update.spec?.minReadySeconds, 5);
  assert.equal(newRS?.metadata?.name, 'web-abc');
});

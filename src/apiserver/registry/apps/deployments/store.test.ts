// Deployments through the generic store: defaults, generation, immutable selector, status.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StatusError } from '../../../../api/status.ts';
import type { Deployment } from '../../../../api/types/apps/v1/index.ts';
import type { GenericStore, RequestScope } from '../../generic-store.ts';
import { openTestRegistry, type TestRegistry } from '../../test-registry.fixture.ts';
import { deployments } from './strategy.ts';

let registry: TestRegistry;
let deploymentStore: GenericStore<Deployment>;
const scope: RequestScope = { namespace: 'default', dryRun: false };

before(async () => {
  registry = await openTestRegistry();
  deploymentStore = registry.storeFor(deployments);
});

after(async () => {
  await registry.close();
});

const web: Deployment = {
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  },
};

function rejects422(promise: Promise<unknown>, message: string): Promise<void> {
  return assert.rejects(promise, (e: unknown) => e instanceof StatusError && e.code === 422 && e.message === message);
}

test('create defaults the deployment and starts at generation 1 with an empty status', async () => {
  const d = await deploymentStore.create(scope, { ...web, status: { replicas: 9 } });
  assert.deepEqual([d.spec?.replicas, d.spec?.strategy?.type, d.metadata?.generation], [1, 'RollingUpdate', 1]);
  assert.deepEqual(d.status, {});
});

test('spec and annotation changes bump generation; the selector stays', async () => {
  let d = await deploymentStore.get(scope, 'web');
  d = (await deploymentStore.update(scope, 'web', { ...d, spec: { ...d.spec, replicas: 3 } as NonNullable<Deployment['spec']> })).object;
  assert.equal(d.metadata?.generation, 2);
  d = (await deploymentStore.update(scope, 'web', { ...d, metadata: { ...d.metadata, annotations: { note: 'x' } } })).object;
  assert.equal(d.metadata?.generation, 3);
  d = (await deploymentStore.update(scope, 'web', { ...d, metadata: { ...d.metadata, labels: { team: 'a' } } })).object;
  assert.equal(d.metadata?.generation, 3, 'labels do not count');
  const moved = { ...d.spec, selector: { matchLabels: { app: 'api' } } } as NonNullable<Deployment['spec']>;
  moved.template = { ...moved.template, metadata: { labels: { app: 'api' } } };
  await rejects422(deploymentStore.update(scope, 'web', { ...d, spec: moved }),
    'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"api"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
});

test('the status subresource validates counts', async () => {
  const d = await deploymentStore.get(scope, 'web');
  const updated = await deploymentStore.update(scope, 'web', { ...d, status: { replicas: 3, readyReplicas: 3, availableReplicas: 3 } }, { subresource: 'status' });
  assert.deepEqual(updated.object.status, { replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  await rejects422(deploymentStore.update(scope, 'web', { ...updated.object, status: { replicas: 1, readyReplicas: 2, availableReplicas: 1 } }, { subresource: 'status' }),
    'Deployment.apps "web" is invalid: status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas');
});

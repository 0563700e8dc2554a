import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../../../api/clock.ts';
import { StatusError } from '../../../../api/status.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../api/types/core/v1/index.ts';
import type { GenericStore, RequestScope } from '../../generic-store.ts';
import { createPersistentVolumesDef } from '../persistentvolumes/strategy.ts';
import { openTestRegistry, type TestRegistry } from '../../test-registry.fixture.ts';
import { persistentvolumeclaims } from './strategy.ts';

const cluster: RequestScope = { namespace: '', dryRun: false };
const ns: RequestScope = { namespace: 'default', dryRun: false };
const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
let registry: TestRegistry;
let pvs: GenericStore<PersistentVolume>;
let pvcs: GenericStore<PersistentVolumeClaim>;

before(async () => {
  registry = await openTestRegistry();
  pvs = registry.storeFor(createPersistentVolumesDef(clock));
  pvcs = registry.storeFor(persistentvolumeclaims);
});

after(async () => {
  await registry.close();
});

test('a volume and a claim, bound and expanded through the generic store', async () => {
  const pv = await pvs.create(cluster, { metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/srv/pv1' } } });
  assert.equal(pv.metadata?.namespace, undefined);
  assert.deepEqual([pv.spec?.persistentVolumeReclaimPolicy, pv.spec?.volumeMode], ['Retain', 'Filesystem']);
  assert.deepEqual(pv.status, { phase: 'Pending', lastPhaseTransitionTime: '2026-01-01T00:00:00Z' });
  await assert.rejects(pvs.create(cluster, { metadata: { name: 'pv2' }, spec: { accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } } }),
    (e: unknown) => e instanceof StatusError && e.code === 422
      && e.message === 'PersistentVolume "pv2" is invalid: [spec.capacity: Required value, spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"]');

  const pvc = await pvcs.create(ns, { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
  assert.deepEqual(pvc.status, { phase: 'Pending' });
  assert.equal(pvc.spec?.volumeMode, 'Filesystem');

  // The volume controller binds: volumeName once, then status.
  const { object: named } = await pvcs.update(ns, 'data', { ...pvc, spec: { ...pvc.spec, volumeName: 'pv1' } });
  const { object: bound } = await pvcs.update(ns, 'data', { ...named, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } }, { subresource: 'status' });
  assert.equal(bound.status?.phase, 'Bound');
  await assert.rejects(pvcs.update(ns, 'data', { ...bound, spec: { ...bound.spec, volumeName: 'pv9' } }),
    (e: unknown) => e instanceof StatusError && e.code === 422 && e.message.startsWith('PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n'));
  const { object: grown } = await pvcs.update(ns, 'data', { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '2Gi' } } } });
  assert.deepEqual(grown.spec?.resources, { requests: { storage: '2Gi' } });

  clock.advance(5000);
  const stored = await pvs.get(cluster, 'pv1');
  const { object: available } = await pvs.update(cluster, 'pv1', { ...stored, status: { phase: 'Bound' } }, { subresource: 'status' });
  assert.deepEqual(available.status, { phase: 'Bound', lastPhaseTransitionTime: '2026-01-01T00:00:05Z' });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../../../api/clock.ts';
import { StatusError } from '../../../../api/status.ts';
import type { Pod } from '../../../../api/types/core/v1/index.ts';
import { WatchCache } from '../../../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../../../storage/sqlite/sqlite-store.ts';
import { GenericStore, type RequestScope } from '../../generic-store.ts';
import { keys } from '../../resource.ts';
import { bindPod } from './binding.ts';
import { podGracePeriodSeconds, pods, podSelectableFields } from './strategy.ts';

test('grace period: the request, else the pod; at once when never scheduled or finished', () => {
  const scheduled: Pod = { spec: { containers: [], nodeName: 'n1', terminationGracePeriodSeconds: 30 } };
  const cases: Array<[string, Pod, number | undefined, number]> = [
    ['pod default', scheduled, undefined, 30],
    ['request wins', scheduled, 5, 5],
    ['request zero', scheduled, 0, 0],
    ['negative means 1', scheduled, -3, 1],
    ['never scheduled', { spec: { containers: [], terminationGracePeriodSeconds: 30 } }, 10, 0],
    ['succeeded', { ...scheduled, status: { phase: 'Succeeded' } }, undefined, 0],
    ['failed', { ...scheduled, status: { phase: 'Failed' } }, 10, 0],
  ];
  for (const [name, pod, requested, expected] of cases) {
    assert.equal(podGracePeriodSeconds(pod, requested === undefined ? {} : { gracePeriodSeconds: requested }), expected, name);
  }
});

test('selectable fields', () => {
  const pod: Pod = {
    spec: { containers: [], nodeName: 'n1', restartPolicy: 'Never', schedulerName: 'default-scheduler', serviceAccountName: 'default', hostNetwork: true },
    status: { phase: 'Running', podIPs: [{ ip: '10.42.0.7' }, { ip: 'fd00::7' }], nominatedNodeName: 'n2' },
  };
  assert.deepEqual(podSelectableFields(pod), {
    'spec.nodeName': 'n1', 'spec.restartPolicy': 'Never', 'spec.schedulerName': 'default-scheduler', 'spec.serviceAccountName': 'default',
    'spec.hostNetwork': 'true', 'status.phase': 'Running', 'status.podIP': '10.42.0.7', 'status.nominatedNodeName': 'n2',
  });
  assert.equal(podSelectableFields({ spec: { containers: [] } })['spec.hostNetwork'], 'false');
});

test('the resource as discovery describes it', () => {
  assert.deepEqual([pods.resource, pods.kind, pods.shortNames, pods.categories, pods.namespaced], ['pods', 'Pod', ['po'], ['all'], true]);
  assert.deepEqual(pods.subresources?.map((s) => s.name), ['binding', 'eviction', 'ephemeralcontainers', 'log', 'exec', 'attach', 'portforward', 'proxy', 'resize']);
  assert.equal(pods.strategy.returnDeletedObject, true);
});

let dir: string;
let sqlite: SqliteStore;
let podStore: GenericStore<Pod>;
const stop = new AbortController();
const clock = new FakeClock(Date.parse('2025-05-01T12:00:00Z'));
const ns: RequestScope = { namespace: 'default', dryRun: false };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-pods-'));
  sqlite = await SqliteStore.open(join(dir, 'state.db'));
  const cache = new WatchCache(sqlite, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => podStore.decodeStored(kv) });
  podStore = new GenericStore(pods, { store: sqlite, cache, clock });
  void cache.run(stop.signal);
  await cache.ready();
});

after(async () => {
  stop.abort();
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejectsStatus(promise: Promise<unknown>, code: number, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof StatusError && e.code === code && message.test(e.message));
}

const web = (): Pod => ({ metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '1Gi' } } }] } });

test('through the generic store: create, update, status, bind, delete', async () => {
  const created = await podStore.create(ns, { ...web(), status: { phase: 'Running' } });
  assert.deepEqual(created.status, { phase: 'Pending', qosClass: 'Guaranteed' }, 'create decides the status');
  assert.equal(created.metadata?.generation, 1);
  assert.equal(created.spec?.serviceAccountName, 'default');
  assert.deepEqual(created.spec?.containers[0]?.resources?.requests, { cpu: '1', memory: '1Gi' });

  const image = structuredClone(created);
  (image.spec?.containers[0] ?? { name: '' }).image = 'nginx:1.28';
  const { object: updated } = await podStore.update(ns, 'web', image);
  assert.equal(updated.metadata?.generation, 2);
  const command = structuredClone(updated);
  (command.spec?.containers[0] ?? { name: '' }).command = ['sh'];
  await rejectsStatus(podStore.update(ns, 'web', command), 422, /^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);

  const { object: running } = await podStore.update(ns, 'web', { ...updated, status: { phase: 'Running', podIPs: [{ ip: '10.42.0.9' }] } }, { subresource: 'status' });
  assert.deepEqual(running.status, { phase: 'Running', podIPs: [{ ip: '10.42.0.9' }], qosClass: 'Guaranteed' }, 'the QoS class survives a status write');
  await rejectsStatus(podStore.update(ns, 'web', { ...running, status: { ...running.status, qosClass: 'BestEffort' } }, { subresource: 'status' }), 422,
    /status.qosClass: Invalid value: "BestEffort": field is immutable/);

  await bindPod(podStore, ns, 'web', { metadata: { name: 'web', annotations: { 'example.com/scheduled-by': 'test' } }, target: { kind: 'Node', name: 'node-1' } }, clock);
  const bound = await podStore.get(ns, 'web');
  assert.equal(bound.spec?.nodeName, 'node-1');
  assert.equal(bound.metadata?.annotations?.['example.com/scheduled-by'], 'test');
  assert.deepEqual(bound.status?.conditions, [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-05-01T12:00:00Z' }]);
  await rejectsStatus(bindPod(podStore, ns, 'web', { metadata: { name: 'web' }, target: { name: 'node-2' } }), 409,
    /^Operation cannot be fulfilled on pods\/binding "web": pod web is already assigned to node "node-1"$/);
  await rejectsStatus(bindPod(podStore, ns, 'gone', { metadata: { name: 'gone' }, target: { name: 'node-2' } }), 404, /^pods "gone" not found$/);
  await rejectsStatus(bindPod(podStore, ns, 'web', { metadata: { name: 'web' }, target: { kind: 'Pod', name: 'x' } }), 500,
    /^target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"$/);
  await rejectsStatus(bindPod(podStore, ns, 'web', { metadata: { name: 'other' }, target: { name: 'x' } }), 400, /name in URL does not match name in Binding object/);

  const graceful = await podStore.delete(ns, 'web', {});
  assert.equal(graceful.deleted, false, 'a scheduled pod waits for its kubelet');
  assert.equal(graceful.object.metadata?.deletionGracePeriodSeconds, 30);
  assert.equal(graceful.object.metadata?.deletionTimestamp, '2025-05-01T12:00:30Z');
  const forced = await podStore.delete(ns, 'web', { gracePeriodSeconds: 0 });
  assert.equal(forced.deleted, true);

  await podStore.create(ns, { metadata: { name: 'unscheduled' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } });
  assert.equal((await podStore.delete(ns, 'unscheduled', {})).deleted, true, 'a pod no kubelet runs goes at once');
});

test('gated pods are created with the SchedulingGated condition and cannot be bound', async () => {
  const gated = await podStore.create(ns, { metadata: { name: 'gated' }, spec: { schedulingGates: [{ name: 'example.com/quota' }], containers: [{ name: 'a', image: 'a:1' }] } });
  assert.deepEqual(gated.status?.conditions, [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }]);
  assert.equal(gated.status?.qosClass, 'BestEffort');
  await rejectsStatus(bindPod(podStore, ns, 'gated', { metadata: { name: 'gated' }, target: { name: 'n' } }), 409, /pod gated has non-empty .spec.schedulingGates/);
});

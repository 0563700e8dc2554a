// VolumeBinding's Reserve, PreBind and Unreserve over a fake API and a FakeClock: what is
// written, what the next cycles see meanwhile, and when the binding cycle gives up.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../../api/clock.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core/v1/index.ts';
import type { StorageClass } from '../../../api/types/storage/v1/index.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import type { Status } from '../../framework/status.ts';
import { fakeApi, fakeHandle, framework, makeNode, makePod, snapshot, type FakeVolumes } from '../../testing.fixture.ts';

const HOST = 'kubernetes.io/hostname';
const NO_PV = 'node(s) didn\'t find available persistent volumes to bind';
const SELECTED = 'volume.kubernetes.io/selected-node';

const claim = (name: string, cls: string): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '10' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: cls },
  status: { phase: 'Pending' },
});
const volume = (name: string, host: string, size = '5Gi'): PersistentVolume => ({
  metadata: { name, resourceVersion: '20' },
  spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'local', local: { path: `/mnt/${name}` },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: HOST, operator: 'In', values: [host] }] }] } } },
  status: { phase: 'Available' },
});
const classes: StorageClass[] = [
  { metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' },
  { metadata: { name: 'csi' }, provisioner: 'csi.example.com', volumeBindingMode: 'WaitForFirstConsumer' },
];
const podWith = (name: string, claimName: string): Pod => makePod(name, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] });

/** One pod through PreFilter, Filter on every node, Reserve on `node`; the binding cycle started. */
function setup(o: { claims: PersistentVolumeClaim[]; volumes?: PersistentVolume[]; timeout?: number; failUpdates?: string; node?: string }) {
  const vols: FakeVolumes = { claims: o.claims, volumes: o.volumes ?? [], classes, pods: [] };
  const clock = new FakeClock();
  const api = fakeApi(vols, o.failUpdates);
  const fwk = framework(o.timeout === undefined ? {} : { pluginConfig: [{ name: 'VolumeBinding', args: { bindTimeoutSeconds: o.timeout } }] },
    fakeHandle({ volumes: vols, clock, api }));
  const snap = snapshot([makeNode('a'), makeNode('b')]);
  const filter = (pod: Pod, state = new CycleState(snap)): Record<string, string> => {
    const pre = fwk.runPreFilter(state, pod);
    return Object.fromEntries(snap.nodes.map((n) => [n.name, (pre.status.code === 'Success' ? fwk.runFilter(state, pod, n) : pre.status).reasons.join(', ')]));
  };
  const pod = podWith('p', o.claims[0]?.metadata?.name ?? '');
  vols.pods?.push(pod);
  const state = new CycleState(snap);
  filter(pod, state);
  const node = o.node ?? 'b';
  const assumed: Pod = { ...pod, spec: { ...pod.spec, containers: [], nodeName: node } };
  assert.equal(fwk.runReserve(state, assumed, node).code, 'Success');
  const stop = new AbortController();
  let result: Status | undefined;
  const binding = fwk.runBindingCycle(state, assumed, node, stop.signal).then((s) => { result = s; });
  const unreserve = (): void => fwk.runUnreserve(state, assumed, node);
  return { vols, clock, api, filter, stop, binding, unreserve, result: () => result };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Plays the PV controller: the claim is bound to `pv` and marked bind-completed. */
function bindClaim(vols: FakeVolumes, name: string, pv: string): void {
  const i = (vols.claims ?? []).findIndex((c) => c.metadata?.name === name);
  const c = vols.claims?.[i] as PersistentVolumeClaim;
  (vols.claims as PersistentVolumeClaim[])[i] = { ...c, metadata: { ...c.metadata, resourceVersion: '99', annotations: { ...c.metadata?.annotations, 'pv.kubernetes.io/bind-completed': 'yes' } },
    spec: { ...c.spec, volumeName: pv }, status: { phase: 'Bound' } };
}

test('static binding: Reserve takes the smallest fitting PV from later cycles; PreBind writes its claimRef and waits for the claim to bind', async () => {
  const t = setup({ claims: [claim('c', 'local'), claim('other', 'local')], volumes: [volume('big', 'b', '10Gi'), volume('small', 'b', '2Gi')] });
  await settle();
  assert.deepEqual(t.api.updated, ['pv/small']);
  const written = t.vols.volumes?.find((v) => v.metadata?.name === 'small');
  assert.deepEqual(written?.spec?.claimRef, { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: 'c', uid: 'uid-c', resourceVersion: '10' });
  assert.equal(written?.metadata?.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
  t.clock.advance(3000);
  await settle();
  assert.equal(t.result(), undefined, 'still waiting for the claim to bind');
  bindClaim(t.vols, 'c', 'small');
  t.clock.advance(1000);
  await t.binding;
  assert.equal(t.result()?.code, 'Success');
  assert.deepEqual(t.api.bound, [['p', 'b']]);
});

test('a PV assumed by Reserve is not offered to another pod until Unreserve gives it back', () => {
  const t = setup({ claims: [claim('c', 'local'), claim('other', 'local')], volumes: [volume('only', 'b')], failUpdates: 'rejected', timeout: 1 });
  const next = podWith('q', 'other');
  assert.deepEqual(t.filter(next), { a: NO_PV, b: NO_PV });
  t.unreserve();
  assert.deepEqual(t.filter(next), { a: NO_PV, b: '' });
});

test('dynamic provisioning: PreBind annotates the claim with the node and waits; a provisioner giving up fails the binding', async () => {
  const t = setup({ claims: [claim('c', 'csi')], node: 'a' });
  await settle();
  assert.deepEqual(t.api.updated, ['pvc/default/c']);
  assert.equal(t.vols.claims?.[0]?.metadata?.annotations?.[SELECTED], 'a');
  // The provisioner failed: it removes the annotation so the scheduler retries elsewhere.
  const c = t.vols.claims?.[0] as PersistentVolumeClaim;
  (t.vols.claims as PersistentVolumeClaim[])[0] = { ...c, metadata: { ...c.metadata, resourceVersion: '2000', annotations: {} } };
  t.clock.advance(1000);
  await t.binding;
  assert.deepEqual(t.result(), { code: 'Error', reasons: ['running PreBind plugin "VolumeBinding": provisioning failed for PVC "c"'], plugin: 'VolumeBinding' });
  assert.deepEqual(t.api.bound, []);
});

test('PreBind gives up after bindTimeoutSeconds, when the scheduler stops, or when the pod is deleted', async () => {
  const cases: { name: string; act: (t: ReturnType<typeof setup>) => void; want: string }[] = [
    { name: 'timeout', act: (t) => { for (let i = 0; i < 5; i++) t.clock.advance(1000); }, want: 'binding volumes: context deadline exceeded' },
    { name: 'abort', act: (t) => t.stop.abort(), want: 'binding volumes: context canceled' },
    { name: 'pod deleted', act: (t) => { t.vols.pods?.splice(0); t.clock.advance(1000); }, want: 'pod does not exist any more: pods "p" not found' },
  ];
  for (const c of cases) {
    const t = setup({ claims: [claim('c', 'local')], volumes: [volume('pv', 'b')], timeout: 5 });
    await settle();
    c.act(t);
    await t.binding;
    assert.deepEqual(t.result()?.reasons, [`running PreBind plugin "VolumeBinding": ${c.want}`], c.name);
  }
});

test('a failed PV write fails the binding cycle and gives the PV back', async () => {
  const t = setup({ claims: [claim('c', 'local'), claim('other', 'local')], volumes: [volume('only', 'b')], failUpdates: 'persistentvolumes "only" is forbidden' });
  await t.binding;
  assert.deepEqual(t.result(), { code: 'Error', reasons: ['running PreBind plugin "VolumeBinding": persistentvolumes "only" is forbidden'], plugin: 'VolumeBinding' });
  assert.deepEqual(t.filter(podWith('q', 'other')), { a: NO_PV, b: '' });
});

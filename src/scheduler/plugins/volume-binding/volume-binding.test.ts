import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core/v1/index.ts';
import type { StorageClass } from '../../../api/types/storage/v1/index.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import type { Framework } from '../../framework/framework.ts';
import type { Snapshot } from '../../framework/snapshot.ts';
import { fakeHandle, framework, makeNode, makePod, snapshot, type FakeVolumes } from '../../testing.fixture.ts';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const nodes = [makeNode('a', { labels: { [ZONE]: 'a' } }), makeNode('b', { labels: { [ZONE]: 'b' } })];
const withClaims = (...claims: string[]): Pod => makePod('p', { volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) });
const BOUND = { 'pv.kubernetes.io/bind-completed': 'yes' };

interface ClaimOptions { cls?: string; volumeName?: string; size?: string; deleting?: boolean; annotations?: Record<string, string>; lost?: boolean }
const claim = (name: string, o: ClaimOptions = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '10',
    ...(o.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}), ...(o.annotations === undefined ? {} : { annotations: o.annotations }) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '1Gi' } },
    ...(o.cls === undefined ? {} : { storageClassName: o.cls }), ...(o.volumeName === undefined ? {} : { volumeName: o.volumeName }) },
  status: { phase: o.lost === true ? 'Lost' : 'Pending' },
});
interface VolumeOptions { cls?: string; size?: string; phase?: 'Available' | 'Pending' | 'Bound' | 'Released'; claimRef?: string; hostAffinity?: boolean }
const volume = (name: string, where: string, o: VolumeOptions = {}): PersistentVolume => ({
  metadata: { name, resourceVersion: '20' },
  spec: { capacity: { storage: o.size ?? '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: o.cls ?? 'local', hostPath: { path: `/v/${name}` },
    ...(o.claimRef === undefined ? {} : { claimRef: { namespace: 'default', name: o.claimRef } }),
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: o.hostAffinity === true ? HOST : ZONE, operator: 'In', values: [where] }] }] } } },
  status: { phase: o.phase ?? 'Available' },
});
const cls = (name: string, mode: 'Immediate' | 'WaitForFirstConsumer' | undefined, provisioner = 'kubernetes.io/no-provisioner', zones?: string[]): StorageClass => ({
  metadata: { name }, provisioner, ...(mode === undefined ? {} : { volumeBindingMode: mode }),
  ...(zones === undefined ? {} : { allowedTopologies: [{ matchLabelExpressions: [{ key: ZONE, values: zones }] }] }),
});
const WFFC = cls('local', 'WaitForFirstConsumer');

/** PreFilter (with its node narrowing) and Filter per node: node → first rejection ('' = fits). */
function statuses(fwk: Framework, snap: Snapshot, pod: Pod): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of snap.nodes) {
    const s = fwk.runPreFilterAndFilter(new CycleState(snap), pod, n);
    out[n.name] = s.code === 'Error' ? `Error: ${s.reasons.join(', ')}` : s.reasons.join(', ');
  }
  return out;
}

test('VolumeBinding PreFilter and Filter', () => {
  const NO_PV = 'node(s) didn\'t find available persistent volumes to bind';
  const IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
  const both = (s: string): Record<string, string> => ({ a: s, b: s });
  const ephemeralPod = makePod('e', { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } }] });
  const cases: { name: string; pod: Pod; volumes: FakeVolumes; want: Record<string, string> }[] = [
    { name: 'no claims: any node', pod: makePod('p'), volumes: {}, want: both('') },
    { name: 'claim not found', pod: withClaims('gone'), volumes: {}, want: both('persistentvolumeclaim "gone" not found') },
    { name: 'ephemeral claim not created yet', pod: ephemeralPod, volumes: {}, want: both('waiting for ephemeral volume controller to create the persistentvolumeclaim "e-scratch"') },
    { name: 'ephemeral claim of another pod', pod: ephemeralPod, volumes: { claims: [claim('e-scratch')] }, want: both('PVC default/e-scratch was not created for pod default/e (pod is not owner)') },
    { name: 'claim being deleted', pod: withClaims('c'), volumes: { claims: [claim('c', { deleting: true })] }, want: both('persistentvolumeclaim "c" is being deleted') },
    { name: 'claim lost', pod: withClaims('c'), volumes: { claims: [claim('c', { lost: true, volumeName: 'x' })] }, want: both('persistentvolumeclaim "c" bound to non-existent persistentvolume "x"') },
    { name: 'unbound claim without a class', pod: withClaims('c'), volumes: { claims: [claim('c')] }, want: both(IMMEDIATE) },
    { name: 'unbound claim of a class that does not exist', pod: withClaims('c'), volumes: { claims: [claim('c', { cls: 'nope' })] }, want: both(IMMEDIATE) },
    { name: 'unbound Immediate claim', pod: withClaims('c'), volumes: { claims: [claim('c', { cls: 'fast' })], classes: [cls('fast', 'Immediate')] }, want: both(IMMEDIATE) },
    { name: 'pre-bound claim the PV controller has not finished', pod: withClaims('c'), volumes: { claims: [claim('c', { cls: 'local', volumeName: 'pv-a' })], classes: [WFFC], volumes: [volume('pv-a', 'a')] },
      want: both(IMMEDIATE) },
    { name: 'a class without a binding mode is an error', pod: withClaims('c'), volumes: { claims: [claim('c', { cls: 'odd' })], classes: [cls('odd', undefined)] },
      want: both('Error: VolumeBindingMode not set for StorageClass "odd"') },
    { name: 'bound claim: only where its PV is reachable', pod: withClaims('c'), volumes: { claims: [claim('c', { volumeName: 'pv-a', annotations: BOUND })], volumes: [volume('pv-a', 'a')] },
      want: { a: '', b: 'node(s) had volume node affinity conflict' } },
    { name: 'bound claim of a hostname-pinned PV: PreFilter narrows the nodes', pod: withClaims('c'),
      volumes: { claims: [claim('c', { volumeName: 'pv-a', annotations: BOUND })], volumes: [volume('pv-a', 'a', { hostAffinity: true })] },
      want: { a: '', b: 'node(s) didn\'t satisfy plugin(s) [VolumeBinding]' } },
    { name: 'bound to a PV that does not exist', pod: withClaims('c'), volumes: { claims: [claim('c', { volumeName: 'nope', annotations: BOUND })] },
      want: both('node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)') },
    { name: 'WaitForFirstConsumer: a node with an available matching PV', pod: withClaims('c'),
      volumes: { claims: [claim('c', { cls: 'local' })], classes: [WFFC], volumes: [volume('pv-b', 'b')] }, want: { a: NO_PV, b: '' } },
    { name: 'WaitForFirstConsumer: a PV not yet Available does not match', pod: withClaims('c'),
      volumes: { claims: [claim('c', { cls: 'local' })], classes: [WFFC], volumes: [volume('pv-b', 'b', { phase: 'Pending' })] }, want: both(NO_PV) },
    { name: 'WaitForFirstConsumer: PVs too small, of another class or claimed by another claim do not match', pod: withClaims('c'),
      volumes: { claims: [claim('c', { cls: 'local', size: '10Gi' })], classes: [WFFC],
        volumes: [volume('small', 'a'), volume('other', 'b', { cls: 'x', size: '20Gi' }), volume('taken', 'b', { size: '20Gi', claimRef: 'someone-else' })] },
      want: both(NO_PV) },
    { name: 'WaitForFirstConsumer: a PV pre-bound to the claim matches where reachable, whatever its phase', pod: withClaims('c'),
      volumes: { claims: [claim('c', { cls: 'local' })], classes: [WFFC], volumes: [volume('mine', 'a', { claimRef: 'c', phase: 'Bound' }), volume('free', 'b')] },
      want: { a: '', b: NO_PV } },
    { name: 'WaitForFirstConsumer: two claims cannot share one PV', pod: withClaims('c1', 'c2'),
      volumes: { claims: [claim('c1', { cls: 'local' }), claim('c2', { cls: 'local' })], classes: [WFFC], volumes: [volume('pv-b', 'b')] }, want: both(NO_PV) },
    { name: 'WaitForFirstConsumer with a provisioner: any node', pod: withClaims('c'),
      volumes: { claims: [claim('c', { cls: 'csi' })], classes: [cls('csi', 'WaitForFirstConsumer', 'csi.example.com')] }, want: both('') },
    { name: 'WaitForFirstConsumer with a provisioner limited to zone a', pod: withClaims('c'),
      volumes: { claims: [claim('c', { cls: 'csi' })], classes: [cls('csi', 'WaitForFirstConsumer', 'csi.example.com', ['a'])] }, want: { a: '', b: NO_PV } },
    { name: 'a claim whose node was already selected fits that node only', pod: withClaims('c'),
      volumes: { claims: [claim('c', { cls: 'csi', annotations: { 'volume.kubernetes.io/selected-node': 'b' } })], classes: [cls('csi', 'WaitForFirstConsumer', 'csi.example.com')] },
      want: { a: NO_PV, b: '' } },
  ];
  for (const c of cases) assert.deepEqual(statuses(framework({}, fakeHandle({ volumes: c.volumes })), snapshot(nodes), c.pod), c.want, c.name);
});

test('VolumeBindingArgs: bindTimeoutSeconds must not be negative', () => {
  const config = (args: unknown) => ({ pluginConfig: [{ name: 'VolumeBinding', args }] });
  assert.throws(() => framework(config({ bindTimeoutSeconds: -1 })), /invalid BindTimeoutSeconds, should not be a negative value/);
  assert.doesNotThrow(() => framework(config({ bindTimeoutSeconds: 0 })));
});

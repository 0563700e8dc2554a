import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core/v1/index.ts';
import type { StorageClass } from '../../../api/types/storage/v1/index.ts';
import { fakeHandle, filterAll, framework, makeNode, makePod, snapshot, type FakeVolumes } from '../../testing.fixture.ts';

const ZONE = 'topology.kubernetes.io/zone';
const nodes = [makeNode('a', { labels: { [ZONE]: 'a' } }), makeNode('b', { labels: { [ZONE]: 'b' } })];
const withClaim = (claim: string): Pod => makePod('p', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] });
const claim = (name: string, o: { cls?: string; volumeName?: string; size?: string; deleting?: boolean } = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(o.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '1Gi' } },
    ...(o.cls === undefined ? {} : { storageClassName: o.cls }), ...(o.volumeName === undefined ? {} : { volumeName: o.volumeName }) },
});
const volume = (name: string, zone: string, o: { cls?: string; size?: string } = {}): PersistentVolume => ({
  metadata: { name },
  spec: { capacity: { storage: o.size ?? '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: o.cls ?? 'local', hostPath: { path: `/v/${name}` },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [zone] }] }] } } },
});
const cls = (name: string, mode: 'Immediate' | 'WaitForFirstConsumer', provisioner = 'kubernetes.io/no-provisioner'): StorageClass => ({
  metadata: { name }, provisioner, volumeBindingMode: mode,
});

test('VolumeBinding: missing, deleted and unbound-immediate claims; PV node affinity; delayed binding', () => {
  const cases: { name: string; pod: Pod; volumes: FakeVolumes; want: Record<string, string> }[] = [
    { name: 'no claims: any node', pod: makePod('p'), volumes: {}, want: { a: '', b: '' } },
    { name: 'claim not found', pod: withClaim('gone'), volumes: {}, want: { a: 'persistentvolumeclaim "gone" not found', b: 'persistentvolumeclaim "gone" not found' } },
    { name: 'claim being deleted', pod: withClaim('c'), volumes: { claims: [claim('c', { deleting: true })] },
      want: { a: 'persistentvolumeclaim "c" is being deleted', b: 'persistentvolumeclaim "c" is being deleted' } },
    { name: 'unbound claim without a class waits for the PV controller', pod: withClaim('c'), volumes: { claims: [claim('c')] },
      want: { a: 'pod has unbound immediate PersistentVolumeClaims', b: 'pod has unbound immediate PersistentVolumeClaims' } },
    { name: 'unbound Immediate claim', pod: withClaim('c'), volumes: { claims: [claim('c', { cls: 'fast' })], classes: [cls('fast', 'Immediate')] },
      want: { a: 'pod has unbound immediate PersistentVolumeClaims', b: 'pod has unbound immediate PersistentVolumeClaims' } },
    { name: 'bound claim: only where its PV is reachable', pod: withClaim('c'), volumes: { claims: [claim('c', { volumeName: 'pv-a' })], volumes: [volume('pv-a', 'a')] },
      want: { a: '', b: 'node(s) had volume node affinity conflict' } },
    { name: 'bound to a PV that does not exist', pod: withClaim('c'), volumes: { claims: [claim('c', { volumeName: 'nope' })] },
      want: { a: 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)', b: 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)' } },
    { name: 'WaitForFirstConsumer: a node with a matching local PV', pod: withClaim('c'),
      volumes: { claims: [claim('c', { cls: 'local' })], classes: [cls('local', 'WaitForFirstConsumer')], volumes: [volume('pv-b', 'b')] },
      want: { a: 'node(s) didn\'t find available persistent volumes to bind', b: '' } },
    { name: 'WaitForFirstConsumer: PVs too small or of another class do not match', pod: withClaim('c'),
      volumes: { claims: [claim('c', { cls: 'local', size: '10Gi' })], classes: [cls('local', 'WaitForFirstConsumer')], volumes: [volume('small', 'a'), volume('other', 'b', { cls: 'x', size: '20Gi' })] },
      want: { a: 'node(s) didn\'t find available persistent volumes to bind', b: 'node(s) didn\'t find available persistent volumes to bind' } },
    { name: 'WaitForFirstConsumer with a provisioner: any node', pod: withClaim('c'),
      volumes: { claims: [claim('c', { cls: 'csi' })], classes: [cls('csi', 'WaitForFirstConsumer', 'csi.example.com')] }, want: { a: '', b: '' } },
  ];
  for (const c of cases) assert.deepEqual(filterAll(framework({}, fakeHandle({ volumes: c.volumes })), snapshot(nodes), c.pod), c.want, c.name);
});

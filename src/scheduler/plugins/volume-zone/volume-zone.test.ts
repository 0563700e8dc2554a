import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core/v1/index.ts';
import { fakeHandle, filterAll, framework, makeNode, makePod, snapshot } from '../../testing.fixture.ts';

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const nodes = [
  makeNode('a', { labels: { [ZONE]: 'z-a', [REGION]: 'r1' } }),
  makeNode('b', { labels: { [ZONE]: 'z-b', [REGION]: 'r1' } }),
  makeNode('c', { labels: { [ZONE]: 'z-c', [REGION]: 'r2' } }),
  makeNode('plain'),
];
const pod = makePod('p', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'c' } }] });
const bound: PersistentVolumeClaim = { metadata: { name: 'c', namespace: 'default', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { volumeName: 'pv' } };
const pv = (labels: Record<string, string>): PersistentVolume => ({ metadata: { name: 'pv', labels }, spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/x' } } });
const NO = 'node(s) had no available volume zone';

test('VolumeZone: bound volumes pin the pod to their zones and regions', () => {
  const cases: { name: string; labels: Record<string, string>; want: Record<string, string> }[] = [
    { name: 'one zone', labels: { [ZONE]: 'z-b' }, want: { a: NO, b: '', c: NO, plain: '' } },
    { name: 'several zones joined by __', labels: { [ZONE]: 'z-a__z-c' }, want: { a: '', b: NO, c: '', plain: '' } },
    { name: 'a region', labels: { [REGION]: 'r1' }, want: { a: '', b: '', c: NO, plain: '' } },
    { name: 'no topology labels', labels: { other: 'x' }, want: { a: '', b: '', c: '', plain: '' } },
  ];
  for (const c of cases) {
    const fwk = framework({}, fakeHandle({ volumes: { claims: [bound], volumes: [pv(c.labels)] } }));
    assert.deepEqual(filterAll(fwk, snapshot(nodes), pod), c.want, c.name);
  }
});

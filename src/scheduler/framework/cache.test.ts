import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../api/types/core/v1/index.ts';
import { container, makeNode, makePod } from '../testing.fixture.ts';
import { Cache } from './cache.ts';
import { Snapshot } from './snapshot.ts';

const withImages = (node: Node, names: string[]): Node => ({ ...node, status: { ...node.status, images: names.map((n) => ({ names: [n], sizeBytes: 100 })) } });

test('updateSnapshot copies only the nodes that changed, and agrees with a fresh snapshot', () => {
  const cache = new Cache();
  for (const name of ['b', 'a', 'c']) cache.addNode(makeNode(name, { cpu: '4' }));
  const snap = new Snapshot();
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.nodes.map((n) => n.name), ['a', 'b', 'c'], 'name order');
  const before = new Map(snap.nodes.map((n) => [n.name, n]));

  const steps: { name: string; act: () => void; changed: string[]; imagesChanged: boolean }[] = [
    { name: 'a pod assumed on b', act: () => cache.assumePod(makePod('p1', { nodeName: 'b', containers: [container({ cpu: '1' })] })), changed: ['b'], imagesChanged: false },
    { name: 'a heartbeat of c (same images)', act: () => cache.addNode(makeNode('c', { cpu: '4' })), changed: ['c'], imagesChanged: false },
    { name: 'images on a', act: () => cache.addNode(withImages(makeNode('a', { cpu: '4' }), ['busybox:1'])), changed: ['a'], imagesChanged: true },
    { name: 'nothing', act: () => {}, changed: [], imagesChanged: false },
  ];
  for (const s of steps) {
    const version = snap.imagesVersion;
    const prior = new Map(snap.nodes.map((n) => [n.name, n]));
    s.act();
    cache.updateSnapshot(snap);
    const changed = snap.nodes.filter((n) => prior.get(n.name) !== n).map((n) => n.name);
    assert.deepEqual(changed, s.changed, s.name);
    assert.equal(snap.imagesVersion !== version, s.imagesChanged, `${s.name}: images version`);
    const fresh = cache.snapshot();
    assert.deepEqual(snap.nodes.map((n) => [n.name, n.requestedMilliCPU, n.podCount]), fresh.nodes.map((n) => [n.name, n.requestedMilliCPU, n.podCount]), `${s.name}: same sums`);
  }
  assert.equal(snap.get('b')?.requestedMilliCPU, 1000);
  assert.notEqual(before.get('b'), snap.get('b'));
  assert.equal(cache.snapshot().get('b')?.podCount, 1);
});

test('updateSnapshot: nodes added or removed rebuild the list; snapshot copies are not the cache\'s', () => {
  const cache = new Cache();
  cache.addNode(makeNode('a'));
  const snap = new Snapshot();
  cache.updateSnapshot(snap);
  const a = snap.get('a');
  cache.addNode(makeNode('0-first'));
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.nodes.map((n) => n.name), ['0-first', 'a']);
  assert.equal(snap.get('a'), a, 'an unchanged node is kept');
  cache.removeNode('a');
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.nodes.map((n) => n.name), ['0-first']);
  // Preemption changes a clone; the snapshot and the cache do not see it.
  const clone = snap.get('0-first')?.clone();
  clone?.addPod({ pod: makePod('x'), requests: { cpu: 500 }, nonZeroRequests: { cpu: 500 }, ports: [] });
  assert.equal(snap.get('0-first')?.podCount, 0);
  assert.equal(cache.snapshot().get('0-first')?.podCount, 0);
  const anti = makePod('anti', { nodeName: '0-first', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } } });
  assert.equal(snap.havePodsWithAffinity().length, 0);
  cache.addPod(anti);
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.havePodsWithAffinity().map((n) => n.name), ['0-first']);
});

test('a pod updated on its node is replaced in place: sums, host ports and affinity pods follow the new version', () => {
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } };
  const base = makePod('web', { nodeName: 'n1', containers: [container({ cpu: '1' }, { ports: [{ containerPort: 80, hostPort: 8080 }] })] });
  const spec = base.spec ?? { containers: [] };
  const other = makePod('other', { nodeName: 'n1', containers: [container({ cpu: '250m' })] });
  const versions: { name: string; pod: typeof base }[] = [
    { name: 'status only', pod: { ...base, status: { phase: 'Running' } } },
    { name: 'resized (more cpu)', pod: { ...base, spec: { ...spec, containers: [container({ cpu: '2' }, { ports: [{ containerPort: 80, hostPort: 8080 }] })] } } },
    { name: 'another host port', pod: { ...base, spec: { ...spec, containers: [container({ cpu: '2' }, { ports: [{ containerPort: 80, hostPort: 9090 }] })] } } },
    { name: 'gains anti-affinity', pod: { ...base, spec: { ...spec, affinity: anti } } },
    { name: 'loses it again', pod: base },
    { name: 'moved to another node', pod: { ...base, spec: { ...spec, nodeName: 'n2' } } },
  ];
  const cache = new Cache();
  for (const n of ['n1', 'n2']) cache.addNode(makeNode(n, { cpu: '8' }));
  cache.assumePod(base);
  cache.addPod(other);
  cache.addPod(base); // confirms the assumed pod
  const view = (c: Cache) => c.snapshot().nodes.map((n) => ({
    name: n.name, pods: n.pods.map((p) => p.pod).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '')),
    cpu: n.requestedMilliCPU, nonZeroCpu: n.nonZeroMilliCPU, ports: n.usedPorts.map((p) => p.port), affinity: n.podsWithAffinity.map((p) => p.pod.metadata?.name),
  }));
  for (const v of versions) {
    cache.updatePod(v.pod);
    const fresh = new Cache();
    for (const n of ['n1', 'n2']) fresh.addNode(makeNode(n, { cpu: '8' }));
    fresh.addPod(other);
    fresh.addPod(v.pod);
    assert.deepEqual(view(cache), view(fresh), v.name);
    assert.equal(cache.snapshot().get(v.pod.spec?.nodeName ?? '')?.pods.filter((p) => p.pod.metadata?.uid === base.metadata?.uid).length, 1, `${v.name}: once`);
  }
});

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
  clone?.addPod({ pod: makePod('x'), requests: { cpu: 500 }, nonZeroRequests: { cpu: 500 } });
  assert.equal(snap.get('0-first')?.podCount, 0);
  assert.equal(cache.snapshot().get('0-first')?.podCount, 0);
  const anti = makePod('anti', { nodeName: '0-first', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } } });
  assert.equal(snap.havePodsWithAffinity().length, 0);
  cache.addPod(anti);
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.havePodsWithAffinity().map((n) => n.name), ['0-first']);
});

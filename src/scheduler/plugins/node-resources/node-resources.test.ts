import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podRequests } from '../../framework/resources.ts';
import { container, filterAll, framework, makeNode, makePod, scoreWith, snapshot } from '../../testing.fixture.ts';
import { balancedScore } from './balanced-allocation.ts';
import { leastRequested, mostRequested, shapeScore } from './scorers.ts';

test('podRequests: max(init peak, app sum + sidecars) + overhead', () => {
  const cases = [
    { name: 'app containers sum', spec: { containers: [container({ cpu: '1' }), container({ cpu: '2' })] }, cpu: 3000 },
    { name: 'an init container larger than the sum wins', spec: { initContainers: [container({ cpu: '4' })], containers: [container({ cpu: '1' })] }, cpu: 4000 },
    { name: 'init containers run one at a time', spec: { initContainers: [container({ cpu: '2' }), container({ cpu: '3' })], containers: [container({ cpu: '1' })] }, cpu: 3000 },
    { name: 'a sidecar adds to the app sum and to later init containers', spec: {
      initContainers: [container({ cpu: '1' }, { restartPolicy: 'Always' }), container({ cpu: '3' })], containers: [container({ cpu: '1' })] }, cpu: 4000 },
    { name: 'sidecar plus app containers', spec: { initContainers: [container({ cpu: '1' }, { restartPolicy: 'Always' })], containers: [container({ cpu: '2' })] }, cpu: 3000 },
    { name: 'overhead is added', spec: { containers: [container({ cpu: '1' })], overhead: { cpu: '250m' } }, cpu: 1250 },
  ];
  for (const c of cases) assert.equal(podRequests(makePod('p', c.spec))['cpu'], c.cpu, c.name);
  assert.deepEqual(podRequests(makePod('p', { containers: [{ name: 'c', image: 'x' }] }), true), { cpu: 100, memory: 200 * 1024 * 1024 });
});

test('NodeResourcesFit filter reasons', () => {
  const fwk = framework();
  const snap = snapshot([makeNode('n1', { cpu: '1', memory: '1Gi', pods: '1' }), makeNode('n2', { cpu: '2', memory: '4Gi' })],
    [makePod('existing', { nodeName: 'n1', containers: [container({ cpu: '500m' })] })]);
  const cases = [
    { name: 'fits n2 only', pod: makePod('p', { containers: [container({ cpu: '1500m' })] }), want: { n1: 'Too many pods, Insufficient cpu', n2: '' } },
    { name: 'memory', pod: makePod('p', { containers: [container({ memory: '2Gi' })] }), want: { n1: 'Too many pods, Insufficient memory', n2: '' } },
    { name: 'extended resource', pod: makePod('p', { containers: [container({ 'example.com/gpu': '1' })] }), want: { n1: 'Too many pods, Insufficient example.com/gpu', n2: 'Insufficient example.com/gpu' } },
  ];
  for (const c of cases) assert.deepEqual(filterAll(fwk, snap, c.pod), c.want, c.name);
});

test('scoring strategies (upstream examples)', () => {
  // cpu 3000/4000 and memory 5000/10000 requested.
  assert.equal(Math.trunc((leastRequested(3000, 4000) + leastRequested(5000, 10000)) / 2), 37);
  assert.equal(Math.trunc((mostRequested(3000, 4000) + mostRequested(5000, 10000)) / 2), 62);
  assert.equal(leastRequested(5000, 4000), 0);
  assert.equal(mostRequested(5000, 4000), 100);
  const shape = [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }];
  assert.equal(shapeScore(shape, 3000, 4000), 75);
  assert.equal(balancedScore([0.75, 0.5]), 87);
  assert.equal(balancedScore([0.5, 0.5]), 100);
});

test('NodeResourcesFit LeastAllocated prefers the emptier node; MostAllocated the fuller', () => {
  const nodes = [makeNode('a', { cpu: '4', memory: '10000' }), makeNode('b', { cpu: '8', memory: '10000' })];
  const pod = makePod('p', { containers: [container({ cpu: '3', memory: '5000' })] });
  assert.deepEqual(scoreWith(framework(), 'NodeResourcesFit', snapshot(nodes), pod), { a: 37, b: 56 });
  const most = framework({ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }] });
  assert.deepEqual(scoreWith(most, 'NodeResourcesFit', snapshot(nodes), pod), { a: 62, b: 43 });
  assert.deepEqual(scoreWith(framework(), 'NodeResourcesBalancedAllocation', snapshot(nodes), pod), { a: 87, b: 93 });
});

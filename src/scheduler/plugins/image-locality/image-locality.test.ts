import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container } from '../../../api/types/core/v1/index.ts';
import { framework, makeNode, makePod, scoreWith, snapshot } from '../../testing.fixture.ts';
import { calculatePriority, normalizedImageName } from './image-locality.ts';

const MB = 1024 * 1024;
const image = (name: string, mb: number) => ({ names: [name], sizeBytes: mb * MB });
// As upstream's test nodes: machine1 has 40, 300 and 2000 MB images; machine2 250 and 10 MB ones.
const machine1 = makeNode('machine1', { images: [image('gcr.io/40:latest', 40), image('gcr.io/300:latest', 300), image('gcr.io/2000:latest', 2000)] });
const machine2 = makeNode('machine2', { images: [image('gcr.io/250:latest', 250), image('gcr.io/10:v1', 10)] });
const machine3 = makeNode('machine3');
const containers = (...images: string[]): Container[] => images.map((img, i) => ({ name: `c${i}`, image: img }));

test('image names are normalized with the latest tag', () => {
  const cases: [string, string][] = [
    ['busybox', 'busybox:latest'], ['registry:5000/busybox', 'registry:5000/busybox:latest'], ['busybox:1.36', 'busybox:1.36'],
    ['busybox@sha256:abc', 'busybox@sha256:abc'], ['gcr.io/10:v1', 'gcr.io/10:v1'],
  ];
  for (const [raw, want] of cases) assert.equal(normalizedImageName(raw), want, raw);
});

test('calculatePriority clamps to 23 MB .. 1000 MB per container', () => {
  const cases: [number, number, number][] = [[0, 1, 0], [23 * MB, 1, 0], [10 * MB, 1, 0], [1000 * MB, 1, 100], [2000 * MB, 1, 100], [1000 * MB, 2, 49], [511.5 * MB, 1, 50]];
  for (const [sum, n, want] of cases) assert.equal(calculatePriority(sum, n), want, `${sum / MB} MB over ${n}`);
});

test('ImageLocality scores: image size, spread over the nodes that have it, per container', () => {
  const cases: { name: string; nodes: ReturnType<typeof makeNode>[]; pod: ReturnType<typeof makePod>; want: Record<string, number> }[] = [
    // machine1: 40 MB × 1/2 = 20 MB, under the 23 MB floor → 0; machine2: 250 × 1/2 = 125 MB → (125-23)·100/(2000-23) = 5.
    { name: 'two images on two nodes: the bigger one wins', nodes: [machine1, machine2], pod: makePod('p', { containers: containers('gcr.io/40', 'gcr.io/250') }),
      want: { machine1: 0, machine2: 5 } },
    // machine1: (40 + 300) × 1/2 = 170 MB → 7.
    { name: 'both images on one node', nodes: [machine1, machine2], pod: makePod('p', { containers: containers('gcr.io/40', 'gcr.io/300') }),
      want: { machine1: 7, machine2: 0 } },
    // machine1: 2000 × 1/2 = 1000 MB → (1000-23)·100/1977 = 49; machine2's 10 MB image is below the floor.
    { name: 'the floor and the per-container ceiling', nodes: [machine1, machine2], pod: makePod('p', { containers: containers('gcr.io/10:v1', 'gcr.io/2000') }),
      want: { machine1: 49, machine2: 0 } },
    // A third node without images lowers the spread: 2000 × 1/3 = 666 MB → (666-23)·100/977 = 65.
    { name: 'spread over all nodes of the snapshot', nodes: [machine1, machine2, machine3], pod: makePod('p', { containers: containers('gcr.io/2000') }),
      want: { machine1: 65, machine2: 0, machine3: 0 } },
    // (300 + 2000) × 1/2 = 1150 MB over two containers → (1150-23)·100/1977 = 57.
    { name: 'init containers count too', nodes: [machine1, machine2], pod: makePod('p', { initContainers: containers('gcr.io/300'), containers: containers('gcr.io/2000') }),
      want: { machine1: 57, machine2: 0 } },
  ];
  for (const c of cases) assert.deepEqual(scoreWith(framework(), 'ImageLocality', snapshot(c.nodes), c.pod), c.want, c.name);
});

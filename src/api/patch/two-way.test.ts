// Two-way patches (kubectl edit, set, rollout restart): the patch from one object to another,
// and applying it to the first gives the second. Facts from upstream's strategicpatch tests.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StructShape } from '../schema/shape.ts';
import { Pod } from '../types/core/v1/index.ts';
import { PodDisruptionBudget } from '../types/policy/v1/index.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';
import { createTwoWayMergePatch } from './three-way.ts';

interface Case {
  readonly name: string;
  readonly shape?: StructShape;
  readonly original: unknown;
  readonly modified: unknown;
  readonly twoWay: unknown;
  /** What applying the patch to original gives, when not `modified` (nulls are not stored). */
  readonly result?: unknown;
}

const ctr = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, ...extra });
const pod = (spec: Record<string, unknown>): unknown => ({ spec });
const meta = (metadata: Record<string, unknown>): unknown => ({ metadata });

const cases: Case[] = [
  { name: 'no original: everything is added', original: undefined, modified: meta({ name: 'a', labels: { x: '1' } }), twoWay: { metadata: { labels: { x: '1' }, name: 'a' } } },
  { name: 'equal objects: an empty patch', original: meta({ name: 'a' }), modified: meta({ name: 'a' }), twoWay: {} },
  { name: 'a field added', original: meta({ name: 'a' }), modified: meta({ name: 'a', namespace: 'n' }), twoWay: { metadata: { namespace: 'n' } } },
  { name: 'a field removed is set to null', original: meta({ name: 'a', labels: { x: '1', y: '2' } }), modified: meta({ name: 'a', labels: { x: '1' } }), twoWay: { metadata: { labels: { y: null } } } },
  { name: 'every field of a map removed', original: meta({ labels: { x: '1', y: '2' } }), modified: meta({ labels: {} }), twoWay: { metadata: { labels: { x: null, y: null } } } },
  {
    name: 'an explicit null in modified is sent, and not stored',
    original: meta({ name: 'o', generateName: 'g' }),
    modified: meta({ name: 'm', generateName: null }),
    twoWay: { metadata: { generateName: null, name: 'm' } },
    result: meta({ name: 'm' }),
  },
  {
    name: 'a map of nulls under an unknown field is sent; applying leaves it empty',
    original: meta({ name: 'a' }),
    modified: meta({ name: 'a', extra: { key: null } }),
    twoWay: { metadata: { extra: { key: null } } },
    result: meta({ name: 'a', extra: {} }),
  },
  {
    name: 'a merge list: one item deleted, another list reordered',
    original: pod({ containers: [ctr('a', { image: 'a' }), ctr('b', { image: 'b' })], volumes: [{ name: 'c', emptyDir: {} }, { name: 'd', emptyDir: {} }] }),
    modified: pod({ containers: [ctr('b', { image: 'b' })], volumes: [{ name: 'd', emptyDir: {} }, { name: 'c', emptyDir: {} }] }),
    twoWay: {
      spec: {
        '$setElementOrder/containers': [{ name: 'b' }],
        '$setElementOrder/volumes': [{ name: 'd' }, { name: 'c' }],
        containers: [{ $patch: 'delete', name: 'a' }],
      },
    },
  },
  {
    name: 'scalars added to a merge list',
    original: meta({ finalizers: ['1', '2'] }),
    modified: meta({ finalizers: ['1', '2', '3'] }),
    twoWay: { metadata: { '$setElementOrder/finalizers': ['1', '2', '3'], finalizers: ['3'] } },
  },
  {
    name: 'scalars added and removed',
    original: meta({ finalizers: ['1', '2', '3'] }),
    modified: meta({ finalizers: ['1', '2', '4'] }),
    twoWay: { metadata: { '$deleteFromPrimitiveList/finalizers': ['3'], '$setElementOrder/finalizers': ['1', '2', '4'], finalizers: ['4'] } },
  },
  {
    name: 'repeated scalars removed once, in the order upstream leaves them',
    original: meta({ finalizers: ['a', 'b', 'b', 'c', 'd'] }),
    modified: meta({ finalizers: [] }),
    twoWay: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a', 'b', 'd', 'c'] } },
  },
  {
    // Upstream sorts the original scalars in place before asking whether the list changed.
    name: 'upstream quirk: an unchanged scalar merge list out of %v order still gets $setElementOrder',
    original: meta({ finalizers: ['b', 'a'] }),
    modified: meta({ finalizers: ['b', 'a'] }),
    twoWay: { metadata: { '$setElementOrder/finalizers': ['b', 'a'] } },
  },
  {
    name: 'upstream quirk: a scalar merge list put into %v order gets no patch, so keeps its order',
    original: meta({ finalizers: ['b', 'a'] }),
    modified: meta({ finalizers: ['a', 'b'] }),
    twoWay: {},
    result: meta({ finalizers: ['b', 'a'] }),
  },
  {
    // Duplicates are paired as Go's (unstable) sort.Sort leaves them: here A=2 with A=2.
    name: 'duplicate merge keys: the pairing of upstream\'s sort decides the patch',
    original: pod({ containers: [ctr('m', { env: [{ name: 'A', value: '1' }, { name: 'B' }, { name: 'A', value: '2' }] })] }),
    modified: pod({ containers: [ctr('m', { env: [{ name: 'A', value: '2' }] })] }),
    twoWay: {
      spec: {
        '$setElementOrder/containers': [{ name: 'm' }],
        containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'A' }, { $patch: 'delete', name: 'B' }], name: 'm' }],
      },
    },
    // Deleting A deletes every A: what upstream's own patch does to its original.
    result: pod({ containers: [ctr('m', { env: [] })] }),
  },
  {
    name: 'duplicate merge keys: A=1 kept pairs with the later A, so it is re-sent',
    original: pod({ containers: [ctr('m', { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] })] }),
    modified: pod({ containers: [ctr('m', { env: [{ name: 'A', value: '1' }] })] }),
    twoWay: {
      spec: {
        '$setElementOrder/containers': [{ name: 'm' }],
        containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ name: 'A', value: '1' }, { $patch: 'delete', name: 'A' }], name: 'm' }],
      },
    },
  },
  {
    name: 'a changed item of a merge,retainKeys list carries $retainKeys',
    original: pod({ volumes: [{ name: 'bar', emptyDir: {} }, { name: 'foo', secret: { secretName: 'old' } }] }),
    modified: pod({ volumes: [{ name: 'bar', emptyDir: {} }, { name: 'foo', secret: { secretName: 'new' } }] }),
    twoWay: {
      spec: {
        '$setElementOrder/volumes': [{ name: 'bar' }, { name: 'foo' }],
        volumes: [{ $retainKeys: ['name', 'secret'], name: 'foo', secret: { secretName: 'new' } }],
      },
    },
  },
  {
    name: 'a replace-strategy struct is sent whole, changed or not',
    shape: PodDisruptionBudget,
    original: { spec: { minAvailable: 1, selector: { matchLabels: { a: '1' } } } },
    modified: { spec: { minAvailable: 2, selector: { matchLabels: { a: '1' } } } },
    twoWay: { spec: { minAvailable: 2, selector: { matchLabels: { a: '1' } } } },
  },
  {
    name: 'a non-merge list is sent whole when it differs',
    original: pod({ containers: [ctr('m', { command: ['a'] })] }),
    modified: pod({ containers: [ctr('m', { command: ['a', 'b'] })] }),
    twoWay: { spec: { '$setElementOrder/containers': [{ name: 'm' }], containers: [{ command: ['a', 'b'], name: 'm' }] } },
  },
  {
    name: 'a value changing JSON type is sent',
    original: pod({ containers: [ctr('m', { readinessProbe: { httpGet: { port: 'http' } } })] }),
    modified: pod({ containers: [ctr('m', { readinessProbe: { httpGet: { port: 80 } } })] }),
    twoWay: { spec: { '$setElementOrder/containers': [{ name: 'm' }], containers: [{ name: 'm', readinessProbe: { httpGet: { port: 80 } } }] } },
  },
];

for (const c of cases) {
  test(`two-way: ${c.name}`, () => {
    const shape = c.shape ?? Pod;
    const patch = createTwoWayMergePatch(c.original, c.modified, shape);
    assert.deepEqual(patch, c.twoWay, 'patch');
    assert.deepEqual(applyStrategicMergePatch(c.original ?? {}, patch, shape), c.result ?? c.modified, 'result');
  });
}

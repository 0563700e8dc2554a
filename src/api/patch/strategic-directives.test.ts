// $setElementOrder and $retainKeys applied by strategic merge patch. Facts from upstream's
// strategicpatch tests, restated on declared types.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StructShape } from '../schema/shape.ts';
import { Deployment } from '../types/apps/v1/index.ts';
import { Pod } from '../types/core/v1/index.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

interface Case {
  readonly name: string;
  readonly shape?: StructShape;
  readonly original: unknown;
  readonly patch: unknown;
  readonly expected: unknown;
}

const c = (name: string, image?: string): Record<string, string> => (image === undefined ? { name } : { name, image });
const pod = (spec: Record<string, unknown>): unknown => ({ spec });
const meta = (metadata: Record<string, unknown>): unknown => ({ metadata });

const cases: Case[] = [
  // $setElementOrder
  {
    name: '$setElementOrder alone reorders',
    original: pod({ containers: [c('a', '1'), c('b', '2'), c('c', '3')] }),
    patch: pod({ '$setElementOrder/containers': [c('c'), c('a'), c('b')] }),
    expected: pod({ containers: [c('c', '3'), c('a', '1'), c('b', '2')] }),
  },
  {
    name: '$setElementOrder keeps items only the live list has in their live place',
    original: pod({ containers: [c('1', 'o'), c('2'), c('9'), c('3'), c('4')] }),
    patch: pod({ '$setElementOrder/containers': [c('2'), c('1'), c('4'), c('3')] }),
    expected: pod({ containers: [c('2'), c('1', 'o'), c('9'), c('4'), c('3')] }),
  },
  {
    name: '$setElementOrder with changed and added items',
    original: pod({ containers: [c('1', 'a'), c('2', 'b')] }),
    patch: pod({ '$setElementOrder/containers': [c('4'), c('1'), c('2'), c('3')], containers: [c('4', 'd'), c('3', 'c')] }),
    expected: pod({ containers: [c('4', 'd'), c('1', 'a'), c('2', 'b'), c('3', 'c')] }),
  },
  {
    name: '$setElementOrder may name items that are in neither list',
    original: pod({ containers: [c('1'), c('3')] }),
    patch: pod({ '$setElementOrder/containers': [c('3'), c('2'), c('1')], containers: [c('3', 'x'), c('1', 'y')] }),
    expected: pod({ containers: [c('3', 'x'), c('1', 'y')] }),
  },
  {
    name: '$setElementOrder with $deleteFromPrimitiveList on scalars',
    original: meta({ finalizers: ['1', '2', '3', '4'] }),
    patch: meta({ '$setElementOrder/finalizers': ['1', '2'], '$deleteFromPrimitiveList/finalizers': ['3'] }),
    expected: meta({ finalizers: ['1', '2', '4'] }),
  },
  {
    name: '$setElementOrder with an added scalar',
    original: meta({ finalizers: ['1', '2', '3'] }),
    patch: meta({ '$setElementOrder/finalizers': ['4', '1', '2', '3'], finalizers: ['4'] }),
    expected: meta({ finalizers: ['4', '1', '2', '3'] }),
  },
  {
    // Upstream sorts with a comparator that is true for any item missing from the order (here
    // every item), through Go's SliceStable: live items end up in live order, new ones after.
    name: 'an empty $setElementOrder: live items in live order, then the new one',
    original: pod({ containers: [{ name: 'm', env: [{ name: 'B' }, { name: 'C' }] }] }),
    patch: pod({ containers: [{ name: 'm', '$setElementOrder/env': [], env: [{ name: 'A', value: '1' }] }] }),
    expected: pod({ containers: [{ name: 'm', env: [{ name: 'B' }, { name: 'C' }, { name: 'A', value: '1' }] }] }),
  },
  {
    // Go deletes b by shifting the live array left and appends d into the freed slot, and then
    // orders by that view of the live list ([a, s, d]): d lands after the server-only s.
    name: 'delete one item and add another: the new item goes after server-only items',
    original: pod({ containers: [c('a'), c('b'), c('s')] }),
    patch: pod({ '$setElementOrder/containers': [c('a'), c('d')], containers: [c('d', 'd'), { name: 'b', $patch: 'delete' }] }),
    expected: pod({ containers: [c('a'), c('s'), c('d', 'd')] }),
  },
  // $retainKeys
  {
    name: '$retainKeys in a volume item switches its source (merge,retainKeys)',
    original: pod({ volumes: [{ name: 'data', emptyDir: {} }, { name: 'other', emptyDir: {} }] }),
    patch: pod({ volumes: [{ name: 'data', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }] }),
    expected: pod({ volumes: [{ name: 'data', configMap: { name: 'cm' } }, { name: 'other', emptyDir: {} }] }),
  },
  {
    name: '$retainKeys on Deployment strategy clears rollingUpdate',
    shape: Deployment,
    original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    expected: { spec: { strategy: { type: 'Recreate' } } },
  },
  {
    name: 'a retainKeys field without the directive merges as usual',
    shape: Deployment,
    original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { rollingUpdate: { maxUnavailable: 0 } } } },
    expected: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } },
  },
  {
    name: '$retainKeys allows nulls and parallel lists for fields it does not list',
    original: pod({ containers: [{ name: 'm', args: ['a'], tty: true, env: [{ name: 'A' }] }] }),
    patch: pod({ containers: [{ name: 'm', $retainKeys: ['name', 'env'], tty: null, '$setElementOrder/env': [{ name: 'A' }] }] }),
    expected: pod({ containers: [{ name: 'm', env: [{ name: 'A' }] }] }),
  },
];

for (const k of cases) {
  test(`strategic merge patch directives: ${k.name}`, () => {
    assert.deepEqual(applyStrategicMergePatch(k.original, k.patch, k.shape ?? Pod), k.expected);
  });
}

// Three-way patches (kubectl apply) and two-way patches (kubectl edit): the patch computed,
// and the object that applying it to the live object gives. Facts from upstream's
// strategicpatch tests (createStrategicMergePatchTestCaseData and the raw cases), restated on
// declared types.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StructShape } from '../schema/shape.ts';
import { Deployment } from '../types/apps/v1/index.ts';
import { Pod } from '../types/core/v1/index.ts';
import { PodDisruptionBudget } from '../types/policy/v1/index.ts';
import { applyStrategicMergePatch, StrategicMergeError } from './strategic-merge.ts';
import { createThreeWayMergePatch } from './three-way.ts';

interface Case {
  readonly name: string;
  readonly shape?: StructShape;
  /** The last-applied configuration; undefined when there is none. */
  readonly original: unknown;
  readonly modified: unknown;
  readonly current: unknown;
  readonly threeWay: unknown;
  readonly result: unknown;
}

const ctr = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, ...extra });
const pod = (spec: Record<string, unknown>): unknown => ({ spec });
const labels = (l: Record<string, string>): unknown => ({ metadata: { labels: l } });

const cases: Case[] = [
  {
    name: 'no last-applied configuration: only additions and changes',
    original: undefined,
    modified: labels({ a: '1', b: '2' }),
    current: { metadata: { labels: { a: '1' }, annotations: { other: 'x' } } },
    threeWay: { metadata: { labels: { b: '2' } } },
    result: { metadata: { labels: { a: '1', b: '2' }, annotations: { other: 'x' } } },
  },
  {
    name: 'nothing changed: an empty patch',
    original: labels({ a: '1' }),
    modified: labels({ a: '1' }),
    current: { metadata: { labels: { a: '1' }, uid: 'u' } },
    threeWay: {},
    result: { metadata: { labels: { a: '1' }, uid: 'u' } },
  },
  {
    name: 'a value changed on the live object is set back',
    original: labels({ a: '1' }),
    modified: labels({ a: '1', b: '2' }),
    current: labels({ a: 'x', c: '3' }),
    threeWay: { metadata: { labels: { a: '1', b: '2' } } },
    result: labels({ a: '1', c: '3', b: '2' }),
  },
  {
    name: 'a field dropped from the configuration is deleted; fields others set stay',
    original: labels({ k1: '1', k2: '2' }),
    modified: labels({ k1: '1' }),
    current: labels({ k1: '1', k2: '2', other: 'a' }),
    threeWay: { metadata: { labels: { k2: null } } },
    result: labels({ k1: '1', other: 'a' }),
  },
  {
    name: 'replicas set by kubectl scale, never in the configuration, stay',
    shape: Deployment,
    original: { spec: { minReadySeconds: 5 } },
    modified: { spec: { minReadySeconds: 10 } },
    current: { spec: { replicas: 5, minReadySeconds: 5 } },
    threeWay: { spec: { minReadySeconds: 10 } },
    result: { spec: { replicas: 5, minReadySeconds: 10 } },
  },
  {
    name: 'replicas dropped from the configuration are deleted',
    shape: Deployment,
    original: { spec: { replicas: 3 } },
    modified: { spec: {} },
    current: { spec: { replicas: 3, paused: true } },
    threeWay: { spec: { replicas: null } },
    result: { spec: { paused: true } },
  },
  {
    name: 'a list without the merge strategy is sent whole',
    original: pod({ containers: [ctr('m', { args: ['1', '2'] })] }),
    modified: pod({ containers: [ctr('m', { args: ['2', '3'] })] }),
    current: pod({ containers: [ctr('m', { args: ['1', '4'] })] }),
    threeWay: { spec: { '$setElementOrder/containers': [{ name: 'm' }], containers: [{ args: ['2', '3'], name: 'm' }] } },
    result: pod({ containers: [ctr('m', { args: ['2', '3'] })] }),
  },
  {
    name: 'a merge-keyed item dropped from the configuration is deleted',
    original: pod({ containers: [ctr('a'), ctr('b')] }),
    modified: pod({ containers: [ctr('a')] }),
    current: pod({ containers: [ctr('a', { tty: true }), ctr('b')] }),
    threeWay: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ $patch: 'delete', name: 'b' }] } },
    result: pod({ containers: [ctr('a', { tty: true })] }),
  },
  {
    name: 'every item dropped: deletions without $setElementOrder for the emptied list',
    original: pod({ containers: [ctr('m', { env: [{ name: 'A' }, { name: 'B' }] })] }),
    modified: pod({ containers: [ctr('m', { env: [] })] }),
    current: pod({ containers: [ctr('m', { env: [{ name: 'A' }, { name: 'B' }] })] }),
    threeWay: {
      spec: { '$setElementOrder/containers': [{ name: 'm' }], containers: [{ env: [{ $patch: 'delete', name: 'A' }, { $patch: 'delete', name: 'B' }], name: 'm' }] },
    },
    result: pod({ containers: [ctr('m', { env: [] })] }),
  },
  {
    name: 'scalars dropped from a merge list go in $deleteFromPrimitiveList',
    original: { metadata: { finalizers: ['a', 'b', 'c'] } },
    modified: { metadata: { finalizers: ['a', 'b'] } },
    current: { metadata: { finalizers: ['a', 'b', 'c', 'd'] } },
    threeWay: { metadata: { '$deleteFromPrimitiveList/finalizers': ['c'], '$setElementOrder/finalizers': ['a', 'b'] } },
    result: { metadata: { finalizers: ['a', 'b', 'd'] } },
  },
  {
    name: 'a scalar added and one dropped; the live list already had the new one',
    original: { metadata: { finalizers: ['1', '2', '3'] } },
    modified: { metadata: { finalizers: ['1', '2', '4'] } },
    current: { metadata: { finalizers: ['1', '2', '3', '4'] } },
    threeWay: { metadata: { '$deleteFromPrimitiveList/finalizers': ['3'], '$setElementOrder/finalizers': ['1', '2', '4'] } },
    result: { metadata: { finalizers: ['1', '2', '4'] } },
  },
  {
    name: 'items added around live ones, with $setElementOrder',
    original: pod({ containers: [ctr('1'), ctr('2', { image: '2' })] }),
    modified: pod({ containers: [ctr('4', { image: '4' }), ctr('1'), ctr('2', { image: '2' }), ctr('3', { image: '3' })] }),
    current: pod({ containers: [ctr('1', { tty: true }), ctr('2', { image: '2', stdin: true })] }),
    threeWay: {
      spec: {
        '$setElementOrder/containers': [{ name: '4' }, { name: '1' }, { name: '2' }, { name: '3' }],
        containers: [{ image: '4', name: '4' }, { image: '3', name: '3' }],
      },
    },
    result: pod({ containers: [ctr('4', { image: '4' }), ctr('1', { tty: true }), ctr('2', { image: '2', stdin: true }), ctr('3', { image: '3' })] }),
  },
  {
    name: 'a reorder alone is sent as $setElementOrder; live-only items keep their place',
    original: pod({ containers: [ctr('1'), ctr('3'), ctr('4'), ctr('2')] }),
    modified: pod({ containers: [ctr('4'), ctr('2'), ctr('3'), ctr('1')] }),
    current: pod({ containers: [ctr('1', { tty: true }), ctr('3'), ctr('4'), ctr('2'), ctr('9')] }),
    threeWay: { spec: { '$setElementOrder/containers': [{ name: '4' }, { name: '2' }, { name: '3' }, { name: '1' }] } },
    result: pod({ containers: [ctr('4'), ctr('2'), ctr('3'), ctr('1', { tty: true }), ctr('9')] }),
  },
  {
    name: 'one container replaced by another beside a server-injected one',
    original: pod({ containers: [ctr('a'), ctr('b')] }),
    modified: pod({ containers: [ctr('a'), ctr('d', { image: 'd' })] }),
    current: pod({ containers: [ctr('a'), ctr('b'), ctr('s')] }),
    threeWay: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'd' }], containers: [{ image: 'd', name: 'd' }, { $patch: 'delete', name: 'b' }] } },
    result: pod({ containers: [ctr('a'), ctr('s'), ctr('d', { image: 'd' })] }),
  },
  {
    name: 'retainKeys strategy: a new strategy type clears the defaulted rollingUpdate',
    shape: Deployment,
    original: { spec: {} },
    modified: { spec: { strategy: { type: 'Recreate' } } },
    current: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } },
    threeWay: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    result: { spec: { strategy: { type: 'Recreate' } } },
  },
  {
    name: 'retainKeys strategy: fields the configuration lacks are cleared even with no change',
    shape: Deployment,
    original: { spec: { strategy: { type: 'RollingUpdate' } } },
    modified: { spec: { strategy: { type: 'RollingUpdate' } } },
    current: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    threeWay: { spec: { strategy: { $retainKeys: ['type'] } } },
    result: { spec: { strategy: { type: 'RollingUpdate' } } },
  },
  {
    name: 'merge,retainKeys volumes: switching a volume source',
    original: pod({ volumes: [{ name: 'data', emptyDir: {} }] }),
    modified: pod({ volumes: [{ name: 'data', configMap: { name: 'cm' } }] }),
    current: pod({ volumes: [{ name: 'data', emptyDir: {} }] }),
    threeWay: {
      spec: {
        '$setElementOrder/volumes': [{ name: 'data' }],
        volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' }, emptyDir: null, name: 'data' }],
      },
    },
    result: pod({ volumes: [{ name: 'data', configMap: { name: 'cm' } }] }),
  },
  {
    name: 'a struct with the replace strategy is always sent (PodDisruptionBudget selector)',
    shape: PodDisruptionBudget,
    original: { spec: { selector: { matchLabels: { a: '1' } } } },
    modified: { spec: { selector: { matchLabels: { a: '1' } } } },
    current: { spec: { selector: { matchLabels: { a: '1' } }, minAvailable: 1 } },
    threeWay: { spec: { selector: { matchLabels: { a: '1' } } } },
    result: { spec: { selector: { matchLabels: { a: '1' } }, minAvailable: 1 } },
  },
  {
    name: 'an explicit null in the configuration deletes the live value',
    original: pod({ hostname: 'h' }),
    modified: pod({ hostname: 'h', nodeName: null }),
    current: pod({ hostname: 'h', nodeName: 'n1' }),
    threeWay: { spec: { nodeName: null } },
    result: pod({ hostname: 'h' }),
  },
  {
    name: 'directives in the configuration: a $patch item is dropped, its key kept in the order',
    original: pod({ containers: [ctr('m')] }),
    modified: pod({ containers: [ctr('m', { env: [{ name: 'hello' }, { $patch: 'delete', name: 'doesntexist' }] })] }),
    current: pod({ containers: [ctr('m', { env: [{ name: 'hello2' }] })] }),
    threeWay: {
      spec: {
        '$setElementOrder/containers': [{ name: 'm' }],
        containers: [{ '$setElementOrder/env': [{ name: 'hello' }, { name: 'doesntexist' }], env: [{ name: 'hello' }], name: 'm' }],
      },
    },
    result: pod({ containers: [ctr('m', { env: [{ name: 'hello' }, { name: 'hello2' }] })] }),
  },
];

for (const c of cases) {
  test(`three-way: ${c.name}`, () => {
    const shape = c.shape ?? Pod;
    const patch = createThreeWayMergePatch(c.original, c.modified, c.current, shape);
    assert.deepEqual(patch, c.threeWay, 'patch');
    assert.equal(JSON.stringify(patch), JSON.stringify(sorted(c.threeWay)), 'keys sorted as Go writes them');
    assert.deepEqual(applyStrategicMergePatch(c.current, patch, shape), c.result, 'result');
  });
}

/** `value` with map keys sorted, to compare patches as JSON text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}

test('three-way without overwrite: a conflict with live changes is a 409', () => {
  const original = labels({ a: '1' });
  const modified = labels({ a: '2' });
  assert.throws(() => createThreeWayMergePatch(original, modified, labels({ a: '3' }), Pod, false), (e: unknown) => {
    assert.ok(e instanceof StrategicMergeError);
    assert.equal(e.code, 409);
    assert.match(e.message, /^patch:\n[\s\S]*\nconflicts with changes made from original to current:\n/);
    return true;
  });
  // Live changes the patch agrees with, or does not touch, are no conflict.
  assert.deepEqual(createThreeWayMergePatch(original, modified, labels({ a: '2', b: '1' }), Pod, false), {});
  assert.deepEqual(createThreeWayMergePatch(original, modified, labels({ a: '1', b: '1' }), Pod, false), { metadata: { labels: { a: '2' } } });
});

test('three-way: documents that are not objects are refused', () => {
  assert.throws(() => createThreeWayMergePatch([], {}, {}, Pod), { message: 'invalid JSON document' });
});

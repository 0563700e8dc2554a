// Strategic merge patch on lists: merge by key, merge of scalars, replace, $patch items and
// $deleteFromPrimitiveList ($setElementOrder and $retainKeys: strategic-directives.test.ts).
// Facts from upstream's strategicpatch tests, restated on declared types.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StructShape } from '../schema/shape.ts';
import { Deployment } from '../types/apps/v1/index.ts';
import { Pod, Service } from '../types/core/v1/index.ts';
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
  // merge by key
  {
    name: 'containers merge by name; other fields of the item stay',
    original: pod({ containers: [c('a', 'x'), { ...c('b', 'y'), tty: true }] }),
    patch: pod({ containers: [c('b', 'z')] }),
    expected: pod({ containers: [c('a', 'x'), { ...c('b', 'z'), tty: true }] }),
  },
  {
    // Upstream interleaves by live position; a new item has none, so it goes first.
    name: 'an item with a new key goes before the live items the patch does not name',
    original: pod({ containers: [c('a', 'x')] }),
    patch: pod({ containers: [c('c', 'w')] }),
    expected: pod({ containers: [c('c', 'w'), c('a', 'x')] }),
  },
  {
    name: 'patch order wins for the items it names',
    original: pod({ containers: [c('a'), c('b', 'b'), c('c')] }),
    patch: pod({ containers: [c('c', 'c'), c('a', 'a'), { name: 'b', tty: true }] }),
    expected: pod({ containers: [c('c', 'c'), c('a', 'a'), { ...c('b', 'b'), tty: true }] }),
  },
  {
    name: 'items the patch does not name keep their place before later live items',
    original: pod({ containers: [c('a'), c('b', 'b'), c('c')] }),
    patch: pod({ containers: [c('c', 'c'), c('a', 'a')] }),
    expected: pod({ containers: [c('b', 'b'), c('c', 'c'), c('a', 'a')] }),
  },
  {
    name: 'env merges by name; $patch: delete removes an item',
    original: pod({ containers: [{ name: 'm', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] }),
    patch: pod({ containers: [{ name: 'm', env: [{ name: 'A', value: '9' }, { name: 'B', $patch: 'delete' }, { name: 'C', value: '3' }] }] }),
    expected: pod({ containers: [{ name: 'm', env: [{ name: 'A', value: '9' }, { name: 'C', value: '3' }] }] }),
  },
  {
    name: '$patch: delete removes every item with the key, and nothing when none has it',
    original: pod({ containers: [{ name: 'm', env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'B' }] }] }),
    patch: pod({ containers: [{ name: 'm', env: [{ name: 'A', $patch: 'delete' }, { name: 'Z', $patch: 'delete' }] }] }),
    expected: pod({ containers: [{ name: 'm', env: [{ name: 'B' }] }] }),
  },
  {
    name: 'container ports merge by containerPort',
    original: pod({ containers: [{ name: 'm', ports: [{ containerPort: 80, protocol: 'TCP' }] }] }),
    patch: pod({ containers: [{ name: 'm', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] }),
    expected: pod({ containers: [{ name: 'm', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }] }] }),
  },
  {
    name: 'volumeMounts merge by mountPath',
    original: pod({ containers: [{ name: 'm', volumeMounts: [{ name: 'a', mountPath: '/a' }, { name: 'b', mountPath: '/b' }] }] }),
    patch: pod({ containers: [{ name: 'm', volumeMounts: [{ name: 'c', mountPath: '/b', readOnly: true }, { mountPath: '/a', $patch: 'delete' }] }] }),
    expected: pod({ containers: [{ name: 'm', volumeMounts: [{ name: 'c', mountPath: '/b', readOnly: true }] }] }),
  },
  {
    name: 'ownerReferences merge by uid',
    original: meta({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r1', uid: 'u1' }] }),
    patch: meta({ ownerReferences: [{ uid: 'u1', $patch: 'delete' }, { apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u2' }] }),
    expected: meta({ ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u2' }] }),
  },
  {
    name: 'status conditions merge by type',
    original: { status: { conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False', reason: 'Starting' }] } },
    patch: { status: { conditions: [{ type: 'Ready', status: 'True', reason: null }] } },
    expected: { status: { conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] } },
  },
  {
    name: 'Service ports merge by port',
    shape: Service,
    original: { spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } },
    patch: { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443, targetPort: 8443 }] } },
    expected: { spec: { ports: [{ port: 80, targetPort: 9090, protocol: 'TCP' }, { port: 443, targetPort: 8443 }] } },
  },
  {
    name: 'nested merge lists inside a Deployment template',
    shape: Deployment,
    original: { spec: { replicas: 5, template: { spec: { containers: [{ name: 'web', image: 'nginx:1', env: [{ name: 'A', value: '1' }] }] } } } },
    patch: { spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }] }] } } } },
    expected: { spec: { replicas: 5, template: { spec: { containers: [{ name: 'web', image: 'nginx:1', env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] }] } } } },
  },
  {
    name: 'a new list is taken with $patch items dropped and nulls in its maps discarded',
    original: pod({ containers: [c('a')] }),
    patch: pod({ initContainers: [{ name: 'i', image: null, command: ['x', null] }, { name: 'j', $patch: 'delete' }] }),
    expected: pod({ containers: [c('a')], initContainers: [{ name: 'i', command: ['x', null] }] }),
  },
  {
    name: 'an empty patch list changes nothing in a merge list',
    original: pod({ containers: [c('a', 'x')] }),
    patch: pod({ containers: [] }),
    expected: pod({ containers: [c('a', 'x')] }),
  },
  {
    // Service ports merge on port alone (upstream's merge key), so UDP 53 lands on TCP 53.
    name: 'Service ports with the same port and another protocol merge into one',
    shape: Service,
    original: { spec: { ports: [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }] } },
    patch: { spec: { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } },
    expected: { spec: { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } },
  },
  {
    name: 'null deletes a whole list',
    original: meta({ name: 'x', finalizers: ['a'] }),
    patch: meta({ finalizers: null }),
    expected: meta({ name: 'x' }),
  },
  // $patch: replace in a list
  {
    name: '$patch: replace in a list replaces it with the other items',
    original: pod({ containers: [c('a'), c('b')] }),
    patch: pod({ containers: [{ $patch: 'replace' }, c('c', 'z')] }),
    expected: pod({ containers: [c('c', 'z')] }),
  },
  {
    name: '$patch: replace alone empties the list',
    original: pod({ containers: [c('a'), c('b')] }),
    patch: pod({ containers: [{ $patch: 'replace' }] }),
    expected: pod({ containers: [] }),
  },
  // merge of scalars
  {
    name: 'a merge list of scalars is the union, without repeats (finalizers)',
    original: meta({ finalizers: ['a', 'b'] }),
    patch: meta({ finalizers: ['b', 'c'] }),
    expected: meta({ finalizers: ['a', 'b', 'c'] }),
  },
  {
    name: 'a merge list of scalars follows the patch order for the values it names',
    original: meta({ finalizers: ['a', 'b', 'c'] }),
    patch: meta({ finalizers: ['c', 'a'] }),
    expected: meta({ finalizers: ['b', 'c', 'a'] }),
  },
  { name: 'empty merge lists merge to empty', original: meta({ finalizers: [] }), patch: meta({ finalizers: [] }), expected: meta({ finalizers: [] }) },
  {
    name: '$deleteFromPrimitiveList removes values',
    original: meta({ finalizers: ['a', 'b', 'c', 'b'] }),
    patch: meta({ '$deleteFromPrimitiveList/finalizers': ['b', 'zz'] }),
    expected: meta({ finalizers: ['a', 'c'] }),
  },
  {
    name: '$deleteFromPrimitiveList adds neither values nor a missing list',
    original: meta({ name: 'x' }),
    patch: meta({ '$deleteFromPrimitiveList/finalizers': ['b'] }),
    expected: meta({ name: 'x' }),
  },
  {
    name: '$deleteFromPrimitiveList also works on a list without the merge strategy',
    original: pod({ containers: [{ name: 'm', args: ['-a', '-b', '-c'] }] }),
    patch: pod({ containers: [{ name: 'm', '$deleteFromPrimitiveList/args': ['-b'] }] }),
    expected: pod({ containers: [{ name: 'm', args: ['-a', '-c'] }] }),
  },
  // replace
  {
    name: 'lists without the merge strategy are replaced (args, command, tolerations)',
    original: pod({ containers: [{ name: 'm', args: ['1', '2'], command: ['sh'] }], tolerations: [{ key: 'a', operator: 'Exists' }] }),
    patch: pod({ containers: [{ name: 'm', args: ['3'], command: [] }], tolerations: [{ key: 'b', operator: 'Exists' }] }),
    expected: pod({ containers: [{ name: 'm', args: ['3'], command: [] }], tolerations: [{ key: 'b', operator: 'Exists' }] }),
  },
];

for (const k of cases) {
  test(`strategic merge patch, lists: ${k.name}`, () => {
    assert.deepEqual(applyStrategicMergePatch(k.original, k.patch, k.shape ?? Pod), k.expected);
  });
}

const errors: Array<{ name: string; original: unknown; patch: unknown; message: string; code: number }> = [
  {
    name: 'a merge-keyed item without its key',
    original: pod({ containers: [c('a')] }),
    patch: pod({ containers: [{ image: 'x' }] }),
    message: 'map: map[image:x] does not contain declared merge key: name',
    code: 500,
  },
  {
    name: '$patch: delete without the merge key',
    original: pod({ containers: [c('a')] }),
    patch: pod({ containers: [{ $patch: 'delete' }] }),
    message: 'map: map[$patch:delete] does not contain declared merge key: name',
    code: 500,
  },
  {
    name: 'a live item without its merge key',
    original: pod({ containers: [{ name: 'm', ports: [{ hostPort: 80 }] }] }),
    patch: pod({ containers: [{ name: 'm', ports: [{ containerPort: 443 }] }] }),
    message: 'map: map[hostPort:80] does not contain declared merge key: containerPort',
    code: 500,
  },
  { name: '$patch: merge in a list', original: pod({ containers: [c('a')] }), patch: pod({ containers: [{ $patch: 'merge' }] }), message: 'merging lists cannot yet be specified in the patch', code: 500 },
  {
    name: 'an unknown $patch in a list',
    original: pod({ containers: [c('a')] }),
    patch: pod({ containers: [{ name: 'a', $patch: 'bogus' }] }),
    message: 'unknown patch type: bogus in map: map[$patch:bogus name:a]',
    code: 500,
  },
  { name: 'items of another type', original: pod({ containers: [c('a')] }), patch: pod({ containers: ['a'] }), message: 'list element types are not identical: [[map[name:a]] [a]]', code: 500 },
  { name: 'lists of lists', original: meta({ finalizers: [] }), patch: meta({ finalizers: [['a']] }), message: 'lists of lists are not supported', code: 422 },
  {
    name: '$setElementOrder contradicting the patch list',
    original: pod({ containers: [c('1'), c('3'), c('2')] }),
    patch: pod({ '$setElementOrder/containers': [c('1'), c('2'), c('3')], containers: [c('3', 'x'), c('1', 'y')] }),
    message: "The order in patch list:\n[map[image:x name:3] map[image:y name:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n",
    code: 500,
  },
  {
    name: 'a $setElementOrder that is not a list',
    original: pod({ containers: [c('a')] }),
    patch: pod({ '$setElementOrder/containers': { name: 'a' } }),
    message: 'expected a []interface {}, but received a map[string]interface {}',
    code: 500,
  },
  { name: 'a $setElementOrder key without a field', original: pod({ containers: [c('a')] }), patch: pod({ $setElementOrder: [] }), message: 'invalid patch format of setElementOrder list', code: 400 },
  { name: 'a $deleteFromPrimitiveList key without a field', original: meta({ finalizers: ['a'] }), patch: meta({ $deleteFromPrimitiveList: ['a'] }), message: 'invalid patch format of primitive list', code: 400 },
  {
    name: '$retainKeys missing a field the patch sets',
    original: pod({ volumes: [{ name: 'data', emptyDir: {} }] }),
    patch: pod({ volumes: [{ name: 'data', $retainKeys: ['name'], configMap: { name: 'cm' } }] }),
    message: 'invalid patch format of retainKeys',
    code: 400,
  },
  { name: '$retainKeys that is not a list', original: pod({ volumes: [{ name: 'd' }] }), patch: pod({ volumes: [{ name: 'd', $retainKeys: 'name' }] }), message: 'invalid patch format of retainKeys', code: 400 },
];

for (const e of errors) {
  test(`strategic merge patch, list error: ${e.name}`, () => {
    assert.throws(() => applyStrategicMergePatch(e.original, e.patch, Pod), { name: 'StrategicMergeError', message: e.message, code: e.code });
  });
}

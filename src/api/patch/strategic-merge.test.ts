// Strategic merge patch on maps, $patch on maps, content the schema does not know, and the
// errors of applying a patch. Facts from upstream's strategicpatch tests (patch_test.go),
// restated on declared types.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StructShape } from '../schema/shape.ts';
import { ControllerRevision } from '../types/apps/v1/index.ts';
import { Pod } from '../types/core/v1/index.ts';
import { PodDisruptionBudget } from '../types/policy/v1/index.ts';
import { applyStrategicMergePatch, StrategicMergeError } from './strategic-merge.ts';

interface Case {
  readonly name: string;
  readonly shape?: StructShape;
  readonly original: unknown;
  readonly patch: unknown;
  readonly expected: unknown;
}

const cases: Case[] = [
  {
    name: 'adds fields and changes scalars',
    original: { metadata: { name: 'a', labels: { x: '1' } }, spec: { nodeName: 'n0' } },
    patch: { metadata: { labels: { y: '2' } }, spec: { nodeName: 'n1', hostname: 'h' } },
    expected: { metadata: { name: 'a', labels: { x: '1', y: '2' } }, spec: { nodeName: 'n1', hostname: 'h' } },
  },
  {
    name: 'null deletes a key; a null for an absent key is dropped',
    original: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { a: null, c: null } } },
    expected: { metadata: { labels: { b: '2' } } },
  },
  {
    name: 'nulls inside a new map are discarded',
    original: { metadata: { name: 'a' } },
    patch: { metadata: { annotations: { a: '1', b: null } } },
    expected: { metadata: { name: 'a', annotations: { a: '1' } } },
  },
  {
    name: 'a new map of nulls only stays, empty',
    original: { metadata: { name: 'a' } },
    patch: { metadata: { annotations: { b: null } } },
    expected: { metadata: { name: 'a', annotations: {} } },
  },
  {
    name: 'a JSON null in the original is kept when the patch does not touch it',
    original: { metadata: { name: 'a', labels: null } },
    patch: { metadata: { annotations: { a: '1' } } },
    expected: { metadata: { name: 'a', labels: null, annotations: { a: '1' } } },
  },
  {
    name: '$patch: delete on a map empties it',
    original: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { $patch: 'delete' } } },
    expected: { metadata: { labels: {} } },
  },
  {
    name: '$patch: delete on an absent map adds nothing',
    original: { metadata: { name: 'a' } },
    patch: { metadata: { labels: { $patch: 'delete' } } },
    expected: { metadata: { name: 'a' } },
  },
  {
    name: '$patch: replace on a map replaces it',
    original: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { $patch: 'replace', c: '3' } } },
    expected: { metadata: { labels: { c: '3' } } },
  },
  {
    name: '$patch: replace on the whole object',
    original: { metadata: { name: 'a', labels: { a: '1' } }, spec: { nodeName: 'n' } },
    patch: { $patch: 'replace', metadata: { name: 'b' } },
    expected: { metadata: { name: 'b' } },
  },
  {
    name: '$patch: delete on the whole object',
    original: { metadata: { name: 'a' } },
    patch: { $patch: 'delete' },
    expected: {},
  },
  {
    name: 'maps merge key by key even when atomic for server-side apply (nodeSelector)',
    original: { spec: { nodeSelector: { disk: 'ssd' } } },
    patch: { spec: { nodeSelector: { zone: 'a' } } },
    expected: { spec: { nodeSelector: { disk: 'ssd', zone: 'a' } } },
  },
  {
    name: 'the replace strategy replaces a struct whole (PodDisruptionBudget selector)',
    shape: PodDisruptionBudget,
    original: { spec: { minAvailable: 1, selector: { matchLabels: { a: '1' }, matchExpressions: [{ key: 'k', operator: 'Exists' }] } } },
    patch: { spec: { selector: { matchLabels: { b: '2' } } } },
    expected: { spec: { minAvailable: 1, selector: { matchLabels: { b: '2' } } } },
  },
  {
    name: 'a value of another JSON type replaces (int-or-string)',
    original: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 'http' } } }] } },
    patch: { spec: { containers: [{ name: 'c', readinessProbe: { httpGet: { port: 8080 } } }] } },
    expected: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 8080 } } }] } },
  },
  {
    name: 'fields the schema does not know merge as JSON merge patch (lists replace)',
    original: { metadata: { name: 'a', extra: { keep: 1, drop: 2, list: [1, 2] } } },
    patch: { metadata: { extra: { drop: null, add: { x: 1 }, list: [3] } } },
    expected: { metadata: { name: 'a', extra: { keep: 1, list: [3], add: { x: 1 } } } },
  },
  {
    name: 'raw content (ControllerRevision data) merges as JSON merge patch',
    shape: ControllerRevision,
    original: { revision: 1, data: { spec: { template: { a: 1, list: [{ name: 'x' }] } } } },
    patch: { data: { spec: { template: { a: null, b: 2, list: [{ name: 'y' }] } } } },
    expected: { revision: 1, data: { spec: { template: { list: [{ name: 'y' }], b: 2 } } } },
  },
  {
    name: '$patch inside raw content is still a directive',
    shape: ControllerRevision,
    original: { revision: 1, data: { x: { y: 1 } } },
    patch: { data: { x: { $patch: 'replace', z: 2 } } },
    expected: { revision: 1, data: { x: { z: 2 } } },
  },
  {
    name: 'a null patch changes nothing',
    original: { metadata: { name: 'a' } },
    patch: null,
    expected: { metadata: { name: 'a' } },
  },
  {
    name: 'directive keys of a new map are not stored',
    original: { spec: { nodeName: 'n' } },
    patch: { spec: { securityContext: { runAsUser: 1, $retainKeys: ['runAsUser'] }, dnsConfig: { $patch: 'delete' } } },
    expected: { spec: { nodeName: 'n', securityContext: { runAsUser: 1 } } },
  },
];

for (const c of cases) {
  test(`strategic merge patch: ${c.name}`, () => {
    assert.deepEqual(applyStrategicMergePatch(c.original, c.patch, c.shape ?? Pod), c.expected);
  });
}

test('strategic merge patch does not change its inputs', () => {
  const original = { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'a', image: 'x' }] } };
  const patch = { metadata: { labels: { a: null } }, spec: { containers: [{ name: 'a', image: 'y' }, { name: 'b', $patch: 'delete' }] } };
  const before = [JSON.stringify(original), JSON.stringify(patch)];
  applyStrategicMergePatch(original, patch, Pod);
  assert.deepEqual([JSON.stringify(original), JSON.stringify(patch)], before);
});

interface ErrorCase {
  readonly name: string;
  readonly original?: unknown;
  readonly patch: unknown;
  readonly message: string;
  readonly code: number;
  readonly field?: string;
}

const errors: ErrorCase[] = [
  { name: 'a list is not a patch', patch: [{ op: 'add' }], message: 'json: cannot unmarshal array into Go value of type map[string]interface {}', code: 400 },
  { name: 'a string is not a patch', patch: 'x', message: 'json: cannot unmarshal string into Go value of type map[string]interface {}', code: 400 },
  {
    name: '$patch: merge is not a map directive',
    original: { metadata: { labels: { a: '1' } } },
    patch: { metadata: { labels: { $patch: 'merge', b: '2' } } },
    message: 'unknown patch type: merge in map: map[$patch:merge b:2]',
    code: 500,
  },
  {
    name: 'an unknown $patch value',
    original: { metadata: { labels: { a: '1' } } },
    patch: { metadata: { labels: { $patch: 'X' } } },
    message: 'unknown patch type: X in map: map[$patch:X]',
    code: 500,
  },
  {
    name: 'a map where the schema has a list',
    original: { spec: { containers: [{ name: 'a' }] } },
    patch: { spec: { containers: { name: 'a', image: 'x' } } },
    message: 'cannot restore slice from map',
    code: 422,
    field: 'spec.containers',
  },
  {
    name: 'a string where the schema has a list, with nothing to merge with',
    original: { spec: { nodeName: 'n' } },
    patch: { spec: { tolerations: 'all' } },
    message: 'cannot restore slice from string',
    code: 422,
    field: 'spec.tolerations',
  },
  { name: 'a string where the schema has a struct', patch: { spec: 'x' }, message: 'cannot restore struct from: string', code: 422, field: 'spec' },
  {
    name: 'a list where the schema has a map',
    original: { metadata: { labels: { a: '1' } } },
    patch: { metadata: { labels: ['a'] } },
    message: 'cannot restore map from slice',
    code: 422,
    field: 'metadata.labels',
  },
];

for (const c of errors) {
  test(`strategic merge patch error: ${c.name}`, () => {
    assert.throws(
      () => applyStrategicMergePatch(c.original ?? {}, c.patch, Pod),
      (e: unknown) => {
        assert.ok(e instanceof StrategicMergeError);
        assert.equal(e.message, c.message);
        assert.equal(e.code, c.code);
        if (c.field !== undefined) assert.equal(e.field, c.field);
        return true;
      },
    );
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage, path } from '../field-errors.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate, type MetaLike } from './object-meta.ts';

const namespaced = { namespaced: true, validateName: nameIsDNSSubdomain };
const cluster = { namespaced: false, validateName: nameIsDNSSubdomain };
const messages = (meta: MetaLike, rules = namespaced): string[] => validateObjectMeta(meta, rules, path('metadata')).map(fieldErrorMessage);

test('object metadata: valid and invalid', () => {
  const cases: Array<[string, MetaLike, typeof namespaced, string[]]> = [
    ['ok', { name: 'web', namespace: 'default', labels: { app: 'web' } }, namespaced, []],
    ['generateName only', { generateName: 'web-', namespace: 'default' }, namespaced, []],
    ['no name', { namespace: 'default' }, namespaced, ['metadata.name: Required value: name or generateName is required']],
    ['no namespace', { name: 'a' }, namespaced, ['metadata.namespace: Required value']],
    ['namespace on a cluster type', { name: 'a', namespace: 'x' }, cluster, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['bad label', { name: 'a', namespace: 'd', labels: { 'a b': 'x' } }, namespaced, [
      `metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]],
    ['two controllers', { name: 'a', namespace: 'd', ownerReferences: [
      { apiVersion: 'v1', kind: 'A', name: 'x', uid: '1', controller: true },
      { apiVersion: 'v1', kind: 'B', name: 'y', uid: '2', controller: true },
    ] }, namespaced, ['metadata.ownerReferences: Invalid value: []v1.OwnerReference{...}: Only one reference can have Controller set to true. Found "true" in references for Kind=A, Name=x and Kind=B, Name=y']],
    ['duplicate finalizer', { name: 'a', namespace: 'd', finalizers: ['x.io/f', 'x.io/f'] }, namespaced, ['metadata.finalizers[1]: Duplicate value: "x.io/f"']],
  ];
  for (const [what, meta, rules, expected] of cases) {
    const got = messages(meta, rules);
    if (what === 'two controllers') assert.match(got[0] ?? '', /Only one reference can have Controller set to true/, what);
    else assert.deepEqual(got, expected, what);
  }
});

test('object metadata: what an update may not change', () => {
  const old: MetaLike = { name: 'a', namespace: 'd', uid: 'u1', creationTimestamp: '2026-01-01T00:00:00Z' };
  const errs = validateObjectMetaUpdate({ ...old, name: 'b', uid: 'u2' }, old, namespaced, path('metadata')).map(fieldErrorMessage);
  assert.deepEqual(errs, ['metadata.name: Invalid value: "b": field is immutable', 'metadata.uid: Invalid value: "u2": field is immutable']);
  assert.deepEqual(validateObjectMetaUpdate({ ...old, labels: { new: 'label' } }, old, namespaced, path('metadata')), []);
});

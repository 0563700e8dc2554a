// Helpers shared by this folder's tests: a Deployment to apply, and the steps the API server
// would take around the pure functions (store with a uid, read fields back).

import assert from 'node:assert/strict';
import type { Result } from '../../result.ts';
import type { StatusError } from '../../status.ts';
import { Deployment } from '../../types/apps/v1/index.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { applyConfiguration, type ApplyOptions, type ApplyResult } from './apply.ts';
import { trackUpdate } from './update-tracking.ts';

export const T0 = Date.parse('2024-05-01T10:00:00Z');
export const deploymentScope = { shape: Deployment, apiVersion: 'apps/v1' } as const;

/** A Deployment apply configuration; `spec` fields and container fields can be overridden. */
export function deploymentConfig(spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'nginx' }): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'deployment', labels },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:latest', ...container }] } },
      ...spec,
    },
  };
}

export type Obj = Record<string, unknown>;

/** The object as stored: with a uid, as the server sets on create. */
export function stored(obj: Obj): Obj {
  return { ...obj, metadata: { ...(obj['metadata'] as Obj), uid: 'c0ffee', namespace: 'default' } };
}

export function applyOk(o: Partial<ApplyOptions> & Pick<ApplyOptions, 'applied'>): ApplyResult {
  const r = applyConfiguration({ ...deploymentScope, live: undefined, manager: 'apply_test', force: false, now: T0, ...o });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

export function applyErr(o: Partial<ApplyOptions> & Pick<ApplyOptions, 'applied'>): StatusError {
  const r: Result<ApplyResult, StatusError> = applyConfiguration({ ...deploymentScope, live: undefined, manager: 'apply_test', force: false, now: T0, ...o });
  assert.ok(!r.ok, 'expected the apply to fail');
  return r.error;
}

/** A non-apply write: `after` stored with the managedFields trackUpdate gives it. */
export function update(before: Obj | undefined, after: Obj, manager: string, now = T0, scope: object = deploymentScope): Obj {
  const managedFields = trackUpdate({ ...deploymentScope, ...scope, before, after, manager, now });
  const meta = { ...(after['metadata'] as Obj) };
  if (managedFields === undefined) delete meta['managedFields'];
  else meta['managedFields'] = managedFields;
  return stored({ ...after, metadata: meta });
}

export function managedFieldsOf(obj: Obj): ManagedFieldsEntry[] {
  return ((obj['metadata'] as Obj)['managedFields'] as ManagedFieldsEntry[] | undefined) ?? [];
}

/** The entries as `manager/operation: fieldsV1 JSON`, for compact assertions. */
export function summary(obj: Obj | ManagedFieldsEntry[] | undefined): string[] {
  const entries = Array.isArray(obj) ? obj : obj === undefined ? [] : managedFieldsOf(obj);
  return entries.map((e) => `${e.manager}/${e.operation}${e.subresource === undefined ? '' : `/${e.subresource}`}: ${JSON.stringify(e.fieldsV1)}`);
}

/** A value at a dotted path (list items by index). */
export function at(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  return v;
}

/** A merge patch applied the simple way (enough for the tests' updates). */
export function withChanges(obj: Obj, change: (copy: Obj) => void): Obj {
  const copy = structuredClone(obj);
  change(copy);
  return copy;
}

// Field management on every write, as upstream's handlers do it: non-apply writes (create,
// update, patch) make their manager the owner of the fields they changed, and server-side
// apply (PATCH application/apply-patch+yaml) merges a configuration with ownership, conflicts
// and force. The rest of the write goes through the generic store as usual.

import { parse as parseYaml } from 'yaml';
import { applyConfiguration, ignoreManagedFieldsTimestamps, managerOrUserAgent, trackUpdate } from '../../api/patch/apply/index.ts';
import { badRequest, invalid, notFound, StatusError } from '../../api/status.ts';
import type { ApiRequest } from '../http/types.ts';
import type { GenericStore, RequestScope, WrittenJson } from '../registry/generic-store.ts';
import { apiVersionOf, type ApiObject } from '../registry/resource.ts';
import { typedObject } from './codec.ts';
import type { FieldValidation } from './codec.ts';

export function managerOf(req: ApiRequest): string {
  return managerOrUserAgent(req.query.get('fieldManager') ?? undefined, req.headers['user-agent']);
}

/**
 * `after`, defaulted, with the managedFields of a non-apply write of it over `before`. `after`
 * is the request's own decoded object and is changed in place: it is defaulted as upstream's
 * decoder defaults a body before field tracking (the store's defaulting again finds nothing to do).
 */
export function trackWrite(store: GenericStore, req: ApiRequest, before: ApiObject | undefined, after: ApiObject, now: number, subresource?: string): ApiObject {
  const def = store.def;
  def.strategy.defaults?.(after);
  const managedFields = trackUpdate({
    before, after, manager: managerOf(req), now, shape: def.shape, apiVersion: apiVersionOf(def),
    ...(subresource === undefined ? {} : { subresource }),
  });
  const meta = (after.metadata ??= {}) as ApiObject['metadata'] & { managedFields?: unknown };
  if (managedFields === undefined || managedFields.length === 0) delete meta.managedFields;
  else meta.managedFields = managedFields;
  return before === undefined ? after : (ignoreManagedFieldsTimestamps(after, before) as ApiObject);
}

/**
 * Server-side apply of the request body to the object (or a new one): the object to store,
 * or nothing when the apply changes nothing. Conflicts throw the 409 upstream answers.
 */
export async function applyPatch(
  store: GenericStore, scope: RequestScope, name: string, req: ApiRequest, text: string, now: number, validation: FieldValidation, subresource?: string,
): Promise<{ object: ApiObject; created: boolean; json?: WrittenJson }> {
  const def = store.def;
  const manager = req.query.get('fieldManager') ?? '';
  if (manager === '') {
    throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [{ type: 'FieldValueRequired', field: 'fieldManager', badValue: '', detail: 'is required for apply patch' }]);
  }
  let applied: unknown;
  try {
    applied = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw badRequest(`error decoding YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (typeof applied !== 'object' || applied === null || Array.isArray(applied)) throw badRequest('the apply patch must be an object');
  // The configuration must fit the schema (unknown fields as fieldValidation says).
  typedObject({ ...(applied as Record<string, unknown>), apiVersion: apiVersionOf(def), kind: def.kind }, { apiVersion: apiVersionOf(def), kind: def.kind, shape: def.shape }, validation);
  const body = applied as ApiObject;
  return await store.readModifyWrite(scope, name, async (live, cached) => {
    if (live === undefined && subresource !== undefined) throw notFound({ group: def.group, resource: def.resource }, name);
    if (live === undefined && body.metadata?.uid !== undefined) {
      throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'uid mismatch: the provided object specified uid and no existing object was found', reason: 'Conflict', code: 409 });
    }
    const result = applyConfiguration({
      live, applied, manager, force: req.query.get('force') === 'true', now, shape: def.shape, apiVersion: apiVersionOf(def), kind: def.kind,
      ...(subresource === undefined ? {} : { subresource }),
    });
    if (!result.ok) throw result.error;
    let object = result.value.object as ApiObject;
    if ((object.metadata?.name ?? '') !== name) (object.metadata ??= {}).name = name;
    if (live === undefined) return { ...(await store.createWithJson(scope, object)), created: true };
    if (!result.value.changed) object = ignoreManagedFieldsTimestamps(object, live) as ApiObject;
    (object.metadata ??= {}).resourceVersion = live.metadata?.resourceVersion ?? '';
    const updated = await store.update(scope, name, object, { ...(subresource === undefined ? {} : { subresource }), current: live, derived: cached });
    return { object: updated.object, created: false, json: updated.json };
  });
}

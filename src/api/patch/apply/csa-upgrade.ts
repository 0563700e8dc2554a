// kubectl's migration of field ownership from client-side to server-side apply (client-go's
// csaupgrade.UpgradeManagedFields), which `kubectl apply --server-side` performs before
// applying: the client-side apply Update entry's fields are merged into the server-side Apply
// entry (created from the most recent Update entry when there is none), and the Update entries
// of the client-side manager go away. kubectl sends the result as a JSON patch of
// /metadata/managedFields; the server stores it through an ordinary update (trackUpdate honours
// managedFields given in a request).

import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { fieldsV1Object, parseFieldsV1 } from './fields-v1.ts';
import type { Result } from '../../result.ts';

/** The managers kubectl uses: client-side apply writes Updates as this one... */
export const CSA_MANAGER = 'kubectl-client-side-apply';
/** ...and server-side apply applies as this one. */
export const SSA_MANAGER = 'kubectl';

function isCsa(e: ManagedFieldsEntry, csa: string): boolean {
  return e.manager === csa && e.operation === 'Update' && (e.subresource ?? '') === '';
}

/**
 * The upgraded managedFields, or the entries unchanged when there is nothing to upgrade.
 * Entries are taken in their stored order, most relevant first as upstream assumes.
 */
export function upgradeManagedFields(
  entries: readonly ManagedFieldsEntry[] | undefined, csaManager = CSA_MANAGER, ssaManager = SSA_MANAGER,
): Result<ManagedFieldsEntry[] | undefined, string> {
  const fields = [...(entries ?? [])].map((e) => ({ ...e }));
  let target = fields.findIndex((e) => e.manager === ssaManager && e.operation === 'Apply' && (e.subresource ?? '') === '');
  if (target < 0) {
    target = fields.findIndex((e) => isCsa(e, csaManager));
    if (target < 0) return { ok: true, value: entries === undefined ? undefined : [...entries] };
    const converted = fields[target] as ManagedFieldsEntry;
    converted.operation = 'Apply';
    converted.manager = ssaManager;
  }
  const ssa = fields[target] as ManagedFieldsEntry;
  const ssaSet = parseFieldsV1(ssa.fieldsV1);
  if (!ssaSet.ok) return { ok: false, error: `failed to convert fields to set: ${ssaSet.error}` };
  let combined = ssaSet.value;
  const csa = fields.find((e) => isCsa(e, csaManager) && e.apiVersion === ssa.apiVersion);
  if (csa !== undefined) {
    const csaSet = parseFieldsV1(csa.fieldsV1);
    if (!csaSet.ok) return { ok: false, error: `failed to convert fields to set: ${csaSet.error}` };
    combined = combined.union(csaSet.value);
  }
  ssa.fieldsV1 = fieldsV1Object(combined);
  const kept = fields.filter((e) => !isCsa(e, csaManager));
  return { ok: true, value: kept.length === 0 ? undefined : kept };
}

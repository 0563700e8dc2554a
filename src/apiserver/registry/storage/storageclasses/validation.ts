// StorageClass validation, as upstream's storage validation (ValidateStorageClass,
// ValidateStorageClassUpdate, validateAllowedTopologies).

import { duplicate, forbidden, invalid, notSupported, path, required, tooLong, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { TopologySelectorTerm } from '../../../../api/types/core/v1/index.ts';
import type { StorageClass } from '../../../../api/types/storage/v1/index.ts';
import { isQualifiedName, validateLabelName } from '../../../../api/validation/names.ts';
import { semanticEqual } from '../../apps/replicasets/semantic-equal.ts';

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;

function validateParameters(parameters: Readonly<Record<string, string>> | undefined, at: Path): FieldError[] {
  const entries = Object.entries(parameters ?? {});
  if (entries.length > MAX_PARAMETERS) return [tooLong(at, MAX_PARAMETERS)];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of entries) {
    if (key === '') errs.push(invalid(at, key, 'field can not be empty.'));
    size += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong(at, MAX_PARAMETERS_SIZE));
  return errs;
}

function validateAllowedTopologies(terms: readonly TopologySelectorTerm[], at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const canonical = (byKey: ReadonlyMap<string, ReadonlySet<string>>): string =>
    JSON.stringify([...byKey].map(([k, v]) => [k, [...v].sort()]).sort());
  // Upstream compares each term with a list that starts with empty entries, so a term without
  // expressions always counts as a duplicate; kept so that results agree.
  const seen = new Set<string>(terms.length > 0 ? [canonical(new Map())] : []);
  terms.forEach((term, i) => {
    const exprAt = at.index(i).child('matchLabelExpressions');
    const byKey = new Map<string, Set<string>>();
    (term.matchLabelExpressions ?? []).forEach((req, j) => {
      const values = new Set<string>();
      if ((req.values ?? []).length === 0) errs.push(required(exprAt.index(j).child('values')));
      (req.values ?? []).forEach((value, k) => {
        if (values.has(value)) errs.push(duplicate(exprAt.index(j).child('values').index(k), value));
        values.add(value);
      });
      errs.push(...validateLabelName(req.key, exprAt.index(j).child('key')));
      if (byKey.has(req.key)) errs.push(duplicate(exprAt.index(j).child('key'), req.key));
      byKey.set(req.key, values);
    });
    const key = canonical(byKey);
    if (seen.has(key)) errs.push(duplicate(exprAt, ''));
    seen.add(key);
  });
  return errs;
}

export function validateStorageClass(sc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = sc.provisioner ?? '';
  if (provisioner === '') errs.push(required(path('provisioner')));
  else errs.push(...isQualifiedName(provisioner.toLowerCase()).map((m) => invalid(path('provisioner'), provisioner.toLowerCase(), m)));
  errs.push(...validateParameters(sc.parameters, path('parameters')));
  const reclaim: string = sc.reclaimPolicy ?? '';
  if (reclaim !== '' && reclaim !== 'Delete' && reclaim !== 'Retain') errs.push(notSupported(path('reclaimPolicy'), reclaim, ['Delete', 'Retain']));
  const mode: string | undefined = sc.volumeBindingMode;
  if (mode === undefined) errs.push(required(path('volumeBindingMode')));
  else if (mode !== 'Immediate' && mode !== 'WaitForFirstConsumer') errs.push(notSupported(path('volumeBindingMode'), mode, ['Immediate', 'WaitForFirstConsumer']));
  errs.push(...validateAllowedTopologies(sc.allowedTopologies ?? [], path('allowedTopologies')));
  return errs;
}

/** Provisioner, parameters, reclaim policy and binding mode are fixed at creation. */
export function validateStorageClassUpdate(sc: StorageClass, old: StorageClass): FieldError[] {
  const errs = validateStorageClass(sc);
  if (!semanticEqual(sc.parameters, old.parameters)) errs.push(forbidden(path('parameters'), 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden(path('provisioner'), 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden(path('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(invalid(path('volumeBindingMode'), sc.volumeBindingMode ?? null, 'field is immutable'));
  return errs;
}

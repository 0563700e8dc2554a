// What may change in a PersistentVolumeClaim after creation (upstream's
// ValidatePersistentVolumeClaimUpdate): nothing in spec, except that volumeName may be set
// once (binding), a bound claim's storage request may change (expansion), and a storage
// class may move from the beta annotation (or from nothing) to the field.

import { forbidden, invalid, path, type FieldError } from '../../../../api/field-errors.ts';
import { jsonClone, jsonEqual } from '../../../../api/json-equal.ts';
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from '../../../../api/types/core/v1/index.ts';
import { fieldDiff } from '../persistentvolumes/diff.ts';
import { quantityOf } from '../resourcequotas/resource-names.ts';

export const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

// Quantities compare by value, as upstream's semantic equality does ("1Gi" equals "1024Mi").
function canonical(spec: PersistentVolumeClaimSpec): PersistentVolumeClaimSpec {
  const out = jsonClone(spec);
  for (const list of [out.resources?.requests, out.resources?.limits]) {
    for (const [k, v] of Object.entries(list ?? {})) if (list !== undefined) list[k] = quantityOf(v)?.toString() ?? v;
  }
  return out;
}

function classFromAnnotation(oldAnn: Record<string, string>, newAnn: Record<string, string>, oldClass: string | undefined, newClass: string | undefined): boolean {
  const oldValue = oldAnn[BETA_STORAGE_CLASS];
  const newValue = newAnn[BETA_STORAGE_CLASS];
  return oldValue !== undefined && oldClass === undefined && newClass === oldValue && (newValue === undefined || newValue === oldValue);
}

export function validateClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs: FieldError[] = [];
  const next = canonical(pvc.spec ?? {});
  const prev = canonical(old.spec ?? {});
  // Binding: volumeName may be set once.
  if ((prev.volumeName ?? '') === '') {
    if (next.volumeName === undefined) delete prev.volumeName;
    else prev.volumeName = next.volumeName;
  }
  const oldAnn = old.metadata?.annotations ?? {};
  const newAnn = pvc.metadata?.annotations ?? {};
  if (classFromAnnotation(oldAnn, newAnn, old.spec?.storageClassName, pvc.spec?.storageClassName)) {
    delete next.storageClassName;
  } else {
    const value = newAnn[BETA_STORAGE_CLASS] ?? '';
    if (value !== (oldAnn[BETA_STORAGE_CLASS] ?? '')) {
      errs.push(invalid(path('metadata', 'annotations', BETA_STORAGE_CLASS), value, 'field is immutable'));
    }
    // A claim without a class may get one (a default class appearing later).
    const oldValue = oldAnn[BETA_STORAGE_CLASS];
    if (old.spec?.storageClassName === undefined && pvc.spec?.storageClassName !== undefined && (oldValue === undefined || pvc.spec.storageClassName === oldValue)) {
      delete next.storageClassName;
    }
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && next.resources?.requests !== undefined) {
    const storage = prev.resources?.requests?.['storage'];
    if (storage === undefined) delete next.resources.requests['storage'];
    else next.resources.requests['storage'] = storage;
  }
  if (bound && next.volumeAttributesClassName !== undefined) {
    if (prev.volumeAttributesClassName === undefined) delete next.volumeAttributesClassName;
    else next.volumeAttributesClassName = prev.volumeAttributesClassName;
  }
  if (!jsonEqual(next, prev)) {
    errs.push(forbidden(path('spec'), `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${fieldDiff('core.PersistentVolumeClaimSpec', prev, next)}`));
  }
  const newSize = quantityOf(pvc.spec?.resources?.requests?.['storage']);
  const oldSize = quantityOf(old.spec?.resources?.requests?.['storage']);
  const statusSize = quantityOf(old.status?.capacity?.['storage']);
  // RecoverVolumeExpansionFailure (on in 1.33): shrinking is allowed down to above the capacity.
  if (newSize !== undefined && oldSize !== undefined && newSize.cmp(oldSize) < 0 && (statusSize === undefined ? newSize.sign() <= 0 : newSize.cmp(statusSize) <= 0)) {
    errs.push(forbidden(path('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
  }
  // Upstream reports this one without the "spec." prefix.
  if (pvc.spec?.volumeMode !== old.spec?.volumeMode) errs.push(invalid(path('volumeMode'), pvc.spec?.volumeMode ?? null, 'field is immutable'));
  if (pvc.spec?.volumeAttributesClassName !== old.spec?.volumeAttributesClassName) {
    errs.push(forbidden(path('spec', 'volumeAttributesClassName'), 'update is forbidden when the VolumeAttributesClass feature gate is disabled'));
  }
  return errs;
}

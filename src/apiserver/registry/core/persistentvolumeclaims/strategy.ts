// PersistentVolumeClaims: requests for storage, bound to volumes by the volume controller.
// Defaults, validation and the immutability rules as upstream's. The VolumeAttributesClass
// feature gate is off in 1.33: its field is dropped on create, as upstream does.

import { invalid, notSupported, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { verbatim } from '../../../../api/go-format.ts';
import type { LabelSelector } from '../../../../api/labels/selector.ts';
import { PersistentVolumeClaim, PersistentVolumeClaimList, type PersistentVolumeClaimSpec, type TypedObjectReference } from '../../../../api/types/core/v1/index.ts';
import { validateLabelSelector } from '../../../../api/validation/label-selector.ts';
import { isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { validateAccessModes } from '../persistentvolumes/access-modes.ts';
import { VOLUME_MODES } from '../persistentvolumes/strategy.ts';
import { quantityOf, sortedEntries } from '../resourcequotas/resource-names.ts';
import { persistentVolumeClaimPrinter } from './printer.ts';
import { validateClaimUpdate } from './update.ts';

function validateDataSource(ref: TypedObjectReference, at: Path, withNamespace: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if ((ref.name ?? '') === '') errs.push(required(at.child('name')));
  if ((ref.kind ?? '') === '') errs.push(required(at.child('kind')));
  const group = ref.apiGroup ?? '';
  if (group === '' && ref.kind !== 'PersistentVolumeClaim') errs.push(invalid(at, ref.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  if (group !== '') errs.push(...isDNS1123Subdomain(group).map((m) => invalid(at.child('apiGroup'), group, m)));
  const namespace = ref.namespace ?? '';
  if (withNamespace && namespace !== '') errs.push(...isDNS1123Label(namespace).map((m) => invalid(at.child('namespace'), namespace, m)));
  return errs;
}

export function validateClaimSpec(spec: PersistentVolumeClaimSpec, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(required(at.child('accessModes'), 'at least 1 access mode is required'));
  if (spec.selector !== undefined) errs.push(...validateLabelSelector(spec.selector as LabelSelector, {}, at.child('selector')));
  errs.push(...validateAccessModes(modes, at.child('accessModes')));
  // Upstream's path for the storage request is "resources[storage]".
  const storageAt = at.child('resources').key('storage');
  const storage = spec.resources?.requests?.['storage'];
  if (storage === undefined) errs.push(required(storageAt));
  else if ((quantityOf(storage)?.sign() ?? 1) <= 0) errs.push(invalid(storageAt, quantityOf(storage)?.toString() ?? storage, 'must be greater than zero'));
  const cls = spec.storageClassName ?? '';
  if (cls !== '') errs.push(...isDNS1123Subdomain(cls).map((m) => invalid(at.child('storageClassName'), cls, m)));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported(at.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  if (spec.dataSource !== undefined) errs.push(...validateDataSource(spec.dataSource, at.child('dataSource'), false));
  if (spec.dataSourceRef !== undefined) errs.push(...validateDataSource(spec.dataSourceRef, at.child('dataSourceRef'), true));
  const source = spec.dataSource;
  const ref = spec.dataSourceRef;
  if ((ref?.namespace ?? '') !== '') {
    if (source !== undefined) errs.push(invalid(at, verbatim(at.child('dataSource').toString()), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (source !== undefined && ref !== undefined && (source.apiGroup !== ref.apiGroup || source.kind !== ref.kind || source.name !== ref.name)) {
    errs.push(invalid(at, verbatim(at.child('dataSource').toString()), 'must match dataSourceRef'));
  }
  return errs;
}

function validateClaimStatus(pvc: PersistentVolumeClaim): FieldError[] {
  const errs: FieldError[] = [];
  // Upstream spells this path "Spec".
  if ((pvc.spec?.accessModes ?? []).length === 0) errs.push(required(path('Spec', 'accessModes')));
  for (const [name, text] of sortedEntries(pvc.status?.capacity)) {
    const q = quantityOf(text);
    if (q !== undefined && q.value() < 0n) errs.push(invalid(path('status', 'capacity').key(name), Number(q.value()), 'must be a valid resource quantity'));
  }
  const alloc = path('status', 'allocatedResources');
  for (const [name, text] of sortedEntries(pvc.status?.allocatedResources)) {
    if (name !== 'storage') {
      errs.push(notSupported(alloc, name, ['storage']));
      continue;
    }
    const q = quantityOf(text);
    if (q !== undefined && q.sign() < 0) errs.push(invalid(alloc.key(name), Number(q.value()), 'must be a valid resource quantity'));
  }
  return errs;
}

/** Upstream's NormalizeDataSources: dataSource and dataSourceRef mirror each other. */
function normalizeDataSources(spec: PersistentVolumeClaimSpec): void {
  const source = spec.dataSource;
  const ref = spec.dataSourceRef;
  if (source !== undefined && ref === undefined) {
    spec.dataSourceRef = { ...source };
  } else if (ref !== undefined && source === undefined && (ref.namespace ?? '') === '') {
    const { namespace: _ns, ...local } = ref;
    spec.dataSource = local;
  }
}

export const persistentvolumeclaims: ResourceDef<PersistentVolumeClaim> = {
  group: '', version: 'v1', resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', kind: 'PersistentVolumeClaim', listKind: 'PersistentVolumeClaimList',
  namespaced: true, shortNames: ['pvc'], shape: PersistentVolumeClaim, listShape: PersistentVolumeClaimList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    defaults(pvc) {
      (pvc.spec ??= {}).volumeMode ??= 'Filesystem';
    },
    prepareForCreate(pvc) {
      pvc.status = { phase: 'Pending' };
      const spec = (pvc.spec ??= {});
      delete spec.volumeAttributesClassName;
      normalizeDataSources(spec);
    },
    prepareForUpdate(pvc, old) {
      const spec = (pvc.spec ??= {});
      if (old.spec?.volumeAttributesClassName === undefined) delete spec.volumeAttributesClassName;
    },
    validate: (pvc) => validateClaimSpec(pvc.spec ?? {}, path('spec')),
    validateUpdate: (pvc, old) => [...validateClaimSpec(pvc.spec ?? {}, path('spec')), ...validateClaimUpdate(pvc, old)],
    // The legacy "name" field selector upstream still serves.
    selectableFields: (pvc) => ({ name: pvc.metadata?.name ?? '' }),
  },
  status: {
    prepareForUpdate(pvc) {
      // Decoding defaults an empty phase, as upstream's SetDefaults_PersistentVolumeClaim.
      (pvc.status ??= {}).phase ||= 'Pending';
    },
    validateUpdate: validateClaimStatus,
  },
  printer: persistentVolumeClaimPrinter,
};

// PersistentVolumes: cluster-scoped storage. Defaults, validation and the phase transition
// time as upstream's (pkg/registry/core/persistentvolume and ValidatePersistentVolume*). The
// VolumeAttributesClass feature gate is off in 1.33, so its field is dropped as upstream does.

import { forbidden, invalid, notSupported, path, required, type FieldError } from '../../../../api/field-errors.ts';
import { verbatim } from '../../../../api/go-format.ts';
import { jsonEqual } from '../../../../api/json-equal.ts';
import { realClock, type Clock } from '../../../../api/clock.ts';
import { formatTime } from '../../../../api/schema/decode.ts';
import { PersistentVolume, PersistentVolumeList, type PersistentVolumeSpec } from '../../../../api/types/core/v1/index.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { quantityOf, sortedEntries } from '../resourcequotas/resource-names.ts';
import { validateAccessModes } from './access-modes.ts';
import { fieldDiff } from './diff.ts';
import { persistentVolumePrinter } from './printer.ts';
import { sourceFields, validateVolumeSources } from './sources.ts';

const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
export const VOLUME_MODES = ['Block', 'Filesystem'];

export function defaultPersistentVolume(pv: PersistentVolume): void {
  const spec = (pv.spec ??= {});
  spec.persistentVolumeReclaimPolicy ||= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  delete spec.volumeAttributesClassName;
}

/** Whether a path cleans to "/" (Go's path.Clean). */
function isRoot(p: string): boolean {
  if (!p.startsWith('/')) return false;
  const parts: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '' && segment !== '.') parts.push(segment);
  }
  return parts.length === 0;
}

function validateCapacity(spec: PersistentVolumeSpec): FieldError[] {
  const errs: FieldError[] = [];
  const at = path('spec', 'capacity');
  const capacity = spec.capacity ?? {};
  const names = Object.keys(capacity);
  if (names.length === 0) errs.push(required(at));
  if (capacity['storage'] === undefined || names.length > 1) {
    errs.push(notSupported(at, names.length === 0 ? verbatim('core.ResourceList(nil)') : capacity, ['storage']));
  }
  for (const [name, text] of sortedEntries(capacity)) {
    const q = quantityOf(text);
    if (q === undefined) continue;
    if (q.value() < 0n) errs.push(invalid(at.key(name), Number(q.value()), 'must be a valid resource quantity'));
    if (q.sign() <= 0) errs.push(invalid(at.key(name), q.toString(), 'must be greater than zero'));
  }
  return errs;
}

export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  const spec = pv.spec ?? {};
  const sp = path('spec');
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(required(sp.child('accessModes')));
  errs.push(...validateAccessModes(modes, sp.child('accessModes')));
  errs.push(...validateCapacity(spec));
  const policy = spec.persistentVolumeReclaimPolicy ?? '';
  if (policy !== '' && !RECLAIM_POLICIES.includes(policy)) errs.push(notSupported(sp.child('persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  if (spec.nodeAffinity !== undefined) {
    const req = spec.nodeAffinity.required;
    if (req === undefined) errs.push(required(sp.child('nodeAffinity', 'required'), 'must specify required node constraints'));
    else if (req.nodeSelectorTerms.length === 0) errs.push(required(sp.child('nodeAffinity', 'required', 'nodeSelectorTerms'), 'must have at least one node selector term'));
  }
  errs.push(...validateVolumeSources(spec, sp));
  const hostPath = spec.hostPath?.path;
  if (hostPath !== undefined && isRoot(hostPath) && policy === 'Recycle') {
    errs.push(forbidden(sp.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  const cls = spec.storageClassName ?? '';
  if (cls !== '') errs.push(...isDNS1123Subdomain(cls).map((m) => invalid(sp.child('storageClassName'), cls, m)));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported(sp.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  return errs;
}

export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const spec = pv.spec ?? {};
  const was = old.spec ?? {};
  const sources = sourceFields(spec);
  // A CSI volume may gain a controllerExpandSecretRef it lacked.
  if (was.csi !== undefined && was.csi.controllerExpandSecretRef === undefined && spec.csi?.controllerExpandSecretRef !== undefined) {
    const { controllerExpandSecretRef: _added, ...csi } = spec.csi;
    sources['csi'] = csi;
  }
  const before = sourceFields(was);
  if (!jsonEqual(sources, before)) {
    errs.push(forbidden(path('spec', 'persistentvolumesource'), `spec.persistentvolumesource is immutable after creation\n${fieldDiff('core.PersistentVolumeSource', before, sources)}`));
  }
  // Upstream reports these two without the "spec." prefix.
  if (spec.volumeMode !== was.volumeMode) errs.push(invalid(path('volumeMode'), spec.volumeMode ?? null, 'field is immutable'));
  if (was.nodeAffinity !== undefined && !jsonEqual(spec.nodeAffinity ?? null, was.nodeAffinity)) {
    errs.push(invalid(path('nodeAffinity'), spec.nodeAffinity ?? null, 'field is immutable, except for updating from beta label to GA'));
  }
  return errs;
}

/** PersistentVolumes; `clock` stamps status.lastPhaseTransitionTime. */
export function createPersistentVolumesDef(clock: Clock = realClock): ResourceDef<PersistentVolume> {
  return {
    group: '', version: 'v1', resource: 'persistentvolumes', singular: 'persistentvolume', kind: 'PersistentVolume', listKind: 'PersistentVolumeList',
    namespaced: false, shortNames: ['pv'], shape: PersistentVolume, listShape: PersistentVolumeList,
    strategy: {
      validateName: nameIsDNSSubdomain,
      defaults: defaultPersistentVolume,
      prepareForCreate(pv) {
        pv.status = { phase: 'Pending', lastPhaseTransitionTime: formatTime(clock.now()) };
      },
      validate: validatePersistentVolume,
      validateUpdate: validatePersistentVolumeUpdate,
      // The legacy "name" field selector upstream still serves.
      selectableFields: (pv) => ({ name: pv.metadata?.name ?? '' }),
    },
    status: {
      prepareForUpdate(pv, old) {
        const status = (pv.status ??= {});
        // Decoding defaults an empty phase, as upstream's SetDefaults_PersistentVolume.
        status.phase ||= 'Pending';
        const was = old.status ?? {};
        if (status.phase === was.phase) {
          // Unchanged phase: keep the stored transition time unless the writer set one.
          if (status.lastPhaseTransitionTime === undefined && was.lastPhaseTransitionTime !== undefined) status.lastPhaseTransitionTime = was.lastPhaseTransitionTime;
        } else if (status.lastPhaseTransitionTime === undefined || status.lastPhaseTransitionTime === was.lastPhaseTransitionTime) {
          status.lastPhaseTransitionTime = formatTime(clock.now());
        }
      },
    },
    printer: persistentVolumePrinter,
  };
}

export const persistentvolumes: ResourceDef<PersistentVolume> = createPersistentVolumesDef();

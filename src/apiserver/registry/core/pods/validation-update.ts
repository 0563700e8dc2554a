// What an update of a pod may change (upstream's ValidatePodUpdate): a pod's spec is fixed
// once created except for container images, a shorter activeDeadlineSeconds, added
// tolerations, removed scheduling gates (and, while gated, added node selectors) and a
// negative grace period raised to 1. Anything else is refused with upstream's sentence and
// a list of what differs.

import { forbidden, invalid, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { goQuote, verbatim } from '../../../../api/go-format.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { Container, Pod, PodSpec, Toleration } from '../../../../api/types/core/v1/index.ts';
import { MIRROR_POD_ANNOTATION } from './defaults.ts';
import { inclusiveRangeError } from './validation-common.ts';
import { validateTolerations } from './validation-scheduling.ts';
import { validatePodMetadataAndSpec } from './validation.ts';

const MAX_INT32 = 2147483647;

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/**
 * Equality as upstream's semantic DeepEqual sees decoded objects: a missing field equals its
 * zero value (false, 0, "", an empty list or map), since Go cannot tell them apart.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isZero(a) && isZero(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => semanticEqual(item, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  return [...new Set([...Object.keys(ao), ...Object.keys(bo)])].every((k) => semanticEqual(ao[k], bo[k]));
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** What differs between two specs, one "- old" / "+ new" pair per changed field, at most 40 lines. */
export function specDiff(old: unknown, next: unknown, at = 'spec'): string[] {
  if (semanticEqual(old, next)) return [];
  const bothObjects = typeof old === 'object' && typeof next === 'object' && old !== null && next !== null;
  if (bothObjects && Array.isArray(old) === Array.isArray(next) && !(Array.isArray(old) && Array.isArray(next) && old.length !== next.length)) {
    const o = old as Record<string, unknown>;
    const n = next as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
    return keys.flatMap((k) => specDiff(o[k], n[k], Array.isArray(old) ? `${at}[${k}]` : `${at}.${k}`)).slice(0, 40);
  }
  const show = (v: unknown): string => (v === undefined ? 'null' : JSON.stringify(v));
  return [`- ${at}: ${show(old)}`, `+ ${at}: ${show(next)}`];
}

function validateContainerUpdates(next: readonly Container[], old: readonly Container[], at: Path): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [forbidden(at, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((container, i) => {
    const image = container.image ?? '';
    if (image === '') errs.push(required(at.index(i).child('image')));
    if (image.trim() !== image) errs.push(invalid(at.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** Existing tolerations may only get a different tolerationSeconds; new ones may be added. */
function validateOnlyAddedTolerations(next: readonly Toleration[], old: readonly Toleration[], at: Path): FieldError[] {
  for (const existing of old) {
    if (!next.some((t) => sameToleration(existing, t))) return [forbidden(at, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, at);
}

function validateOnlyDeletedGates(spec: PodSpec, old: PodSpec, at: Path): FieldError[] {
  const oldNames = new Set((old.schedulingGates ?? []).map((g) => g.name));
  const errs: FieldError[] = [];
  (spec.schedulingGates ?? []).forEach((gate, i) => {
    if (!oldNames.has(gate.name)) errs.push(forbidden(at.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${gate.name}'`));
  });
  return errs;
}

function validateAnnotationUpdates(pod: Pod, old: Pod, at: Path): FieldError[] {
  const next = pod.metadata?.annotations ?? {};
  const before = old.metadata?.annotations ?? {};
  if (before[MIRROR_POD_ANNOTATION] !== undefined && next[MIRROR_POD_ANNOTATION] !== before[MIRROR_POD_ANNOTATION]) {
    return [forbidden(at.key(MIRROR_POD_ANNOTATION), 'may not remove or update mirror pod annotation')];
  }
  if (before[MIRROR_POD_ANNOTATION] === undefined && next[MIRROR_POD_ANNOTATION] !== undefined) {
    return [forbidden(at.key(MIRROR_POD_ANNOTATION), 'may not add mirror pod annotation')];
  }
  return [];
}

export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const spec = pod.spec ?? { containers: [] };
  const oldSpec = old.spec ?? { containers: [] };
  const specPath = path('spec');
  const errs = validatePodMetadataAndSpec(pod);
  errs.push(...validateAnnotationUpdates(pod, old, path('metadata', 'annotations')));
  for (const list of ['containers', 'initContainers'] as const) {
    const result = validateContainerUpdates(spec[list] ?? [], oldSpec[list] ?? [], specPath.child(list));
    errs.push(...result.errs);
    if (result.stop) return errs;
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined) {
    if (deadline < 0 || deadline > MAX_INT32) return [...errs, invalid(specPath.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(0, MAX_INT32))];
    if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds < deadline) {
      return [...errs, invalid(specPath.child('activeDeadlineSeconds'), deadline, 'must be less than or equal to previous value')];
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations ?? [], oldSpec.tolerations ?? [], specPath.child('tolerations')));
  errs.push(...validateOnlyDeletedGates(spec, oldSpec, specPath.child('schedulingGates')));
  if (semanticEqual(spec, oldSpec)) return errs;

  // Put back what may change, then any remaining difference is one that may not.
  const munged = jsonClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers?.[i]?.image ?? '' }));
  if (munged.initContainers !== undefined) {
    munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image ?? '' }));
  }
  setOrDelete(munged, 'activeDeadlineSeconds', oldSpec.activeDeadlineSeconds);
  setOrDelete(munged, 'schedulingGates', oldSpec.schedulingGates);
  setOrDelete(munged, 'tolerations', oldSpec.tolerations);
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if ((oldSpec.schedulingGates ?? []).length > 0 && !semanticEqual(munged.nodeSelector, oldSpec.nodeSelector)) {
    // A gated pod may gain node selectors (narrowing where it can go), never lose or change them.
    const next = munged.nodeSelector ?? {};
    const changed = Object.entries(oldSpec.nodeSelector ?? {}).some(([k, v]) => next[k] !== v);
    const shown = verbatim(`map[string]string{${Object.keys(next).sort().map((k) => `${goQuote(k)}:${goQuote(next[k] ?? '')}`).join(', ')}}`);
    if (changed) errs.push(invalid(specPath.child('nodeSelector'), shown, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
    setOrDelete(munged, 'nodeSelector', oldSpec.nodeSelector);
  }
  if (!semanticEqual(munged, oldSpec)) {
    const diff = specDiff(oldSpec, munged).join('\n');
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${diff}`));
  }
  return errs;
}

function setOrDelete<K extends keyof PodSpec>(spec: PodSpec, field: K, value: PodSpec[K] | undefined): void {
  if (value === undefined) delete spec[field];
  else spec[field] = value;
}

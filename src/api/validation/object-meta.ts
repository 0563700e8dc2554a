// Validation of metadata, the part every object shares (upstream's ValidateObjectMeta and
// ValidateObjectMetaUpdate): names, namespaces, labels, annotations, owner references,
// finalizers, and what may not change on update.

import { duplicate, forbidden, invalid, required, type FieldError, type Path } from '../field-errors.ts';
import { isDNS1123Label, isQualifiedName, validateAnnotations, validateLabels, type ValidateNameFunc } from './names.ts';

/** The metadata fields validation looks at (a subset of meta/v1 ObjectMeta). */
export interface MetaLike {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean; blockOwnerDeletion?: boolean }>;
  finalizers?: string[];
}

export interface MetaRules {
  readonly namespaced: boolean;
  readonly validateName: ValidateNameFunc;
}

export function validateObjectMeta(meta: MetaLike, rules: MetaRules, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = meta.name ?? '';
  const generateName = meta.generateName ?? '';
  if (generateName !== '') {
    for (const msg of rules.validateName(generateName, true)) errs.push(invalid(at.child('generateName'), generateName, msg));
  }
  if (name === '') {
    if (generateName === '') errs.push(required(at.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of rules.validateName(name, false)) errs.push(invalid(at.child('name'), name, msg));
  }
  const namespace = meta.namespace ?? '';
  if (rules.namespaced) {
    if (namespace === '') errs.push(required(at.child('namespace')));
    else for (const msg of isDNS1123Label(namespace)) errs.push(invalid(at.child('namespace'), namespace, msg));
  } else if (namespace !== '') {
    errs.push(forbidden(at.child('namespace'), 'not allowed on this type'));
  }
  if (meta.generation !== undefined && meta.generation < 0) errs.push(invalid(at.child('generation'), meta.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(meta.labels, at.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, at.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences ?? [], at.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers ?? [], at.child('finalizers')));
  return errs;
}

function validateOwnerReferences(refs: NonNullable<MetaLike['ownerReferences']>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  refs.forEach((ref, i) => {
    const here = at.index(i);
    if ((ref.apiVersion ?? '') === '') errs.push(invalid(here.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if ((ref.kind ?? '') === '') errs.push(invalid(here.child('kind'), ref.kind ?? '', 'kind must not be empty'));
    if ((ref.name ?? '') === '') errs.push(invalid(here.child('name'), ref.name ?? '', 'name must not be empty'));
    if ((ref.uid ?? '') === '') errs.push(invalid(here.child('uid'), ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller === true) controllers.push(`Kind=${ref.kind ?? ''}, Name=${ref.name ?? ''}`);
  });
  if (controllers.length > 1) {
    errs.push(invalid(at, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`));
  }
  return errs;
}

function validateFinalizers(finalizers: readonly string[], at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  finalizers.forEach((finalizer, i) => {
    for (const msg of isQualifiedName(finalizer)) errs.push(invalid(at.index(i), finalizer, msg));
    if (seen.has(finalizer)) errs.push(duplicate(at.index(i), finalizer));
    seen.add(finalizer);
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(at, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

const IMMUTABLE = 'field is immutable';

/** What may not change between the stored metadata and an update of it. */
export function validateObjectMetaUpdate(next: MetaLike, old: MetaLike, rules: MetaRules, at: Path): FieldError[] {
  const errs = validateObjectMeta(next, rules, at);
  const same = (field: 'name' | 'namespace' | 'uid' | 'creationTimestamp'): void => {
    if ((next[field] ?? '') !== (old[field] ?? '')) errs.push(invalid(at.child(field), next[field] ?? '', IMMUTABLE));
  };
  same('name');
  same('namespace');
  same('uid');
  same('creationTimestamp');
  if (old.deletionTimestamp !== undefined && next.deletionTimestamp !== old.deletionTimestamp) {
    errs.push(invalid(at.child('deletionTimestamp'), next.deletionTimestamp ?? null, IMMUTABLE));
  }
  if (old.deletionGracePeriodSeconds !== undefined && next.deletionGracePeriodSeconds !== old.deletionGracePeriodSeconds) {
    errs.push(invalid(at.child('deletionGracePeriodSeconds'), next.deletionGracePeriodSeconds ?? null, IMMUTABLE));
  }
  return errs;
}

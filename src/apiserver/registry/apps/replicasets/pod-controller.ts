// Rules shared by the controllers that run pods from a template (ReplicaSet, Deployment,
// StatefulSet, DaemonSet), as upstream's apps validation states them: a selector that
// selects the template's labels, a template that is a valid pod restarted Always and
// without activeDeadlineSeconds, and a selector that no apps/v1 update may change.

import { forbidden, invalid, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { fromLabelSelector, isEmpty, matches, type LabelSelector as SelectorSpec, type Selector } from '../../../../api/labels/selector.ts';
import type { LabelSelector } from '../../../../api/types/meta/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { validateLabelSelector } from '../../../../api/validation/label-selector.ts';
import { validatePodTemplateSpec } from '../../core/pods/validation.ts';
import { goLabelSelector, goStringMap } from './go-values.ts';
import { semanticEqual } from './semantic-equal.ts';

/**
 * An object's selector as the label helpers take it. The API type holds any operator text;
 * those helpers check the operator at run time and report unknown ones.
 */
export function asSelectorSpec(selector: LabelSelector | undefined): SelectorSpec | undefined {
  return selector as SelectorSpec | undefined;
}

/**
 * A required, valid, non-empty selector. `noun` ends upstream's message "empty selector is
 * invalid for <noun>" (ReplicaSets say "deployment" there, as upstream's do).
 */
export function validateRequiredSelector(selector: LabelSelector | undefined, noun: string, at: Path): FieldError[] {
  if (selector === undefined) return [required(at)];
  const errs = validateLabelSelector(asSelectorSpec(selector), {}, at);
  if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errs.push(invalid(at, goLabelSelector(selector), `empty selector is invalid for ${noun}`));
  }
  return errs;
}

/**
 * The selector converted for matching, or undefined when it cannot be (the caller reports
 * that as upstream does). A missing selector selects nothing, so no template matches it.
 */
export function selectorFor(selector: LabelSelector | undefined): Selector | undefined {
  const converted = fromLabelSelector(asSelectorSpec(selector));
  return converted.ok ? converted.value : undefined;
}

/** The template's labels must be selected, unless the selector is empty (selects everything). */
export function validateTemplateLabels(selector: Selector, template: PodTemplateSpec | undefined, at: Path): FieldError[] {
  const labels = template?.metadata?.labels;
  if (isEmpty(selector) || matches(selector, labels)) return [];
  return [invalid(at.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`')];
}

/** Controllers keep their pods running: restartPolicy Always, no activeDeadlineSeconds. */
export function validateRestartAlways(template: PodTemplateSpec | undefined, kind: string, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const restartPolicy: string = template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(at.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(at.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** Upstream's ValidatePodTemplateSpecForReplicaSet, for ReplicaSets and Deployments. */
export function validateReplicaSetTemplate(template: PodTemplateSpec | undefined, selector: Selector, at: Path): FieldError[] {
  // A missing template is validated as an empty one, as upstream's internal (non-pointer) field is.
  const t = template ?? {};
  return [
    ...validateTemplateLabels(selector, t, at),
    ...validatePodTemplateSpec(t, at),
    ...validateRestartAlways(t, 'ReplicaSet', at),
  ];
}

/** The selector and template of a ReplicaSet or Deployment spec. */
export function validateSelectorAndTemplate(
  spec: { selector?: LabelSelector; template?: PodTemplateSpec } | undefined, at: Path,
): FieldError[] {
  const errs = validateRequiredSelector(spec?.selector, 'deployment', at.child('selector'));
  const selector = selectorFor(spec?.selector);
  if (selector === undefined) errs.push(invalid(at.child('selector'), goLabelSelector(spec?.selector), 'invalid label selector'));
  else errs.push(...validateReplicaSetTemplate(spec?.template, selector, at.child('template')));
  return errs;
}

/** apps/v1 forbids changing spec.selector after creation. */
export function validateSelectorUnchanged(next: LabelSelector | undefined, old: LabelSelector | undefined, at: Path): FieldError[] {
  return semanticEqual(next, old) ? [] : [invalid(at, goLabelSelector(next), 'field is immutable')];
}

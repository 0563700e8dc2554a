// DaemonSet validation, as upstream's apps validation (ValidateDaemonSetSpec,
// ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet, validateDaemonSetStatus).

import { invalid, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { DaemonSetSpec, DaemonSetStatus, DaemonSetUpdateStrategy, RollingUpdateDaemonSet } from '../../../../api/types/apps/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { validateLabelSelector } from '../../../../api/validation/label-selector.ts';
import { validatePodTemplateSpec } from '../../core/pods/validation.ts';
import { goIntOrString, goLabelSelector } from '../replicasets/go-values.ts';
import { intOrPercentValue, isNotMoreThan100Percent, nonNegative, validatePositiveIntOrPercent } from '../replicasets/int-or-percent.ts';
import { asSelectorSpec, selectorFor, validateRestartAlways, validateTemplateLabels } from '../replicasets/pod-controller.ts';

function validateRollingUpdate(ru: RollingUpdateDaemonSet, at: Path): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, at.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, at.child('maxSurge')),
    ...isNotMoreThan100Percent(ru.maxUnavailable, at.child('maxUnavailable')),
    ...isNotMoreThan100Percent(ru.maxSurge, at.child('maxSurge')),
  ];
  // Exactly one of the two may be non-zero.
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(at.child('maxSurge'), goIntOrString(ru.maxSurge ?? 0), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(at.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined, at: Path): FieldError[] {
  switch (strategy?.type as string | undefined) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return strategy?.rollingUpdate === undefined ? [required(at.child('rollingUpdate'))] : validateRollingUpdate(strategy.rollingUpdate, at.child('rollingUpdate'));
    default:
      return [notSupported(at, strategy ?? {}, ['RollingUpdate', 'OnDelete'])];
  }
}

/**
 * A missing selector is no error of its own here, as upstream has it: it selects nothing,
 * so the template's labels do not match it.
 */
export function validateDaemonSetSpec(given: DaemonSetSpec | undefined, at: Path): FieldError[] {
  const spec = given ?? ({} as DaemonSetSpec);
  const template = (spec.template as PodTemplateSpec | undefined) ?? {};
  const errs = validateLabelSelector(asSelectorSpec(spec.selector), {}, at.child('selector'));
  const selector = selectorFor(spec.selector);
  if (selector !== undefined) errs.push(...validateTemplateLabels(selector, template, at.child('template')));
  const sel = spec.selector as DaemonSetSpec['selector'] | undefined;
  if (sel !== undefined && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(invalid(at.child('selector'), goLabelSelector(sel), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, at.child('template')));
  errs.push(...validateRestartAlways(template, 'DaemonSet', at.child('template')));
  errs.push(...nonNegative(spec.minReadySeconds ?? 0, at.child('minReadySeconds')));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, at.child('updateStrategy')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, at.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSetStatus(status: DaemonSetStatus | undefined, at: Path): FieldError[] {
  const fields = ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration',
    'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount'] as const;
  return fields.flatMap((f) => nonNegative(status?.[f], at.child(f)));
}

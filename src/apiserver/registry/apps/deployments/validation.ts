// Deployment spec and status validation, as upstream's apps validation (ValidateDeploymentSpec,
// ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidateDeploymentStatus).

import { forbidden, invalid, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { DeploymentSpec, DeploymentStatus, DeploymentStrategy, RollingUpdateDeployment } from '../../../../api/types/apps/v1/index.ts';
import { goIntOrString } from '../replicasets/go-values.ts';
import { intOrPercentValue, isNotMoreThan100Percent, nonNegative, validatePositiveIntOrPercent } from '../replicasets/int-or-percent.ts';
import { validateSelectorAndTemplate } from '../replicasets/pod-controller.ts';

function validateRollingUpdate(ru: RollingUpdateDeployment, at: Path): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, at.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, at.child('maxSurge')),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(at.child('maxUnavailable'), goIntOrString(ru.maxUnavailable ?? 0), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, at.child('maxUnavailable')));
  return errs;
}

export function validateDeploymentStrategy(strategy: DeploymentStrategy | undefined, at: Path): FieldError[] {
  const type: string = strategy?.type ?? '';
  switch (type) {
    case 'Recreate':
      return strategy?.rollingUpdate === undefined ? [] : [forbidden(at.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")];
    case 'RollingUpdate':
      return strategy?.rollingUpdate === undefined
        ? [required(at.child('rollingUpdate'), 'this should be defaulted and never be nil')]
        : validateRollingUpdate(strategy.rollingUpdate, at.child('rollingUpdate'));
    default:
      return [notSupported(at, strategy ?? {}, ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeploymentSpec(spec: DeploymentSpec | undefined, at: Path): FieldError[] {
  const errs = [
    ...nonNegative(spec?.replicas, at.child('replicas')),
    ...validateSelectorAndTemplate(spec, at),
    ...validateDeploymentStrategy(spec?.strategy, at.child('strategy')),
    ...nonNegative(spec?.minReadySeconds, at.child('minReadySeconds')),
    ...nonNegative(spec?.revisionHistoryLimit, at.child('revisionHistoryLimit')),
  ];
  const deadline = spec?.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errs.push(...nonNegative(deadline, at.child('progressDeadlineSeconds')));
    if (deadline <= (spec?.minReadySeconds ?? 0)) {
      errs.push(invalid(at.child('progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeploymentStatus(status: DeploymentStatus | undefined, at: Path): FieldError[] {
  const replicas = status?.replicas ?? 0;
  const updated = status?.updatedReplicas ?? 0;
  const ready = status?.readyReplicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  const errs = [
    ...nonNegative(status?.observedGeneration, at.child('observedGeneration')),
    ...nonNegative(replicas, at.child('replicas')),
    ...nonNegative(updated, at.child('updatedReplicas')),
    ...nonNegative(ready, at.child('readyReplicas')),
    ...nonNegative(available, at.child('availableReplicas')),
    ...nonNegative(status?.unavailableReplicas, at.child('unavailableReplicas')),
    ...nonNegative(status?.collisionCount, at.child('collisionCount')),
  ];
  const msg = 'cannot be greater than status.replicas';
  if (updated > replicas) errs.push(invalid(at.child('updatedReplicas'), updated, msg));
  if (ready > replicas) errs.push(invalid(at.child('readyReplicas'), ready, msg));
  if (available > replicas) errs.push(invalid(at.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(at.child('availableReplicas'), available, 'cannot be greater than readyReplicas'));
  return errs;
}

/** A status counter that only grows (collisionCount): unset counts as 0 only when it was unset. */
export function validateNotDecremented(next: number | undefined, old: number | undefined, at: Path): FieldError[] {
  if (old === undefined) return [];
  return next === undefined || next < old ? [invalid(at, next ?? 0, 'cannot be decremented')] : [];
}

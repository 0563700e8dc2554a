// PodDisruptionBudgets: how many pods of a set voluntary disruptions may take down. Either
// minAvailable or maxUnavailable, each a count or a percentage of at most 100%. The spec
// may change (policy/v1); a change bumps generation.

import { invalid, notSupported, path, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { PodDisruptionBudget, PodDisruptionBudgetList, type PodDisruptionBudgetSpec, type PodDisruptionBudgetStatus } from '../../../../api/types/policy/v1/index.ts';
import { validateLabelSelector } from '../../../../api/validation/label-selector.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { isNotMoreThan100Percent, nonNegative, validatePositiveIntOrPercent } from '../../apps/replicasets/int-or-percent.ts';
import { asSelectorSpec } from '../../apps/replicasets/pod-controller.ts';
import { validateConditions } from './conditions.ts';
import { podDisruptionBudgetPrinter } from './printer.ts';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

export function validatePodDisruptionBudgetSpec(spec: PodDisruptionBudgetSpec | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (spec?.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalid(at, spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const field of ['minAvailable', 'maxUnavailable'] as const) {
    errs.push(...validatePositiveIntOrPercent(spec?.[field], at.child(field)));
    errs.push(...isNotMoreThan100Percent(spec?.[field], at.child(field)));
  }
  errs.push(...validateLabelSelector(asSelectorSpec(spec?.selector), {}, at.child('selector')));
  const policy: string | undefined = spec?.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !EVICTION_POLICIES.includes(policy)) errs.push(notSupported(at.child('unhealthyPodEvictionPolicy'), policy, EVICTION_POLICIES));
  return errs;
}

export function validatePodDisruptionBudgetStatus(status: PodDisruptionBudgetStatus | undefined, at: Path): FieldError[] {
  const errs = validateConditions(status?.conditions, at.child('conditions'));
  for (const field of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] as const) {
    errs.push(...nonNegative(status?.[field] ?? 0, at.child(field)));
  }
  return errs;
}

export const poddisruptionbudgets: ResourceDef<PodDisruptionBudget> = {
  group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', kind: 'PodDisruptionBudget',
  listKind: 'PodDisruptionBudgetList', namespaced: true, shortNames: ['pdb'], shape: PodDisruptionBudget, listShape: PodDisruptionBudgetList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    prepareForCreate(pdb) {
      pdb.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    },
    validate: (pdb) => validatePodDisruptionBudgetSpec(pdb.spec, path('spec')),
    validateUpdate: (pdb) => validatePodDisruptionBudgetSpec(pdb.spec, path('spec')),
  },
  status: {
    validateUpdate: (pdb) => validatePodDisruptionBudgetStatus(pdb.status, path('status')),
  },
  printer: podDisruptionBudgetPrinter,
};

// StatefulSet validation, as upstream's apps validation (ValidateStatefulSetSpec,
// ValidateStatefulSetUpdate, ValidateStatefulSetStatus).

import { forbidden, invalid, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { RollingUpdateStatefulSetStrategy, StatefulSetSpec, StatefulSetStatus } from '../../../../api/types/apps/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { validatePodTemplateSpec } from '../../core/pods/validation.ts';
import { goIntOrString, goLabelSelector } from '../replicasets/go-values.ts';
import { intOrPercentValue, isNotMoreThan100Percent, nonNegative, validatePositiveIntOrPercent } from '../replicasets/int-or-percent.ts';
import { selectorFor, validateRequiredSelector, validateRestartAlways, validateTemplateLabels } from '../replicasets/pod-controller.ts';
import { semanticEqual } from '../replicasets/semantic-equal.ts';

function validateRollingUpdate(ru: RollingUpdateStatefulSetStrategy, at: Path): FieldError[] {
  const errs = nonNegative(ru.partition ?? 0, at.child('partition'));
  const maxUnavailable = ru.maxUnavailable;
  if (maxUnavailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(maxUnavailable, at.child('maxUnavailable')));
    if (intOrPercentValue(maxUnavailable) === 0) errs.push(invalid(at.child('maxUnavailable'), goIntOrString(maxUnavailable), 'cannot be 0'));
    errs.push(...isNotMoreThan100Percent(maxUnavailable, at.child('maxUnavailable')));
  }
  return errs;
}

function validateRetentionPolicyType(value: string | undefined, at: Path): FieldError[] {
  return value === 'Retain' || value === 'Delete' ? [] : [notSupported(at, value ?? '', ['Retain', 'Delete'])];
}

/**
 * The pod template, validated as a pod. Upstream skips the pod part for StatefulSets because
 * the containers mount the claim templates by name; here each claim template stands in as a
 * volume of that name, so those mounts resolve and the rest of the pod is still checked.
 */
function validateStatefulSetTemplate(spec: StatefulSetSpec, at: Path): FieldError[] {
  const template: PodTemplateSpec = spec.template as PodTemplateSpec | undefined ?? {};
  const volumes = [...(template.spec?.volumes ?? [])];
  for (const claim of spec.volumeClaimTemplates ?? []) {
    const name = claim.metadata?.name ?? '';
    if (!volumes.some((v) => v.name === name)) volumes.push({ name, persistentVolumeClaim: { claimName: name } });
  }
  const withClaims: PodTemplateSpec = template.spec === undefined ? template : { ...template, spec: { ...template.spec, volumes } };
  return validatePodTemplateSpec(withClaims, at);
}

export function validateStatefulSetSpec(given: StatefulSetSpec | undefined, at: Path): FieldError[] {
  const spec = given ?? ({} as StatefulSetSpec);
  const errs: FieldError[] = [];
  const policy: string = spec.podManagementPolicy ?? '';
  if (policy === '') errs.push(required(at.child('podManagementPolicy')));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(invalid(at.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = spec.updateStrategy;
  const type: string = strategy?.type ?? '';
  const strategyAt = at.child('updateStrategy');
  if (type === '') errs.push(required(strategyAt));
  else if (type === 'OnDelete') {
    if (strategy?.rollingUpdate !== undefined) errs.push(invalid(strategyAt.child('rollingUpdate'), strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    if (strategy?.rollingUpdate !== undefined) errs.push(...validateRollingUpdate(strategy.rollingUpdate, strategyAt.child('rollingUpdate')));
  } else errs.push(invalid(strategyAt, strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention !== undefined) {
    const retentionAt = at.child('persistentVolumeClaimRetentionPolicy');
    errs.push(...validateRetentionPolicyType(retention.whenDeleted, retentionAt.child('whenDeleted')));
    errs.push(...validateRetentionPolicyType(retention.whenScaled, retentionAt.child('whenScaled')));
  }
  errs.push(...nonNegative(spec.replicas ?? 0, at.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds ?? 0, at.child('minReadySeconds')));
  if (spec.ordinals !== undefined) errs.push(...nonNegative(spec.ordinals.start ?? 0, at.child('ordinals.start')));
  errs.push(...validateRequiredSelector(spec.selector as StatefulSetSpec['selector'] | undefined, 'statefulset', at.child('selector')));
  const selector = selectorFor(spec.selector);
  if (selector === undefined) errs.push(invalid(at.child('selector'), goLabelSelector(spec.selector), ''));
  else {
    errs.push(...validateTemplateLabels(selector, spec.template, at.child('template')));
    errs.push(...validateStatefulSetTemplate(spec, at.child('template')));
  }
  errs.push(...validateRestartAlways(spec.template, 'StatefulSet', at.child('template')));
  return errs;
}

/** The fields an update may change; any other change of spec is forbidden. */
const MUTABLE: readonly (keyof StatefulSetSpec)[] = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function validateStatefulSetSpecUpdate(spec: StatefulSetSpec | undefined, old: StatefulSetSpec | undefined, at: Path): FieldError[] {
  const strip = (s: StatefulSetSpec | undefined): Record<string, unknown> =>
    Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !MUTABLE.includes(k as keyof StatefulSetSpec)));
  if (semanticEqual(strip(spec), strip(old))) return [];
  return [forbidden(at, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
}

export function validateStatefulSetStatus(status: StatefulSetStatus | undefined, at: Path): FieldError[] {
  const replicas = status?.replicas ?? 0;
  const ready = status?.readyReplicas ?? 0;
  const current = status?.currentReplicas ?? 0;
  const updated = status?.updatedReplicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  const errs = [
    ...nonNegative(replicas, at.child('replicas')),
    ...nonNegative(ready, at.child('readyReplicas')),
    ...nonNegative(current, at.child('currentReplicas')),
    ...nonNegative(updated, at.child('updatedReplicas')),
    ...nonNegative(available, at.child('availableReplicas')),
    ...nonNegative(status?.observedGeneration, at.child('observedGeneration')),
    ...nonNegative(status?.collisionCount, at.child('collisionCount')),
  ];
  const msg = 'cannot be greater than status.replicas';
  if (ready > replicas) errs.push(invalid(at.child('readyReplicas'), ready, msg));
  if (current > replicas) errs.push(invalid(at.child('currentReplicas'), current, msg));
  if (updated > replicas) errs.push(invalid(at.child('updatedReplicas'), updated, msg));
  if (available > replicas) errs.push(invalid(at.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(at.child('availableReplicas'), available, 'cannot be greater than status.readyReplicas'));
  return errs;
}

// ReplicaSets: a number of identical pods from a template. One replica by default; the
// selector must select the template's labels and never changes; status counts may not
// exceed the replicas they count from.

import { invalid, path, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { ReplicaSet, ReplicaSetList, type ReplicaSetSpec, type ReplicaSetStatus } from '../../../../api/types/apps/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import { defaultPodTemplateSpec } from '../../core/pods/defaults.ts';
import type { ResourceDef, SubresourceDef } from '../../resource.ts';
import { nonNegative } from './int-or-percent.ts';
import { validateSelectorAndTemplate, validateSelectorUnchanged } from './pod-controller.ts';
import { replicaSetPrinter } from './printer.ts';

/** The scale subresource of every scalable apps resource (served by the scale handler). */
export const SCALE_SUBRESOURCE: SubresourceDef = { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };

export function validateReplicaSetSpec(spec: ReplicaSetSpec | undefined, at: Path): FieldError[] {
  return [
    ...nonNegative(spec?.replicas, at.child('replicas')),
    ...nonNegative(spec?.minReadySeconds, at.child('minReadySeconds')),
    ...validateSelectorAndTemplate(spec, at),
  ];
}

export function validateReplicaSetStatus(status: ReplicaSetStatus | undefined, at: Path): FieldError[] {
  const replicas = status?.replicas ?? 0;
  const fully = status?.fullyLabeledReplicas ?? 0;
  const ready = status?.readyReplicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  const errs = [
    ...nonNegative(replicas, at.child('replicas')),
    ...nonNegative(fully, at.child('fullyLabeledReplicas')),
    ...nonNegative(ready, at.child('readyReplicas')),
    ...nonNegative(available, at.child('availableReplicas')),
    ...nonNegative(status?.observedGeneration, at.child('observedGeneration')),
  ];
  const msg = 'cannot be greater than status.replicas';
  if (fully > replicas) errs.push(invalid(at.child('fullyLabeledReplicas'), fully, msg));
  if (ready > replicas) errs.push(invalid(at.child('readyReplicas'), ready, msg));
  if (available > replicas) errs.push(invalid(at.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(at.child('availableReplicas'), available, 'cannot be greater than readyReplicas'));
  return errs;
}

export const replicasets: ResourceDef<ReplicaSet> = {
  group: 'apps', version: 'v1', resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', listKind: 'ReplicaSetList',
  namespaced: true, shortNames: ['rs'], categories: ['all'], shape: ReplicaSet, listShape: ReplicaSetList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    defaults(rs) {
      if (rs.spec === undefined) return;
      rs.spec.replicas ??= 1;
      if (rs.spec.template !== undefined) defaultPodTemplateSpec(rs.spec.template);
    },
    prepareForCreate(rs) {
      rs.status = { replicas: 0 };
    },
    validate: (rs) => validateReplicaSetSpec(rs.spec, path('spec')),
    validateUpdate: (rs, old) => [
      ...validateReplicaSetSpec(rs.spec, path('spec')),
      ...validateSelectorUnchanged(rs.spec?.selector, old.spec?.selector, path('spec', 'selector')),
    ],
    selectableFields: (rs) => ({ 'status.replicas': String(rs.status?.replicas ?? 0) }),
  },
  status: {
    validateUpdate: (rs) => validateReplicaSetStatus(rs.status, path('status')),
  },
  subresources: [SCALE_SUBRESOURCE],
  printer: replicaSetPrinter,
};

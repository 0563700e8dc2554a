// Leases: leader election locks and node heartbeats. A PUT may create one. The coordinated
// leader election fields (strategy, preferredHolder) belong to the CoordinatedLeaderElection
// feature, off by default in 1.33: dropped unless the stored Lease already uses them.

import { forbidden, invalid, notSupported, path, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { Lease, LeaseList, type LeaseSpec } from '../../../../api/types/coordination/v1/index.ts';
import { isQualifiedName, nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { leasePrinter } from './printer.ts';

const STRATEGIES = ['OldestEmulationVersion'];

function validateStrategy(strategy: string, at: Path): FieldError[] {
  // Upstream reports these one level further down, at spec.strategy.strategy.
  const here = at.child('strategy');
  if (!strategy.includes('/')) return STRATEGIES.includes(strategy) ? [] : [notSupported(here, strategy, STRATEGIES)];
  return isQualifiedName(strategy).map((m) => invalid(here, strategy, m));
}

export function validateLeaseSpec(spec: LeaseSpec | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (spec?.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid(at.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec?.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(invalid(at.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec?.strategy !== undefined) errs.push(...validateStrategy(spec.strategy, at.child('strategy')));
  if ((spec?.preferredHolder ?? '') !== '' && (spec?.strategy ?? '') === '') {
    errs.push(forbidden(at.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

function dropCoordinatedFields(lease: Lease, old: Lease | undefined): void {
  const spec = lease.spec;
  if (spec === undefined) return;
  if (old?.spec?.strategy === undefined) delete spec.strategy;
  if (old?.spec?.preferredHolder === undefined) delete spec.preferredHolder;
}

export const leases: ResourceDef<Lease> = {
  group: 'coordination.k8s.io', version: 'v1', resource: 'leases', singular: 'lease', kind: 'Lease', listKind: 'LeaseList',
  namespaced: true, shape: Lease, listShape: LeaseList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    allowCreateOnUpdate: true,
    prepareForCreate: (lease) => dropCoordinatedFields(lease, undefined),
    prepareForUpdate: (lease, old) => dropCoordinatedFields(lease, old),
    validate: (lease) => validateLeaseSpec(lease.spec, path('spec')),
    validateUpdate: (lease) => validateLeaseSpec(lease.spec, path('spec')),
  },
  printer: leasePrinter,
};

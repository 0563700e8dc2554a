// ResourceQuotas: limits on what a namespace may use, and (status, written by the quota
// controller) what it uses. Validation of resource names, amounts and scopes as upstream's.

import { invalid, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { goQuote, verbatim } from '../../../../api/go-format.ts';
import { ResourceQuota, ResourceQuotaList, type ResourceQuotaSpec } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { resourceQuotaPrinter } from './printer.ts';
import { isStandardQuotaResourceName, sortedEntries, validateQuotaResourceName, validateResourceQuantityValue } from './resource-names.ts';

// VolumeAttributesClass is a scope only with its feature gate, off in 1.33.
const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
const POD_COUNT = ['pods'];
const POD_COMPUTE = ['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory'];
const CONFLICTS = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];
const EXISTS_ONLY = ['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'];

function scopeAppliesTo(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return POD_COUNT.includes(resource);
  if (SCOPES.includes(scope)) return POD_COUNT.includes(resource) || POD_COMPUTE.includes(resource);
  return true;
}

function scopeList(scopes: readonly string[]): unknown {
  return verbatim(`[]core.ResourceQuotaScope{${scopes.map((s) => goQuote(s)).join(', ')}}`);
}

function validateResourceList(list: Readonly<Record<string, string>> | undefined, at: Path): FieldError[] {
  return sortedEntries(list).flatMap(([name, value]) => [
    ...validateQuotaResourceName(name, at.key(name)),
    ...validateResourceQuantityValue(name, value, at.key(name)),
  ]);
}

function validateScopes(spec: ResourceQuotaSpec, hard: readonly string[]): FieldError[] {
  const scopes = spec.scopes ?? [];
  const errs: FieldError[] = [];
  const at = path('spec', 'scopes');
  for (const scope of scopes) {
    if (!SCOPES.includes(scope)) errs.push(invalid(at, scopeList(scopes), 'unsupported scope'));
    for (const resource of hard) {
      if (isStandardQuotaResourceName(resource) && !scopeAppliesTo(scope, resource)) errs.push(invalid(at, scopeList(scopes), 'unsupported scope applied to resource'));
    }
  }
  for (const pair of CONFLICTS) if (pair.every((s) => scopes.includes(s as never))) errs.push(invalid(at, scopeList(scopes), 'conflicting scopes'));
  return errs;
}

function validateScopeSelector(spec: ResourceQuotaSpec, hard: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const at = path('spec', 'scopeSelector', 'matchExpressions');
  const seen = new Set<string>();
  for (const req of spec.scopeSelector?.matchExpressions ?? []) {
    if (!SCOPES.includes(req.scopeName)) errs.push(invalid(at.child('scopeName'), req.scopeName, 'unsupported scope'));
    for (const resource of hard) {
      if (isStandardQuotaResourceName(resource) && !scopeAppliesTo(req.scopeName, resource)) {
        errs.push(invalid(at, spec.scopeSelector, 'unsupported scope applied to resource'));
      }
    }
    if (EXISTS_ONLY.includes(req.scopeName) && req.operator !== 'Exists') {
      errs.push(invalid(at.child('operator'), req.operator, 'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity'));
    }
    const values = req.values ?? [];
    if (req.operator === 'In' || req.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(at.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (req.operator === 'Exists' || req.operator === 'DoesNotExist') {
      if (values.length !== 0) errs.push(invalid(at.child('values'), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      errs.push(invalid(at.child('operator'), req.operator, 'not a valid selector operator'));
    }
    seen.add(req.scopeName);
  }
  for (const pair of CONFLICTS) if (pair.every((s) => seen.has(s))) errs.push(invalid(at, scopeList(spec.scopes ?? []), 'conflicting scopes'));
  return errs;
}

export function validateResourceQuotaSpec(quota: ResourceQuota): FieldError[] {
  const spec = quota.spec ?? {};
  const hard = sortedEntries(spec.hard).map(([name]) => name);
  return [
    ...validateResourceList(spec.hard, path('spec', 'hard')),
    ...validateScopes(spec, hard),
    ...(spec.scopeSelector === undefined ? [] : validateScopeSelector(spec, hard)),
  ];
}

export function validateResourceQuotaStatus(quota: ResourceQuota): FieldError[] {
  return [...validateResourceList(quota.status?.hard, path('status', 'hard')), ...validateResourceList(quota.status?.used, path('status', 'used'))];
}

export const resourcequotas: ResourceDef<ResourceQuota> = {
  group: '', version: 'v1', resource: 'resourcequotas', singular: 'resourcequota', kind: 'ResourceQuota', listKind: 'ResourceQuotaList',
  namespaced: true, shortNames: ['quota'], shape: ResourceQuota, listShape: ResourceQuotaList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    // The quota controller fills in the status.
    prepareForCreate(quota) {
      quota.status = {};
    },
    validate: (quota) => [...validateResourceQuotaSpec(quota), ...validateResourceQuotaStatus(quota)],
    validateUpdate(quota, old) {
      const errs = validateResourceQuotaSpec(quota);
      const scopes = new Set(quota.spec?.scopes ?? []);
      const oldScopes = new Set(old.spec?.scopes ?? []);
      if (scopes.size !== oldScopes.size || [...scopes].some((s) => !oldScopes.has(s))) {
        errs.push(invalid(path('spec', 'scopes'), scopeList(quota.spec?.scopes ?? []), 'field is immutable'));
      }
      return errs;
    },
  },
  status: { validateUpdate: validateResourceQuotaStatus },
  printer: resourceQuotaPrinter,
};

// A Service's IP families and family policy, decided from what the user asked for and what the
// cluster has (upstream's initIPFamilyFields in pkg/registry/core/service/storage/alloc.go).
// k8ts clusters are single-stack IPv4 unless configured otherwise.

import { invalid, path, type FieldError } from '../../../../api/field-errors.ts';
import type { IPFamily as ServiceIPFamily, Service } from '../../../../api/types/core/v1/index.ts';
import { ipFamilyOf, type IPFamily } from './ip.ts';
import { validateClusterIPFields } from './validation-ips.ts';

function otherFamily(family: ServiceIPFamily | undefined): IPFamily {
  return family === 'IPv6' ? 'IPv4' : 'IPv6';
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

// A PreferDualStack Service is not up- or downgraded just because the cluster changed.
function unchangedPreferDualStack(svc: Service, old: Service | undefined): boolean {
  const spec = svc.spec ?? {};
  const was = old?.spec ?? {};
  const assigned = ['ClusterIP', 'NodePort', 'LoadBalancer'];
  return old !== undefined && spec.ipFamilyPolicy === 'PreferDualStack' && was.ipFamilyPolicy === 'PreferDualStack'
    && spec.type === was.type && assigned.includes(spec.type ?? '')
    && sameList(spec.clusterIPs, was.clusterIPs) && sameList(spec.ipFamilies, was.ipFamilies);
}

/**
 * Fills spec.ipFamilyPolicy and spec.ipFamilies (mutating the Service) and returns the field
 * errors that make the request impossible on this cluster; `configured` lists the cluster's
 * families, primary first.
 */
export function initIPFamilyFields(svc: Service, old: Service | undefined, configured: readonly IPFamily[]): FieldError[] {
  const spec = (svc.spec ??= {});
  if (spec.type === 'ExternalName' || unchangedPreferDualStack(svc, old)) return [];
  const headlessSelectorless = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  if (spec.ipFamilyPolicy === undefined) {
    if (old?.spec?.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else spec.ipFamilyPolicy = headlessSelectorless ? 'RequireDualStack' : 'SingleStack';
  }
  const loose = validateClusterIPFields(svc);
  if (loose.length > 0) return loose;

  const errs: FieldError[] = [];
  const policyPath = path('spec', 'ipFamilyPolicy');
  if (old !== undefined) {
    if (spec.ipFamilyPolicy === 'SingleStack') {
      // Single-stack with unchanged fields is a clear request to drop the secondary.
      if (sameList(spec.clusterIPs, old.spec?.clusterIPs) && (spec.clusterIPs ?? []).length > 1) spec.clusterIPs = spec.clusterIPs?.slice(0, 1) ?? [];
      if (sameList(spec.ipFamilies, old.spec?.ipFamilies) && (spec.ipFamilies ?? []).length > 1) spec.ipFamilies = spec.ipFamilies?.slice(0, 1) ?? [];
    } else {
      const fewer = (now: readonly string[] | undefined, before: readonly string[] | undefined): boolean =>
        (now ?? []).length > 0 && (now ?? []).length < (before ?? []).length;
      if (fewer(spec.clusterIPs, old.spec?.clusterIPs)) errs.push(invalid(policyPath, spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
      if (fewer(spec.ipFamilies, old.spec?.ipFamilies)) errs.push(invalid(policyPath, spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
    }
  }
  if (spec.ipFamilyPolicy === 'SingleStack') {
    if ((spec.clusterIPs ?? []).length === 2) {
      errs.push(invalid(policyPath, spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if ((spec.ipFamilies ?? []).length === 2) {
      errs.push(invalid(policyPath, spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  const ips = spec.clusterIPs ?? [];
  for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
    const family = ipFamilyOf(ips[i] ?? '');
    if (family === undefined || i < (spec.ipFamilies ?? []).length) continue;
    if (!configured.includes(family)) errs.push(invalid(path('spec', 'clusterIPs').index(i), ips, `${family} is not configured on this cluster`));
    else spec.ipFamilies = [...(spec.ipFamilies ?? []), family];
  }
  if (errs.length > 0) return errs;

  const primary = configured[0] ?? 'IPv4';
  if (headlessSelectorless) {
    // Headless Services without a selector may name families the cluster lacks.
    const given = spec.ipFamilies ?? [];
    const families: ServiceIPFamily[] = given.length > 0 ? given : [primary];
    spec.ipFamilies = families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack' ? [...families, otherFamily(families[0])] : families;
    return [];
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack' && configured.length < 2) {
    errs.push(invalid(policyPath, spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  (spec.ipFamilies ?? []).forEach((family, i) => {
    if (!configured.includes(family as IPFamily)) errs.push(invalid(path('spec', 'ipFamilies').index(i), family, 'not configured on this cluster'));
  });
  if (errs.length > 0) return errs;
  if ((spec.ipFamilies ?? []).length === 0) spec.ipFamilies = [primary];
  const families = spec.ipFamilies ?? [primary];
  if (spec.ipFamilyPolicy !== 'SingleStack' && families.length === 1 && configured.length === 2) {
    spec.ipFamilies = [...families, otherFamily(families[0])];
  }
  return [];
}

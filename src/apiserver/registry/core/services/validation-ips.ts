// Validation of a Service's clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy, on their own
// and across an update (upstream's ValidateServiceClusterIPsRelatedFields,
// validateUpgradeDowngradeClusterIPs and validateUpgradeDowngradeIPFamilies).

import { duplicate, invalid, notSupported, path, required, type FieldError } from '../../../../api/field-errors.ts';
import type { Service } from '../../../../api/types/core/v1/index.ts';
import { goQuote, verbatim, type Verbatim } from '../../../../api/go-format.ts';
import { ipFamilyOf, validateIP } from './ip.ts';

const FAMILIES = ['IPv4', 'IPv6'];
const POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/** A family list as Go's %#v prints it: []core.IPFamily{"IPv4"}. */
function familyList(families: readonly string[]): Verbatim {
  return verbatim(`[]core.IPFamily{${families.map((f) => goQuote(f)).join(', ')}}`);
}

/** Headless: clusterIPs is exactly ["None"]. */
export function isHeadless(svc: Service): boolean {
  const ips = svc.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === 'None';
}

export function validateClusterIPFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  // ExternalName Services were checked to have none of these.
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ipsPath = path('spec', 'clusterIPs');
  const clusterIP = spec.clusterIP ?? '';
  const ips = spec.clusterIPs ?? [];
  if (clusterIP !== '') {
    if (ips.length === 0) errs.push(required(ipsPath));
    else if (ips[0] !== clusterIP) errs.push(invalid(ipsPath, ips, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(invalid(ipsPath, ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((family, i) => {
    const at = path('spec', 'ipFamilies').index(i);
    if (!FAMILIES.includes(family)) errs.push(notSupported(at, family, FAMILIES));
    if (seen.has(family)) errs.push(duplicate(at, family));
    seen.add(family);
  });
  if (spec.ipFamilyPolicy !== undefined && !POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported(path('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy, POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid(ipsPath, ips, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = validateIP(ipsPath.index(i), ip);
    if (ipErrs.length > 0) badIPs = true;
    errs.push(...ipErrs);
  });
  if (ips.length > 2) errs.push(invalid(ipsPath, ips, 'may only hold up to 2 values'));
  // Further checks would only restate a bad address.
  if (badIPs) return errs;
  if (ips.length > 1 && ipFamilyOf(ips[0] ?? '') === ipFamilyOf(ips[1] ?? '')) {
    errs.push(invalid(ipsPath, ips, 'may specify no more than one IP for each IP family'));
  }
  const families = spec.ipFamilies ?? [];
  if (!isHeadless(svc) && families.length > 0) {
    ips.forEach((ip, i) => {
      const family = families[i];
      if (family === undefined) return;
      const actual = ipFamilyOf(ip);
      if (family === 'IPv4' && actual === 'IPv6') errs.push(invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (family === 'IPv6' && actual !== 'IPv6') errs.push(invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** Cluster IPs may be added (upgrade) or the secondary removed (downgrade), never changed. */
export function validateClusterIPsUpdate(svc: Service, old: Service): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadless(svc) && isHeadless(old)) return [];
  const errs: FieldError[] = [];
  const ips = svc.spec?.clusterIPs ?? [];
  const oldIPs = old.spec?.clusterIPs ?? [];
  const first = path('spec', 'clusterIPs').index(0);
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== ips[i]) errs.push(invalid(path('spec', 'clusterIPs').index(i), ips, 'may not change once set'));
    });
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errs.push(invalid(first, ips, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(invalid(first, ips, 'may not change once set'));
    if (ips.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid(path('spec', 'ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errs.push(invalid(first, ips, 'may not change once set'));
  }
  return errs;
}

/** The primary family may not change; a secondary may be added or dropped (to SingleStack). */
export function validateIPFamiliesUpdate(svc: Service, old: Service): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadless(svc) || isHeadless(old)) return [];
  const errs: FieldError[] = [];
  const families = svc.spec?.ipFamilies ?? [];
  const oldFamilies = old.spec?.ipFamilies ?? [];
  const first = path('spec', 'ipFamilies').index(0);
  const ips = svc.spec?.clusterIPs ?? [];
  if (oldFamilies.length === families.length) {
    oldFamilies.forEach((family, i) => {
      if (family !== families[i]) errs.push(invalid(first, familyList(families), 'may not change once set'));
    });
  } else if (oldFamilies.length > families.length) {
    if (ips.length === 0) errs.push(invalid(first, familyList(families), 'primary ipFamily can not be unset'));
    if (families.length > 0 && families[0] !== oldFamilies[0]) errs.push(invalid(first, ips, 'may not change once set'));
    if (families.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid(path('spec', 'ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldFamilies.length > 0 && families.length > 0 && families[0] !== oldFamilies[0]) {
    errs.push(invalid(first, ips, 'may not change once set'));
  }
  return errs;
}

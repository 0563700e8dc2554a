// Validation of compute resources (upstream's validateResourceRequirements and the resource
// name helpers): known names or vendor-qualified extended ones, non-negative quantities,
// requests within limits, and extended resources that cannot be overcommitted.

import { duplicate, forbidden, invalid, notFound, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { parseQuantity, type Quantity } from '../../../../api/quantity.ts';
import type { ResourceRequirements } from '../../../../api/types/core/v1/index.ts';
import { isQualifiedName } from '../../../../api/validation/names.ts';
import { NEGATIVE_MESSAGE, validateDNSLabel } from './validation-common.ts';

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'quotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods', 'quotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const HUGEPAGES_PREFIX = 'hugepages-';

export const isHugePageResourceName = (name: string): boolean => name.startsWith(HUGEPAGES_PREFIX);

/** Resources named by Kubernetes itself: unprefixed, or prefixed with a kubernetes.io domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Vendor resources such as example.com/gpu: counted in whole units, never overcommitted. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

function validateResourceName(name: string, at: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(at, name, m));
  if (errs.length > 0) return errs;
  const standard = STANDARD_RESOURCES.has(name) || isHugePageResourceName(name) || name.startsWith('requests.hugepages-');
  if (!name.includes('/') && !standard) errs.push(invalid(at, name, 'must be a standard resource type or fully qualified'));
  return errs;
}

function validateContainerResourceName(name: string, at: Path): FieldError[] {
  const errs = validateResourceName(name, at);
  if (!name.includes('/')) {
    if (!CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) errs.push(invalid(at, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(at, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** A quantity that is not negative, and whole for resources counted in units. */
export function validateResourceQuantityValue(name: string, quantity: Quantity, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (quantity.sign() < 0) errs.push(invalid(at, quantity.toString(), NEGATIVE_MESSAGE));
  if ((INTEGER_RESOURCES.has(name) || isExtendedResourceName(name)) && quantity.milliValue() % 1000n !== 0n) {
    errs.push(invalid(at, quantity.toString(), 'must be an integer'));
  }
  return errs;
}

function hugePageValueError(name: string, quantity: Quantity): string | undefined {
  const page = parseQuantity(name.slice(HUGEPAGES_PREFIX.length));
  const pageSize = page.ok ? page.value.value() : 0n;
  if (pageSize > 0n && quantity.value() % pageSize === 0n) return undefined;
  return `${quantity.toString()} is not positive integer multiple of ${name}`;
}

function parsed(text: string): Quantity | undefined {
  const result = parseQuantity(text);
  return result.ok ? result.value : undefined;
}

export function validateResourceRequirements(resources: ResourceRequirements | undefined, claimNames: ReadonlySet<string>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = at.child('limits');
  const reqPath = at.child('requests');
  let cpuOrMemory = false;
  let hugePages = false;
  const limits = resources?.limits ?? {};
  for (const [name, text] of Object.entries(limits)) {
    const here = limPath.key(name);
    errs.push(...validateContainerResourceName(name, here));
    const quantity = parsed(text);
    if (quantity === undefined) continue;
    errs.push(...validateResourceQuantityValue(name, quantity, here));
    if (isHugePageResourceName(name)) {
      hugePages = true;
      const message = hugePageValueError(name, quantity);
      if (message !== undefined) errs.push(invalid(here, quantity.toString(), message));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, text] of Object.entries(resources?.requests ?? {})) {
    const here = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, here));
    const quantity = parsed(text);
    if (quantity === undefined) continue;
    errs.push(...validateResourceQuantityValue(name, quantity, here));
    const limitText = limits[name];
    const limit = limitText === undefined ? undefined : parsed(limitText);
    if (limit !== undefined) {
      // Upstream reports these at the requests map, with the request as the value.
      if (quantity.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, quantity.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (quantity.cmp(limit) > 0) {
        errs.push(invalid(reqPath, quantity.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      hugePages = true;
      const message = hugePageValueError(name, quantity);
      if (message !== undefined) errs.push(invalid(here, quantity.toString(), message));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(at, 'HugePages require cpu or memory'));
  errs.push(...validateClaimReferences(resources?.claims ?? [], claimNames, at.child('claims')));
  return errs;
}

function validateClaimReferences(claims: ReadonlyArray<{ name: string; request?: string }>, claimNames: ReadonlySet<string>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  claims.forEach((claim, i) => {
    const here = at.index(i);
    if (claim.name === '') {
      errs.push(required(here));
      return;
    }
    const key = claim.request ? `${claim.name}/${claim.request}` : claim.name;
    if (claim.request) errs.push(...validateDNSLabel(claim.request, here.child('request')));
    if (seen.has(claim.name) || seen.has(key)) errs.push(duplicate(here, seen.has(claim.name) ? claim.name : key));
    else if (!claim.request && [...seen].some((k) => k.startsWith(`${claim.name}/`))) errs.push(duplicate(here, claim.name));
    seen.add(key);
    if (!claimNames.has(claim.name)) {
      const known = [...claimNames].sort();
      const detail = `must be one of the names in pod.spec.resourceClaims${known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`}`;
      errs.push({ ...notFound(here, claim.name), detail });
    }
  });
  return errs;
}

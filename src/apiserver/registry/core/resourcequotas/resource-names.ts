// Resource names and amounts as quotas and limit ranges accept them (upstream's
// pkg/apis/core/helper resource name sets and the resource name checks of core validation).

import { invalid, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { parseQuantity, type Quantity } from '../../../../api/quantity.ts';
import { isQualifiedName } from '../../../../api/validation/names.ts';

const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const COUNTED = ['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers'];
const COMPUTE = [
  ...CONTAINER_RESOURCES, 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
];
const STANDARD = new Set([...COMPUTE, ...COUNTED, 'storage', 'requests.storage']);
const STANDARD_QUOTA = new Set([...COMPUTE, ...COUNTED, 'requests.storage']);
const INTEGER = new Set(COUNTED);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

/** Unprefixed, or in a kubernetes.io domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** A domain-prefixed resource outside kubernetes.io (example.com/gpu). */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA.has(name) || isQuotaHugePageResourceName(name);
}

/** Counts of objects and extended resources come in whole units. */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER.has(name) || isExtendedResourceName(name);
}

/** Hugepages and extended resources may not be overcommitted: request must equal limit. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

export function validateResourceName(name: string, at: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(at, name, m));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !STANDARD.has(name) && !isQuotaHugePageResourceName(name)) {
    errs.push(invalid(at, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

export function validateContainerResourceName(name: string, at: Path): FieldError[] {
  const errs = validateResourceName(name, at);
  if (!name.includes('/')) {
    if (!CONTAINER_RESOURCES.includes(name) && !isHugePageResourceName(name)) errs.push(invalid(at, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(at, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

export function validateQuotaResourceName(name: string, at: Path): FieldError[] {
  const errs = validateResourceName(name, at);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) errs.push(invalid(at, name, 'must be a standard resource for quota'));
  return errs;
}

/** Parses an amount already checked by the decoder; undefined if it is not a quantity. */
export function quantityOf(text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const parsed = parseQuantity(text);
  return parsed.ok ? parsed.value : undefined;
}

/** Non-negative, and whole for resources counted in units (upstream's ValidateResourceQuantityValue). */
export function validateResourceQuantityValue(name: string, text: string, at: Path): FieldError[] {
  const q = quantityOf(text);
  if (q === undefined) return [];
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(at, q.toString(), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && q.milliValue() % 1000n !== 0n) errs.push(invalid(at, q, 'must be an integer'));
  return errs;
}

/** The entries of a resource list in a fixed order (Go iterates maps at random). */
export function sortedEntries(list: Readonly<Record<string, string>> | undefined): Array<[string, string]> {
  return Object.entries(list ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

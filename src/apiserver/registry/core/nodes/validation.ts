// Validation of nodes (upstream's ValidateNode and ValidateNodeUpdate): taints unique by key
// and effect, pod CIDRs one per family and fixed once assigned, provider ID fixed once set,
// and non-negative resource quantities.

import { isIP } from 'node:net';
import { duplicate, forbidden, internalError, invalid, path, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { goQuote, verbatim } from '../../../../api/go-format.ts';
import { parseQuantity } from '../../../../api/quantity.ts';
import type { Node, Taint } from '../../../../api/types/core/v1/index.ts';
import { isValidLabelValue, validateLabelName } from '../../../../api/validation/names.ts';
import { validateResourceQuantityValue } from '../pods/validation-resources.ts';
import { validateTaintEffect } from '../pods/validation-scheduling.ts';

/** The IP family (4 or 6) of a CIDR such as 10.42.0.0/24, or 0 if it is not one. */
export function cidrFamily(value: string): number {
  const slash = value.indexOf('/');
  if (slash < 0) return 0;
  const family = isIP(value.slice(0, slash));
  const bits = value.slice(slash + 1);
  if (family === 0 || !/^[0-9]{1,3}$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128)) return 0;
  return family;
}

/** A taint as Go's %#v prints it in upstream's duplicate message. */
function goTaint(taint: Taint): string {
  return `core.Taint{Key:${goQuote(taint.key ?? '')}, Value:${goQuote(taint.value ?? '')}, Effect:${goQuote(taint.effect ?? '')}, TimeAdded:(*v1.Time)(nil)}`;
}

export function validateTaints(taints: readonly Taint[] | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((taint, i) => {
    const here = at.index(i);
    errs.push(...validateLabelName(taint.key ?? '', here.child('key')));
    const msgs = isValidLabelValue(taint.value ?? '');
    if (msgs.length > 0) errs.push(invalid(here.child('value'), taint.value ?? '', msgs.join(';')));
    errs.push(...validateTaintEffect(taint.effect, false, here.child('effect')));
    const key = `${taint.effect ?? ''}\u0000${taint.key ?? ''}`;
    if (seen.has(key)) {
      errs.push({ ...duplicate(here, verbatim(goTaint(taint))), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(key);
  });
  return errs;
}

function validateResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['capacity', 'allocatable'] as const) {
    for (const [name, text] of Object.entries(node.status?.[list] ?? {})) {
      const quantity = parseQuantity(text);
      // Upstream joins the resource name as a field, not a key: status.capacity.cpu.
      if (quantity.ok) errs.push(...validateResourceQuantityValue(name, quantity.value, path('status', list, name)));
    }
  }
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  // Upstream reports taints under metadata (metadata.taints[0]...), a long-standing quirk kept here.
  const errs = validateTaints(node.spec?.taints, path('metadata', 'taints'));
  errs.push(...validateResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  const at = path('spec', 'podCIDRs');
  cidrs.forEach((cidr, i) => {
    if (cidrFamily(cidr) === 0) errs.push(invalid(at.index(i), cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (cidrs.length > 1) {
    const families = cidrs.map(cidrFamily);
    if (families.includes(0)) errs.push(internalError(at, 'invalid PodCIDRs. failed to check with dual stack with error:invalid CIDR'));
    else if (cidrs.length > 2 || families[0] === families[1]) errs.push(invalid(at, cidrs, 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((cidr, i) => {
      if (seen.has(cidr)) errs.push(duplicate(at.index(i), cidr));
      seen.add(cidr);
    });
  }
  return errs;
}

/** What a node update (main resource or status) may not change. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateResources(node);
  const addresses = new Set<string>();
  (node.status?.addresses ?? []).forEach((address, i) => {
    const key = `${address.type}\u0000${address.address}`;
    if (addresses.has(key)) {
      const shown = verbatim(`core.NodeAddress{Type:${goQuote(address.type)}, Address:${goQuote(address.address)}}`);
      errs.push(duplicate(path('status', 'addresses').index(i), shown));
    }
    addresses.add(key);
  });
  // The node IPAM controller may assign CIDRs once; after that they are fixed.
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const cidrs = node.spec?.podCIDRs ?? [];
  const fixed = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== cidrs.length) errs.push(forbidden(path('spec', 'podCIDRs'), fixed));
    else oldCIDRs.forEach((cidr, i) => cidr !== cidrs[i] && errs.push(forbidden(path('spec', 'podCIDRs'), fixed)));
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(forbidden(path('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden(path('spec', 'externalID'), 'may not be updated'));
  return errs;
}

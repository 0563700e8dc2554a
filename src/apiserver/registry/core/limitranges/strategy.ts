// LimitRanges: per-namespace bounds and defaults for pods, containers and claims. Container
// items get their defaults filled from max and min (upstream's SetDefaults_LimitRangeItem);
// validation keeps min ≤ defaultRequest ≤ default ≤ max, as upstream's ValidateLimitRange.
// `kubectl get limits` shows upstream's default columns, so there is no printer here.

import { duplicate, forbidden, invalid, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { mustParseQuantity, type Quantity } from '../../../../api/quantity.ts';
import { LimitRange, LimitRangeList, type LimitRangeItem } from '../../../../api/types/core/v1/index.ts';
import { isQualifiedName, nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { isOvercommitAllowed, quantityOf, sortedEntries, validateContainerResourceName, validateResourceName } from '../resourcequotas/resource-names.ts';

const STANDARD_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];
const ONE = mustParseQuantity('1');

export function defaultLimitRange(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    const limits: Record<string, string> = { ...item.default };
    const requests: Record<string, string> = { ...item.defaultRequest };
    for (const [k, v] of Object.entries(item.max ?? {})) limits[k] ??= v;
    for (const [k, v] of Object.entries(limits)) requests[k] ??= v;
    for (const [k, v] of Object.entries(item.min ?? {})) requests[k] ??= v;
    // Empty lists stay unset, as Go's omitempty would drop them.
    if (Object.keys(limits).length > 0) item.default = limits;
    if (Object.keys(requests).length > 0) item.defaultRequest = requests;
  }
}

function validateTypeName(type: string, at: Path): FieldError[] {
  const errs = isQualifiedName(type).map((m) => invalid(at, type, m));
  if (errs.length === 0 && !type.includes('/') && !STANDARD_TYPES.includes(type)) errs.push(invalid(at, type, 'must be a standard limit type or fully qualified'));
  return errs;
}

function parsed(list: Readonly<Record<string, string>> | undefined): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of sortedEntries(list)) {
    const q = quantityOf(v);
    if (q !== undefined) out.set(k, q);
  }
  return out;
}

/** Go's %f: six decimals. */
function goFloat(x: number): string {
  return Number.isFinite(x) ? x.toFixed(6) : x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
}

function validateItem(item: LimitRangeItem, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const nameCheck = item.type === 'Pod' || item.type === 'Container' ? validateContainerResourceName : validateResourceName;
  const names = (field: 'max' | 'min' | 'default' | 'defaultRequest' | 'maxLimitRequestRatio'): void => {
    for (const [k] of sortedEntries(item[field])) errs.push(...nameCheck(k, at.child(field).key(k)));
  };
  names('max');
  names('min');
  if (item.type === 'Pod') {
    if (Object.keys(item.default ?? {}).length > 0) errs.push(forbidden(at.child('default'), "may not be specified when `type` is 'Pod'"));
    if (Object.keys(item.defaultRequest ?? {}).length > 0) errs.push(forbidden(at.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
  } else {
    names('default');
    names('defaultRequest');
  }
  if (item.type === 'PersistentVolumeClaim' && item.min?.['storage'] === undefined && item.max?.['storage'] === undefined) {
    errs.push(required(at.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
  }
  names('maxLimitRequestRatio');
  const min = parsed(item.min);
  const max = parsed(item.max);
  const def = item.type === 'Pod' ? new Map<string, Quantity>() : parsed(item.default);
  const defReq = item.type === 'Pod' ? new Map<string, Quantity>() : parsed(item.defaultRequest);
  const ratio = parsed(item.maxLimitRequestRatio);
  const keys = [...new Set([...max.keys(), ...min.keys(), ...def.keys(), ...defReq.keys(), ...ratio.keys()])].sort();
  for (const k of keys) {
    const lo = min.get(k);
    const hi = max.get(k);
    const d = def.get(k);
    const dr = defReq.get(k);
    const r = ratio.get(k);
    if (lo !== undefined && hi !== undefined && lo.cmp(hi) > 0) errs.push(invalid(at.child('min').key(k), lo, `min value ${lo} is greater than max value ${hi}`));
    if (dr !== undefined && lo !== undefined && lo.cmp(dr) > 0) errs.push(invalid(at.child('defaultRequest').key(k), dr, `min value ${lo} is greater than default request value ${dr}`));
    if (dr !== undefined && hi !== undefined && dr.cmp(hi) > 0) errs.push(invalid(at.child('defaultRequest').key(k), dr, `default request value ${dr} is greater than max value ${hi}`));
    if (dr !== undefined && d !== undefined && dr.cmp(d) > 0) errs.push(invalid(at.child('defaultRequest').key(k), dr, `default request value ${dr} is greater than default limit value ${d}`));
    // Upstream reports these two with the min and max as the bad values.
    if (d !== undefined && lo !== undefined && lo.cmp(d) > 0) errs.push(invalid(at.child('default').key(k), lo, `min value ${lo} is greater than default value ${d}`));
    if (d !== undefined && hi !== undefined && d.cmp(hi) > 0) errs.push(invalid(at.child('default').key(k), hi, `default value ${d} is greater than max value ${hi}`));
    if (r !== undefined && r.cmp(ONE) < 0) errs.push(invalid(at.child('maxLimitRequestRatio').key(k), r, `ratio ${r} is less than 1`));
    if (r !== undefined && lo !== undefined && hi !== undefined) {
      const limit = Number(hi.milliValue()) / Number(lo.milliValue());
      if (r.asApproximateFloat64() > limit) errs.push(invalid(at.child('maxLimitRequestRatio').key(k), r, `ratio ${r} is greater than max/min = ${goFloat(limit)}`));
    }
    if (!isOvercommitAllowed(k) && d !== undefined && dr !== undefined && d.cmp(dr) !== 0) {
      errs.push(invalid(at.child('defaultRequest').key(k), dr, `default value ${d} must equal to defaultRequest value ${dr} in ${k}`));
    }
  }
  return errs;
}

export function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const at = path('spec', 'limits').index(i);
    errs.push(...validateTypeName(item.type, at.child('type')));
    if (seen.has(item.type)) errs.push(duplicate(at.child('type'), item.type));
    seen.add(item.type);
    errs.push(...validateItem(item, at));
  });
  return errs;
}

export const limitranges: ResourceDef<LimitRange> = {
  group: '', version: 'v1', resource: 'limitranges', singular: 'limitrange', kind: 'LimitRange', listKind: 'LimitRangeList',
  namespaced: true, shortNames: ['limits'], shape: LimitRange, listShape: LimitRangeList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    defaults: defaultLimitRange,
    validate: validateLimitRange,
    validateUpdate: validateLimitRange,
  },
};

// IntOrString fields that hold a count or a percentage (maxSurge, maxUnavailable,
// minAvailable), validated as upstream's apps validation does (ValidatePositiveIntOrPercent,
// IsNotMoreThan100Percent, getIntOrPercentValue).

import { invalid, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { regexError } from '../../../../api/validation/names.ts';
import { goIntOrString } from './go-values.ts';

const PERCENT = /^[0-9]+%$/;
const PERCENT_MESSAGE = regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%');

/** Upstream's ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, at: Path): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(at, value, 'must be greater than or equal to 0')] : [];
}

/** A non-negative integer, or a string of digits followed by '%'. */
export function validatePositiveIntOrPercent(value: number | string | undefined, at: Path): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return PERCENT.test(value) ? [] : [invalid(at, goIntOrString(value), PERCENT_MESSAGE)];
  return nonNegative(value, at);
}

function percentOf(value: number | string | undefined): number | undefined {
  return typeof value === 'string' && PERCENT.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/** A percentage may not exceed 100%. */
export function isNotMoreThan100Percent(value: number | string | undefined, at: Path): FieldError[] {
  const percent = percentOf(value);
  return value !== undefined && percent !== undefined && percent > 100 ? [invalid(at, goIntOrString(value), 'must not be greater than 100%')] : [];
}

/**
 * The number a field stands for when comparing with zero: the percentage itself, an integer,
 * or what Go's IntValue makes of any other string (its decimal value, else 0). Unset is 0.
 */
export function intOrPercentValue(value: number | string | undefined): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const percent = percentOf(value);
  if (percent !== undefined) return percent;
  return /^[+-]?[0-9]+$/.test(value) ? Number(value) : 0;
}

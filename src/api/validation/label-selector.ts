// Validation of a LabelSelector held in an object (upstream's meta/v1/validation
// ValidateLabelSelector), reporting field errors at the selector's path, e.g.
// spec.selector.matchExpressions[0].values.

import { forbidden, invalid, required, type FieldError, type Path } from '../field-errors.ts';
import type { LabelSelector, LabelSelectorRequirement } from '../labels/selector.ts';
import { isValidLabelValue, validateLabelName, validateLabels } from './names.ts';

export interface LabelSelectorValidationOptions {
  /** Accept operators other than In, NotIn, Exists, DoesNotExist (for old stored objects). */
  allowUnknownOperatorInRequirement?: boolean;
  /** Skip the label value syntax check on values (for old stored objects). */
  allowInvalidLabelValueInSelector?: boolean;
}

export function validateLabelSelector(
  ls: LabelSelector | null | undefined, opts: LabelSelectorValidationOptions, at: Path,
): FieldError[] {
  if (ls === null || ls === undefined) return [];
  const errs = validateLabels(ls.matchLabels, at.child('matchLabels'));
  (ls.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, opts, at.child('matchExpressions').index(i)));
  });
  return errs;
}

export function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirement, opts: LabelSelectorValidationOptions, at: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(at.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(at.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      if (opts.allowUnknownOperatorInRequirement !== true) {
        errs.push(invalid(at.child('operator'), sr.operator, 'not a valid selector operator'));
      }
  }
  errs.push(...validateLabelName(sr.key, at.child('key')));
  if (opts.allowInvalidLabelValueInSelector !== true) {
    values.forEach((v, i) => {
      errs.push(...isValidLabelValue(v).map((m) => invalid(at.child('values').index(i), v, m)));
    });
  }
  return errs;
}

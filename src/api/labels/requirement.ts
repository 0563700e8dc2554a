// One term of a label selector (upstream's labels.Requirement): a key, an operator and values.
// newRequirement is the only way to build one and validates it as upstream does.

import { aggregateMessage, invalid, NIL_PATH, notSupported, type FieldError, type Path } from '../field-errors.ts';
import { compareGoStrings, verbatim } from '../go-format.ts';
import { fail, ok, type Result } from '../result.ts';
import { isQualifiedName, isValidLabelValue } from '../validation/names.ts';

/** Upstream's selection.Operator values. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export const BINARY_OPERATORS: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validOperators: readonly Operator[] = [...BINARY_OPERATORS, 'exists', '!'];

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** In the order given; parsed selectors hold them sorted and without duplicates. */
  readonly values: readonly string[];
}

/** A label set: what an object's metadata.labels holds. */
export type Labels = Readonly<Record<string, string>>;

/** The field error for an invalid label key, all broken rules in one message. */
export function validateLabelKey(key: string, at: Path = NIL_PATH): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length === 0 ? undefined : invalid(at, key, errs.join('; '));
}

const int64Re = /^[+-]?[0-9]+$/;
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(s, 10, 64), or undefined when it would fail. */
export function parseInt64(s: string): bigint | undefined {
  if (!int64Re.test(s)) return undefined;
  const n = BigInt(s);
  return n < int64Min || n > int64Max ? undefined : n;
}

/**
 * Builds a requirement, or fails with upstream's aggregated message. `values` null stands for
 * Go's nil slice, which upstream prints differently from an empty one in these messages.
 * Error paths hang off `at` ("values[0][key]"); upstream passes no path, printing "key", "values".
 */
export function newRequirement(
  key: string, operator: string, values: readonly string[] | null, at: Path = NIL_PATH,
): Result<Requirement> {
  const vals = values ?? [];
  const shown = values === null ? verbatim('[]string(nil)') : [...vals];
  const errs: FieldError[] = [];
  const bad = validateLabelKey(key, at.child('key'));
  if (bad !== undefined) errs.push(bad);
  const valuesPath = at.child('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalid(valuesPath, shown, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalid(valuesPath, shown, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalid(valuesPath, shown, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalid(valuesPath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(valuesPath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(notSupported(at.child('operator'), operator, validOperators));
  }
  vals.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(invalid(valuesPath.index(i).key(key), v, msgs.join('; ')));
  });
  const message = aggregateMessage(errs);
  if (message !== undefined) return fail(message);
  return ok({ key, operator: operator as Operator, values: [...vals] });
}

/** Whether a label set satisfies the requirement. A missing key satisfies only notin, != and !. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] ?? '' : '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(value);
      const limit = parseInt64(r.values[0] ?? '');
      if (actual === undefined || limit === undefined) return false;
      return r.operator === 'gt' ? actual > limit : actual < limit;
    }
  }
}

const operatorText: Readonly<Record<Operator, string>> = {
  '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '',
};

/** The requirement in selector syntax: "x in (a,b)", "!x", "x>1". Several values print sorted. */
export function requirementToString(r: Requirement): string {
  const head = (r.operator === '!' ? '!' : '') + r.key + operatorText[r.operator];
  if (r.operator === 'exists' || r.operator === '!') return head;
  const values = r.values.length === 1 ? r.values[0] ?? '' : [...r.values].sort(compareGoStrings).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${head}(${values})` : head + values;
}

/** Orders requirements by key, keeping the given order among equal keys. */
export function sortByKey(reqs: readonly Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => compareGoStrings(a.key, b.key));
}

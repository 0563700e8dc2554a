// Label selectors (upstream's labels.Selector and metav1.LabelSelectorAsSelector). A selector is
// plain data: either "nothing" (matches no object) or a list of requirements sorted by key, all
// of which must hold; the empty list matches every object.

import { NIL_PATH, type Path } from '../field-errors.ts';
import { goQuote } from '../go-format.ts';
import { fail, ok, type Result } from '../result.ts';
import { parseRequirements } from './parse.ts';
import {
  newRequirement, requirementMatches, requirementToString, sortByKey, type Labels, type Operator,
  type Requirement,
} from './requirement.ts';

export type { Labels, Operator, Requirement } from './requirement.ts';

export type Selector =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'requirements'; readonly requirements: readonly Requirement[] };

/**
 * metav1.LabelSelector, as objects carry it (e.g. a Deployment's spec.selector). The operator
 * is any string, as in the API type: fromLabelSelector refuses the unknown ones.
 */
export interface LabelSelector {
  matchLabels?: Record<string, string> | undefined;
  matchExpressions?: LabelSelectorRequirement[] | undefined;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | (string & {});
  values?: string[] | undefined;
}

export const EVERYTHING: Selector = { kind: 'requirements', requirements: [] };
export const NOTHING: Selector = { kind: 'nothing' };

/** Parses the `labelSelector` query syntax ("app=web,tier in (a,b),!canary"). */
export function parseSelector(selector: string, path: Path = NIL_PATH): Result<Selector> {
  const parsed = parseRequirements(selector, path);
  return parsed.ok ? ok({ kind: 'requirements', requirements: parsed.value }) : parsed;
}

/** key=value for each entry, unvalidated (upstream's SelectorFromSet). */
export function selectorFromSet(set: Labels | undefined): Selector {
  const requirements = Object.entries(set ?? {}).map(([key, value]): Requirement => ({ key, operator: '=', values: [value] }));
  return { kind: 'requirements', requirements: sortByKey(requirements) };
}

const expressionOperators: Readonly<Record<string, Operator>> = {
  In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!',
};

/**
 * Converts an object's LabelSelector. Undefined or null selects nothing (a missing selector
 * must never select every pod); an empty one selects everything. Fails, with upstream's
 * message, on an unknown operator, In/NotIn without values, Exists/DoesNotExist with values,
 * or an invalid key or value.
 */
export function fromLabelSelector(ls: LabelSelector | null | undefined): Result<Selector> {
  if (ls === null || ls === undefined) return ok(NOTHING);
  const matchLabels = Object.entries(ls.matchLabels ?? {});
  const expressions = ls.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return ok(EVERYTHING);
  const requirements: Requirement[] = [];
  for (const [key, value] of matchLabels) {
    const r = newRequirement(key, '=', [value]);
    if (!r.ok) return r;
    requirements.push(r.value);
  }
  for (const expr of expressions) {
    const op = Object.hasOwn(expressionOperators, expr.operator) ? expressionOperators[expr.operator] : undefined;
    if (op === undefined) return fail(`${goQuote(String(expr.operator))} is not a valid label selector operator`);
    // Upstream copies the values into a nil slice, so an empty list prints as []string(nil).
    const values = expr.values === undefined || expr.values.length === 0 ? null : expr.values;
    const r = newRequirement(expr.key, op, values);
    if (!r.ok) return r;
    requirements.push(r.value);
  }
  return ok({ kind: 'requirements', requirements: sortByKey(requirements) });
}

/** Whether an object with these labels is selected; an object without labels has none. */
export function matches(selector: Selector, labels: Labels | undefined): boolean {
  if (selector.kind === 'nothing') return false;
  const set = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, set));
}

/** True for a selector that selects everything (no requirements); "nothing" is not empty. */
export function isEmpty(selector: Selector): boolean {
  return selector.kind === 'requirements' && selector.requirements.length === 0;
}

/** The selector in query syntax; both "everything" and "nothing" print as "". */
export function selectorToString(selector: Selector): string {
  if (selector.kind === 'nothing') return '';
  return selector.requirements.map(requirementToString).join(',');
}

/** A new selector with more requirements, re-sorted by key; "nothing" stays "nothing". */
export function addRequirements(selector: Selector, ...reqs: Requirement[]): Selector {
  if (selector.kind === 'nothing') return selector;
  return { kind: 'requirements', requirements: sortByKey([...selector.requirements, ...reqs]) };
}

/**
 * The single value the label must have for the selector to match, if the first requirement on
 * that label pins one (=, == or a one-value in); lets a caller use an index.
 */
export function requiresExactMatch(selector: Selector, label: string): string | undefined {
  if (selector.kind === 'nothing') return undefined;
  const r = selector.requirements.find((req) => req.key === label);
  if (r === undefined || r.values.length !== 1) return undefined;
  return r.operator === '=' || r.operator === '==' || r.operator === 'in' ? r.values[0] : undefined;
}

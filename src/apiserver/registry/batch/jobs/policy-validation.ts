// Validation of a Job's pod failure policy and success policy (upstream's
// validatePodFailurePolicy, validateSuccessPolicy and validateIndexesFormat).

import {
  duplicate, invalid, notSupported, OMIT_VALUE, required, tooLong, tooMany, type FieldError, type Path,
} from '../../../../api/field-errors.ts';
import { verbatim } from '../../../../api/go-format.ts';
import type { JobSpec, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern, PodFailurePolicyRule } from '../../../../api/types/batch/v1/index.ts';
import { isQualifiedName } from '../../../../api/validation/names.ts';
import { nonNegative } from '../../apps/replicasets/int-or-percent.ts';

const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];

/** Go's %q of a []string: ["a" "b"]. */
const quotedList = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
/** Go's %#v of a []int32. */
const goInt32s = (values: readonly number[] | undefined): unknown => verbatim(values === undefined ? '[]int32(nil)' : `[]int32{${values.join(', ')}}`);

function validateOnExitCodes(req: PodFailurePolicyOnExitCodesRequirement, at: Path, containerNames: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  const operator: string = req.operator ?? '';
  if (operator === '') errs.push(required(at.child('operator'), `valid values: ${quotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(operator)) errs.push(notSupported(at.child('operator'), operator, OPERATORS));
  if (req.containerName !== undefined && !containerNames.has(req.containerName)) {
    errs.push(invalid(at.child('containerName'), req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values as number[] | undefined;
  const valuesAt = at.child('values');
  if ((values ?? []).length === 0) errs.push(invalid(valuesAt, goInt32s(values), 'at least one value is required'));
  else if ((values ?? []).length > MAX_EXIT_CODES) errs.push(tooMany(valuesAt, (values ?? []).length, MAX_EXIT_CODES));
  const seen = new Set<number>();
  let ordered = true;
  (values ?? []).forEach((value, j) => {
    if (operator === 'In' && value === 0) errs.push(invalid(valuesAt.index(j), value, 'must not be 0 for the In operator'));
    if (seen.has(value)) errs.push(duplicate(valuesAt.index(j), value));
    else seen.add(value);
    if (j > 0 && (values?.[j - 1] ?? 0) > value) ordered = false;
  });
  if (!ordered) errs.push(invalid(valuesAt, goInt32s(values), 'must be ordered'));
  return errs;
}

function validateOnPodConditions(patterns: readonly PodFailurePolicyOnPodConditionsPattern[], at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_CONDITION_PATTERNS) errs.push(tooMany(at, patterns.length, MAX_CONDITION_PATTERNS));
  patterns.forEach((pattern, j) => {
    const type = pattern.type ?? '';
    errs.push(...isQualifiedName(type).map((m) => invalid(at.index(j).child('type'), type, m)));
    const status = pattern.status ?? '';
    if (status === '') errs.push(required(at.index(j).child('status'), `valid values: ${quotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(status)) errs.push(notSupported(at.index(j).child('status'), status, CONDITION_STATUSES));
  });
  return errs;
}

function validateRule(spec: JobSpec, rule: PodFailurePolicyRule, at: Path, containerNames: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  const action: string = rule.action ?? '';
  if (action === '') errs.push(required(at.child('action'), `valid values: ${quotedList(ACTIONS)}`));
  else if (action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined) errs.push(invalid(at.child('action'), action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!ACTIONS.includes(action)) errs.push(notSupported(at.child('action'), action, ACTIONS));
  const conditions = rule.onPodConditions ?? [];
  if (rule.onExitCodes !== undefined) errs.push(...validateOnExitCodes(rule.onExitCodes, at.child('onExitCodes'), containerNames));
  if (conditions.length > 0) errs.push(...validateOnPodConditions(conditions, at.child('onPodConditions')));
  if (rule.onExitCodes !== undefined && conditions.length > 0) errs.push(invalid(at, OMIT_VALUE, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  if (rule.onExitCodes === undefined && conditions.length === 0) errs.push(invalid(at, OMIT_VALUE, 'specifying one of OnExitCodes and OnPodConditions is required'));
  return errs;
}

export function validatePodFailurePolicy(spec: JobSpec, at: Path): FieldError[] {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const errs: FieldError[] = [];
  if (rules.length > MAX_RULES) errs.push(tooMany(at.child('rules'), rules.length, MAX_RULES));
  const podSpec = spec.template?.spec;
  const containerNames = new Set([...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((rule, i) => errs.push(...validateRule(spec, rule, at.child('rules').index(i), containerNames)));
  return errs;
}

/**
 * Index ranges such as "1,3-5,7": increasing, below `completions`. The number of indexes, or
 * upstream's message for the first fault.
 */
export function parseIndexes(text: string, completions: number): { total: number } | { error: string } {
  if (text === '') return { total: 0 };
  let last: number | undefined;
  let total = 0;
  const parse = (s: string): number | undefined => (/^[+-]?[0-9]+$/.test(s) ? Number(s) : undefined);
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return { error: `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'` };
    const bounds: number[] = [];
    for (const limit of limits) {
      const value = parse(limit);
      if (value === undefined) return { error: `cannot convert string to integer for index: ${JSON.stringify(limit)}` };
      if (value >= completions) return { error: `too large index: ${JSON.stringify(limit)}` };
      if (last !== undefined && last >= value) return { error: `non-increasing order, previous: ${last}, current: ${value}` };
      total += bounds.length === 0 ? 1 : value - (bounds[0] ?? 0);
      bounds.push(value);
      last = value;
    }
  }
  return { total };
}

export function validateSuccessPolicy(spec: JobSpec, at: Path): FieldError[] {
  const rules = spec.successPolicy?.rules ?? [];
  const completions = spec.completions ?? 0;
  const errs: FieldError[] = [];
  if (rules.length === 0) errs.push(required(at.child('rules'), 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_RULES) errs.push(tooMany(at.child('rules'), rules.length, MAX_RULES));
  rules.forEach((rule, i) => {
    const ruleAt = at.child('rules').index(i);
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
      errs.push(required(ruleAt, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let total = 0;
    if (rule.succeededIndexes !== undefined) {
      const indexesAt = ruleAt.child('succeededIndexes');
      if (rule.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(indexesAt, MAX_SUCCEEDED_INDEXES_LENGTH));
      const parsed = parseIndexes(rule.succeededIndexes, completions);
      if ('error' in parsed) errs.push(invalid(indexesAt, rule.succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`));
      else total = parsed.total;
    }
    const count = rule.succeededCount;
    if (count !== undefined) {
      const countAt = ruleAt.child('succeededCount');
      errs.push(...nonNegative(count, countAt));
      if (count > completions) errs.push(invalid(countAt, count, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (rule.succeededIndexes !== undefined && count > total) {
        errs.push(invalid(countAt, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}

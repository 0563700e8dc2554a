// Field selectors (upstream's fields.Selector): comma-separated terms `field=value`,
// `field==value` or `field!=value`, matched against a flat map of an object's selectable fields
// (e.g. {"metadata.name": "x", "spec.nodeName": "n1"}). Values escape `\`, `,` and `=` with a
// backslash; field names are taken verbatim, whitespace included, and are not checked here:
// the API server checks requirements() against the fields a resource supports.

import { compareGoStrings } from '../go-format.ts';
import { fail, ok, type Result } from '../result.ts';

export interface FieldRequirement {
  readonly field: string;
  /** "==" parses as "=". */
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** A flat map of field path to value; a missing field reads as "". */
export type Fields = Readonly<Record<string, string>>;

export type FieldSelector =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'terms'; readonly terms: readonly FieldRequirement[] };

export const EVERYTHING: FieldSelector = { kind: 'terms', terms: [] };
export const NOTHING: FieldSelector = { kind: 'nothing' };

/** Rewrites one term, e.g. a legacy field name to its current one; "" for both drops the term. */
export type TransformFunc = (field: string, value: string) => Result<{ field: string; value: string }>;

export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => '\\' + c);
}

export function unescapeValue(s: string): Result<string> {
  if (!/[\\,=]/.test(s)) return ok(s);
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return fail(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Upstream prints the character as its code point number.
      return fail(`invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`);
    } else {
      out += c;
    }
  }
  return inSlash ? fail('invalid field selector: invalid escape sequence: \\') : ok(out);
}

// Splits on commas not escaped by a backslash; the pieces keep their escapes.
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// The first operator from the left wins; at one position "!=" and "==" beat "=".
function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

const identity: TransformFunc = (field, value) => ok({ field, value });

/**
 * Parses a fieldSelector query parameter. Terms come out sorted by their text, as upstream
 * sorts them; a term with empty field and value ("=") is dropped.
 */
export function parseFieldSelector(selector: string, transform: TransformFunc = identity): Result<FieldSelector> {
  const terms: FieldRequirement[] = [];
  for (const part of splitTerms(selector).sort(compareGoStrings)) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (split === undefined) return fail(`invalid selector: '${selector}'; can't understand '${part}'`);
    const value = unescapeValue(split.rhs);
    if (!value.ok) return value;
    terms.push({ field: split.lhs, operator: split.op === '!=' ? '!=' : '=', value: value.value });
  }
  return transformSelector({ kind: 'terms', terms }, transform);
}

/** Applies `transform` to every term, dropping those it maps to an empty field and value. */
export function transformSelector(selector: FieldSelector, transform: TransformFunc): Result<FieldSelector> {
  if (selector.kind === 'nothing') return ok(selector);
  const terms: FieldRequirement[] = [];
  for (const t of selector.terms) {
    const r = transform(t.field, t.value);
    if (!r.ok) return r;
    if (r.value.field === '' && r.value.value === '') continue;
    terms.push({ field: r.value.field, operator: t.operator, value: r.value.value });
  }
  return ok({ kind: 'terms', terms });
}

/** field=value for each entry, ordered by field. */
export function selectorFromSet(set: Fields | undefined): FieldSelector {
  const terms = Object.entries(set ?? {})
    .sort(([a], [b]) => compareGoStrings(a, b))
    .map(([field, value]): FieldRequirement => ({ field, operator: '=', value }));
  return { kind: 'terms', terms };
}

/** Whether an object with these field values is selected. */
export function matches(selector: FieldSelector, fields: Fields): boolean {
  if (selector.kind === 'nothing') return false;
  return selector.terms.every((t) => {
    const actual = Object.hasOwn(fields, t.field) ? fields[t.field] ?? '' : '';
    return t.operator === '=' ? actual === t.value : actual !== t.value;
  });
}

/** The terms, so a caller can reject fields its resource does not support. */
export function requirements(selector: FieldSelector): readonly FieldRequirement[] {
  return selector.kind === 'nothing' ? [] : selector.terms;
}

/** True for a selector with no terms (selects everything); "nothing" is not empty. */
export function isEmpty(selector: FieldSelector): boolean {
  return selector.kind === 'terms' && selector.terms.length === 0;
}

/** The value a field must equal for the selector to match, if some term pins it. */
export function requiresExactMatch(selector: FieldSelector, field: string): string | undefined {
  return requirements(selector).find((t) => t.operator === '=' && t.field === field)?.value;
}

export function selectorToString(selector: FieldSelector): string {
  return requirements(selector).map((t) => `${t.field}${t.operator}${escapeValue(t.value)}`).join(',');
}

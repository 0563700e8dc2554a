// Path elements of field paths (upstream's fieldpath.PathElement): a struct field or map key
// (`f:name`), an associative-list item by its key fields (`k:{"name":"c"}`), a set item by its
// value (`v:"x"`), or a list position (`i:0`).
//
// Every element carries its `token`: the element serialized exactly as it appears as a key in
// FieldsV1. Two elements are equal exactly when their tokens are equal, so tokens key the maps
// of a FieldSet; the structured fields give upstream's sort order and printed form.

import { compareGoStrings, goQuote, utf8Length } from '../../go-format.ts';
import type { Result } from '../../result.ts';
import { compareValues, goJson, isObject, valueToString, type JsonValue } from './go-json.ts';

export interface KeyField {
  readonly name: string;
  readonly value: JsonValue;
}

export type PathElement =
  | { readonly kind: 'field'; readonly name: string; readonly token: string }
  | { readonly kind: 'key'; readonly fields: readonly KeyField[]; readonly token: string }
  | { readonly kind: 'value'; readonly value: JsonValue; readonly token: string }
  | { readonly kind: 'index'; readonly index: number; readonly token: string };

export type FieldPath = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return { kind: 'field', name, token: 'f:' + name };
}

/** An associative-list item by its key fields; the fields are sorted by name, as upstream does. */
export function keyElement(fields: readonly KeyField[]): PathElement {
  const sorted = [...fields].sort((a, b) => compareGoStrings(a.name, b.name));
  const body = sorted.map((f) => goJson(f.name) + ':' + goJson(f.value)).join(',');
  return { kind: 'key', fields: sorted, token: 'k:{' + body + '}' };
}

export function valueElement(value: JsonValue): PathElement {
  return { kind: 'value', value, token: 'v:' + goJson(value) };
}

export function indexElement(index: number): PathElement {
  return { kind: 'index', index, token: 'i:' + String(index) };
}

const KIND_ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

/** Upstream's order: fields < keys < values < indexes, then by content. */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a.token === b.token) return 0;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field': return compareNames(a.name, (b as typeof a).name);
    case 'key': return compareKeyFields(a.fields, (b as typeof a).fields);
    case 'value': return compareValues(a.value, (b as typeof a).value);
    case 'index': return a.index < (b as typeof a).index ? -1 : a.index > (b as typeof a).index ? 1 : 0;
  }
}

/**
 * compareGoStrings (byte order of UTF-8, i.e. code point order), without its iterators for
 * the usual names: UTF-16 units below the surrogates order as their code points; anything else
 * is left to compareGoStrings.
 */
function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    return ca < 0xd800 && cb < 0xd800 ? (ca < cb ? -1 : 1) : compareGoStrings(a, b);
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareKeyFields(a: readonly KeyField[], b: readonly KeyField[]): number {
  for (let i = 0; ; i++) {
    const fa = a[i];
    const fb = b[i];
    if (fa === undefined || fb === undefined) return fa === fb ? 0 : fa === undefined ? -1 : 1;
    const c = compareGoStrings(fa.name, fb.name) || compareValues(fa.value, fb.value);
    if (c !== 0) return c;
  }
}

/** How an element prints in a field path: `.name`, `[name="c",port=80]`, `[=value]`, `[0]`. */
export function elementToString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return '.' + pe.name;
    case 'key': return '[' + pe.fields.map((f) => `${f.name}=${valueToString(f.value)}`).join(',') + ']';
    case 'value': return `[=${valueToString(pe.value)}]`;
    case 'index': return `[${pe.index}]`;
  }
}

/** A whole path as upstream prints it in conflicts: `.spec.containers[name="c"].image`. */
export function pathToString(path: FieldPath): string {
  return path.map(elementToString).join('');
}

/** Parsing a FieldsV1 key: an element, one of an unknown kind (skipped by readers), or an error. */
export type ParsedElement = Result<PathElement | undefined, string>;

const INTEGER = /^[+-]?\d+$/;

function parseJson(text: string): Result<JsonValue, string> {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Reads a FieldsV1 key (upstream's DeserializePathElement). Unknown kinds come back as
 * `undefined` so that readers drop them, as upstream does for forward compatibility.
 */
export function parseElement(s: string): ParsedElement {
  if (utf8Length(s) < 2) return { ok: false, error: 'key must be 2 characters long:' };
  if (s[1] !== ':') return { ok: false, error: `missing colon: ${s}` };
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return { ok: true, value: fieldElement(body) };
    case 'v': {
      const parsed = parseJson(body);
      return parsed.ok ? { ok: true, value: valueElement(parsed.value) } : parsed;
    }
    case 'k': {
      const parsed = parseJson(body);
      if (!parsed.ok) return parsed;
      if (!isObject(parsed.value)) return { ok: false, error: `expected a JSON object of key fields, got ${body}` };
      const fields = Object.entries(parsed.value).map(([name, value]) => ({ name, value }));
      return { ok: true, value: keyElement(fields) };
    }
    case 'i': {
      const n = Number(body);
      if (!INTEGER.test(body) || !Number.isSafeInteger(n)) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(body)}: invalid syntax` };
      return { ok: true, value: indexElement(n) };
    }
    default:
      return { ok: true, value: undefined };
  }
}

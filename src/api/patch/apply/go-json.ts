// JSON values as structured-merge-diff sees them: its total order over values (value.Compare),
// its human-readable form (value.ToString, used in field paths of conflict messages), and JSON
// text written byte for byte as its serializer (json-iterator, standard-library mode) writes it.
//
// Numbers: Go keeps int64 and float64 apart but compares them numerically; JavaScript has one
// number type, which gives the same order and equality.

import { compareGoStrings, goFormatFloat, goQuote } from '../../go-format.ts';
import type { JsonValue } from '../../schema/shape.ts';

const HEX = '0123456789abcdef';

function escapeControl(code: number): string {
  switch (code) {
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    default: return '\\u00' + HEX[code >> 4] + HEX[code & 0xf];
  }
}

// Characters that need escaping without and with HTML escaping (json-iterator's safeSet and
// htmlSafeSet, plus U+2028/U+2029, which only the HTML-escaping writer rewrites).
const PLAIN_UNSAFE = /["\\\u0000-\u001f]/;
const HTML_UNSAFE = /["\\\u0000-\u001f<>&\u2028\u2029]/;

/**
 * A JSON string literal as json-iterator writes it: `"` and `\` escaped, \n \r \t short, other
 * control characters as \u00XX; with `html`, also <, > and & as \u003c etc. and U+2028/U+2029.
 */
export function goJsonString(s: string, html: boolean): string {
  if (!(html ? HTML_UNSAFE : PLAIN_UNSAFE).test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) out += '\\' + s[i];
    else if (c < 0x20) out += escapeControl(c);
    else if (html && (c === 0x3c || c === 0x3e || c === 0x26)) out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    else if (html && (c === 0x2028 || c === 0x2029)) out += c === 0x2028 ? '\\u2028' : '\\u2029';
    else out += s[i];
  }
  return out + '"';
}

/** A number as Go's JSON encoders write float64 and int64 values (the same text as JavaScript's). */
function goJsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * JSON text for a value as json-iterator's standard-library mode writes it: object keys sorted
 * (Go byte order), strings HTML-escaped when `html` is set, no whitespace.
 */
export function goJson(value: unknown, html = true): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string': return goJsonString(value, html);
    case 'number': return goJsonNumber(value);
    case 'boolean': return value ? 'true' : 'false';
    default: break;
  }
  if (Array.isArray(value)) return '[' + value.map((v) => goJson(v, html)).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareGoStrings);
  return '{' + keys.map((k) => goJsonString(k, html) + ':' + goJson(obj[k], html)).join(',') + '}';
}

function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null && typeof v === 'object') return 4;
  return 5;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * structured-merge-diff's total order over values: numbers < strings < booleans < lists <
 * maps < null; lists lexically, then by length; maps by their keys in lexical order.
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0: return sign((a as number) - (b as number));
    case 1: return compareGoStrings(a as string, b as string);
    case 2: return a === b ? 0 : a === false ? -1 : 1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; ; i++) {
        if (i >= la.length || i >= lb.length) return sign(la.length - lb.length);
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
    }
    case 4: return compareMaps(a as Record<string, unknown>, b as Record<string, unknown>);
    default: return 0;
  }
}

function compareMaps(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const keys = [...new Set([...ka, ...kb])].sort(compareGoStrings);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    // As upstream's zip: a map that runs out of keys first sorts first.
    if (i === ka.length) return -1;
    if (i === kb.length) return 1;
    if (!(key in a)) return 1;
    if (!(key in b)) return -1;
    const c = compareValues(a[key], b[key]);
    if (c !== 0) return c;
  }
  return 0;
}

/** value.ToString: how a key or set value prints inside a field path (`[name="nginx"]`). */
export function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    // Values in field sets read from managedFields are float64 upstream: %v of a float64.
    case 'number': return goFormatFloat(v);
    case 'string': return goQuote(v);
    case 'boolean': return String(v);
    default: break;
  }
  if (Array.isArray(v)) return '[' + v.map(valueToString).join(',') + ']';
  const obj = v as Record<string, unknown>;
  return Object.keys(obj).sort(compareGoStrings).map((k) => `${k}=${valueToString(obj[k])}`).join('');
}

/** Whether a value is a JSON object (a map, not an array or null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type { JsonValue };

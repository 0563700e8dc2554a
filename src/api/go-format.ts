// Formatting that reproduces what Go's fmt and strconv print, because upstream builds its
// error messages with them (%q, %v) and clients compare those messages byte for byte.
// Strings here are JavaScript strings; Go would hold the same text as UTF-8 bytes.

/** A value that formats as the given text, unquoted (Go's %#v of a typed value, say). */
export class Verbatim {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

export function verbatim(text: string): Verbatim {
  return new Verbatim(text);
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const shortEscapes: Readonly<Record<string, string>> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

/** Go's strconv.Quote (the %q verb): double quotes, Go escapes, printable text kept as is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const raw of s) {
    const cp = raw.codePointAt(0) ?? 0;
    // A lone surrogate cannot reach Go: its JSON decoder turns it into U+FFFD.
    const ch = cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : raw;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (printable.test(ch)) out += ch;
    else if (shortEscapes[ch] !== undefined) out += shortEscapes[ch];
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go's %v of a float64: the shortest digits that round-trip; exponent form below 1e-4 and from 1e6. */
export function goFormatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // toExponential() without digits gives the shortest digits that round-trip, as Go's 'g' with
  // precision -1 does; for that shortest form Go switches to exponent form when exp < -4 || exp >= 6.
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = exp + 1;
  let body: string;
  if (point <= 0) body = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) body = digits + '0'.repeat(point - digits.length);
  else body = digits.slice(0, point) + '.' + digits.slice(point);
  return (negative ? '-' : '') + body;
}

/**
 * Go's %v of a field error's bad value, as field.Error prints it. Integral numbers print as Go
 * integers (API integers are int32/int64), other numbers as float64; string lists as Go's
 * `[]string{"a", "b"}`; objects with their own toString (Verbatim, Quantity) through it;
 * other objects as JSON, where Go would print its own struct syntax.
 */
export function goFormatValue(value: unknown): string {
  if (value === null || value === undefined) return goQuote('null');
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
      return Number.isInteger(value) ? String(value === 0 ? 0 : value) : goFormatFloat(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${value.map((v: string) => goQuote(v)).join(', ')}}`;
  }
  if (typeof value === 'object' && value.toString !== Object.prototype.toString) {
    return String(value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** The length of s in UTF-8 bytes: what Go's len() measures for the limits in validation. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The longest prefix of s with at most maxBytes UTF-8 bytes, never splitting a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    const size = utf8Length(ch);
    if (n + size > maxBytes) break;
    out += ch;
    n += size;
  }
  return out;
}

/** Orders strings as Go compares them (by UTF-8 bytes, that is by code point). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done === true || cb.done === true) return ca.done === true ? (cb.done === true ? 0 : -1) : 1;
    const d = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
}

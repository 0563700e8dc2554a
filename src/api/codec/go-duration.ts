// Go's time.Duration in its string form: ParseDuration and Duration.String, exactly, with
// nanoseconds as bigint (an int64 of nanoseconds overflows a double after about 104 days).
// metav1.Duration is this string in JSON and the nanosecond count in protobuf.

import type { Result } from '../result.ts';
import { fail, ok } from '../result.ts';

const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const S = 1000n * MS;
const M = 60n * S;
const H = 60n * M;

const units: ReadonlyMap<string, bigint> = new Map([
  ['ns', NS], ['us', US], ['µs', US], ['μs', US], ['ms', MS], ['s', S], ['m', M], ['h', H],
]);

const MAX = 1n << 63n;
const MAX_FRACTION = (MAX - 1n) / 10n;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function invalid(text: string): Result<bigint> {
  return fail(`time: invalid duration "${text}"`);
}

/** Go's time.ParseDuration: "1h30m", "1.5s", "-300ms", "0"; nanoseconds, or Go's error text. */
export function parseGoDuration(text: string): Result<bigint> {
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return ok(0n);
  if (s === '') return invalid(text);
  let total = 0n;
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '.' && !isDigit(s[i])) return invalid(text);
    // The integer part: [0-9]*
    const intStart = i;
    let v = 0n;
    while (isDigit(s[i])) {
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX) return invalid(text);
      i++;
    }
    const pre = i > intStart;
    // The fraction: (\.[0-9]*)?, kept to int64 precision as Go does.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[i] === '.') {
      i++;
      const fracStart = i;
      let overflow = false;
      while (isDigit(s[i])) {
        if (!overflow) {
          const y = f * 10n + BigInt(s.charCodeAt(i) - 48);
          if (f > MAX_FRACTION || y > MAX) overflow = true;
          else {
            f = y;
            scale *= 10;
          }
        }
        i++;
      }
      post = i > fracStart;
    }
    if (!pre && !post) return invalid(text);
    // The unit: everything up to the next digit or point.
    const unitStart = i;
    while (i < s.length && s[i] !== '.' && !isDigit(s[i])) i++;
    if (i === unitStart) return fail(`time: missing unit in duration "${text}"`);
    const name = s.slice(unitStart, i);
    const unit = units.get(name);
    if (unit === undefined) return fail(`time: unknown unit "${name}" in duration "${text}"`);
    if (v > MAX / unit) return invalid(text);
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64 (exact to the nanosecond for fractions of an hour).
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX) return invalid(text);
    }
    total += v;
    if (total > MAX) return invalid(text);
  }
  if (neg) return ok(-total);
  if (total > MAX - 1n) return invalid(text);
  return ok(total);
}

// The fraction v / 10^prec with trailing zeros (and the point when nothing is left) dropped.
function fraction(v: bigint, prec: number): { text: string; rest: bigint } {
  const p = 10n ** BigInt(prec);
  const digits = (v % p).toString().padStart(prec, '0').replace(/0+$/, '');
  return { text: digits === '' ? '' : '.' + digits, rest: v / p };
}

/** Go's Duration.String: "1h30m0s", "1.5s", "300ms", "1.5µs", "0s". */
export function formatGoDuration(ns: bigint): string {
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < S) {
    if (u === 0n) return '0s';
    const [prec, unit] = u < US ? [0, 'ns'] : u < MS ? [3, 'µs'] : [6, 'ms'];
    const { text, rest } = fraction(u, prec);
    out = `${rest}${text}${unit}`;
  } else {
    const { text, rest } = fraction(u, 9);
    u = rest;
    out = `${u % 60n}${text}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? '-' + out : out;
}

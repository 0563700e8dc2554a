// resource.Quantity: an exact decimal with a preferred notation, as in "500m", "1.5Gi", "1e3".
// Values are held as unscaled × 10^exponent in BigInt, never as floats. Parsing rounds up to
// nano precision and remembers the notation (Format); toString() gives upstream's canonical
// form in that notation, and, like upstream, keeps the text as written when the parser judged
// it canonical already ("1e3" stays "1e3", "1000m" becomes "1", "1.5Gi" becomes "1536Mi").

import { fail, ok, type Result } from './result.ts';
import {
  binarySuffix, decimalSuffix, ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX, interpretSuffix, scanQuantity,
  type Format,
} from './quantity-scan.ts';

export type { Format } from './quantity-scan.ts';

/** Powers of ten used as scales: value(…) and roundUp(…) take one (-9 nano … 18 exa). */
export const NANO = -9;
export const MICRO = -6;
export const MILLI = -3;

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const pow10Cache: bigint[] = [];

function pow10(n: number): bigint {
  if (n < 64) return (pow10Cache[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const digits = (n: bigint): number => (n === 0n ? 0 : abs(n).toString().length);

// Divides by 10^n, rounding away from zero; reports whether the division was exact. A divisor
// longer than u gives ±1 without computing 10^n, however large n is.
function divRoundUp(u: bigint, n: number): { q: bigint; exact: boolean } {
  if (u === 0n) return { q: 0n, exact: true };
  if (n > digits(u)) return { q: u < 0n ? -1n : 1n, exact: false };
  const d = pow10(n);
  const q = u / d;
  if (q * d === u) return { q, exact: true };
  return { q: u < 0n ? q - 1n : q + 1n, exact: false };
}

export class Quantity {
  readonly #unscaled: bigint;
  readonly #exponent: number;
  readonly format: Format;
  // The text to print: as written when the parser found it canonical, else computed on demand.
  #text: string | undefined;

  /** The value unscaled × 10^exponent, printed in the given notation. */
  constructor(unscaled: bigint | number, exponent: number, format: Format) {
    this.#unscaled = BigInt(unscaled);
    this.#exponent = exponent;
    this.format = format;
  }

  static #withText(unscaled: bigint, exponent: number, format: Format, text: string | undefined): Quantity {
    const q = new Quantity(unscaled, exponent, format);
    q.#text = text;
    return q;
  }

  /** Parses every form upstream accepts; fails with upstream's message otherwise. */
  static parse(str: string): Result<Quantity> {
    if (str === '') return fail(ERR_FORMAT_WRONG);
    if (str === '0') return ok(Quantity.#withText(0n, 0, 'DecimalSI', '0'));
    const scanned = scanQuantity(str);
    if (scanned === ERR_FORMAT_WRONG) return fail(ERR_FORMAT_WRONG);
    const { positive, value, num, denom, suffix } = scanned;
    const s = interpretSuffix(suffix);
    if (s === undefined) return fail(ERR_SUFFIX);
    let { format } = s;

    // Upstream's fast path: few enough digits for an int64 and no sub-nano fraction. Its only
    // visible effect beyond speed is keeping the text as written when it looks canonical.
    let precision: number;
    let scale = 0;
    if (s.base === 10) {
      scale = s.exponent;
      precision = 18 - (num.length + denom.length);
    } else if (denom === '') {
      precision = 15 - num.length - Math.trunc((s.exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
    scale -= denom.length;
    if (precision >= 0 && scale >= NANO) {
      const shifted = num + denom;
      const magnitude = BigInt(shifted);
      const unscaled = (positive ? 1n : -1n) * magnitude * (s.base === 2 ? 2n ** BigInt(s.exponent) : 1n);
      const canonical = s.base === 2
        ? (magnitude & 7n) !== 0n
        : scale % 3 === 0 && !shifted.endsWith('000') && !shifted.startsWith('0');
      return ok(Quantity.#withText(unscaled, scale, format, canonical ? str : undefined));
    }

    // The general path: exact decimal, rounded up to nano; binary values are capped at 2^63-1.
    const match = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
    const intPart = match?.[2] ?? '';
    const fracPart = match?.[3] ?? '';
    if (match === null || intPart + fracPart === '') return fail(ERR_NUMERIC);
    let u = BigInt(intPart + fracPart);
    let e = -fracPart.length;
    if (s.base === 10) e += s.exponent;
    else u *= 2n ** BigInt(s.exponent);
    if (u !== 0n && e < NANO) {
      // Below nano: round up, so a tiny request still gets the smallest unit, never zero.
      u = divRoundUp(u, NANO - e).q;
      e = NANO;
    }
    if (format === 'BinarySI') {
      if (u > MAX_INT64 * pow10(-e)) {
        u = MAX_INT64;
        e = 0;
      }
      if (u !== 0n && e < 0 && u < pow10(-e)) format = 'DecimalSI';
    }
    const negative = match[1] === '-';
    return ok(new Quantity(negative ? -u : u, e, format));
  }

  isZero(): boolean {
    return this.#unscaled === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.#unscaled === 0n ? 0 : this.#unscaled < 0n ? -1 : 1;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than other, exactly. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const a = this.#unscaled;
    const b = other.#unscaled;
    const sa = this.sign();
    const sb = other.sign();
    if (sa !== sb || sa === 0) return sa < sb ? -1 : sa > sb ? 1 : 0;
    // Same sign: compare orders of magnitude first so exponents far apart cost nothing.
    const oa = digits(a) + this.#exponent;
    const ob = digits(b) + other.#exponent;
    if (oa !== ob) return (oa > ob) === (sa > 0) ? 1 : -1;
    const [x, y] = Quantity.#align(this, other);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  equal(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** The sum, in this notation unless this is zero (then in other's). */
  add(other: Quantity): Quantity {
    const format = this.isZero() ? other.format : this.format;
    if (other.isZero()) return new Quantity(this.#unscaled, this.#exponent, format);
    if (this.isZero()) return new Quantity(other.#unscaled, other.#exponent, format);
    const [x, y] = Quantity.#align(this, other);
    return new Quantity(x + y, Math.min(this.#exponent, other.#exponent), format);
  }

  /** The difference, in this notation unless this is zero (then in other's). */
  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  neg(): Quantity {
    return new Quantity(-this.#unscaled, this.#exponent, this.format);
  }

  /** The product with an integer, in this notation. */
  mul(n: bigint | number): Quantity {
    return new Quantity(this.#unscaled * BigInt(n), this.#exponent, this.format);
  }

  // Both unscaled values brought to the smaller of the two exponents.
  static #align(a: Quantity, b: Quantity): [bigint, bigint] {
    const e = Math.min(a.#exponent, b.#exponent);
    return [a.#unscaled * pow10(a.#exponent - e), b.#unscaled * pow10(b.#exponent - e)];
  }

  /**
   * The value rounded away from zero to a multiple of 10^scale, and whether that was exact.
   * Values already at that precision or coarser are returned unchanged.
   */
  roundUp(scale: number): { quantity: Quantity; exact: boolean } {
    if (this.#exponent >= scale) return { quantity: this, exact: true };
    const { q, exact } = divRoundUp(this.#unscaled, scale - this.#exponent);
    return { quantity: new Quantity(q, scale, this.format), exact };
  }

  /**
   * The value counted in units of 10^scale, rounded away from zero, as an int64: exact when it
   * fits, else saturated at -2^63 or 2^63-1 (upstream wraps or returns 0 there; saturating
   * also keeps a hostile "1e999999999" from costing a billion-digit multiplication).
   */
  scaledValue(scale: number): bigint {
    const u = this.#unscaled;
    let v: bigint;
    if (this.#exponent < scale) v = divRoundUp(u, scale - this.#exponent).q;
    else if (digits(u) + this.#exponent - scale > 19) v = u < 0n ? MIN_INT64 : MAX_INT64;
    else v = u * pow10(this.#exponent - scale);
    return v > MAX_INT64 ? MAX_INT64 : v < MIN_INT64 ? MIN_INT64 : v;
  }

  /** The value rounded away from zero to an integer (bytes, cores). */
  value(): bigint {
    return this.scaledValue(0);
  }

  /** The value in thousandths, rounded away from zero (millicores). */
  milliValue(): bigint {
    return this.scaledValue(MILLI);
  }

  /** A float approximation, for scores and ratios only. */
  asApproximateFloat64(): number {
    return Number(this.#unscaled) * Number(`1e${this.#exponent}`);
  }

  /** The canonical text (or the text as parsed, when that was canonical already). */
  toString(): string {
    return (this.#text ??= this.#canonical());
  }

  /** Quantities travel as JSON strings. */
  toJSON(): string {
    return this.toString();
  }

  #canonical(): string {
    const u = this.#unscaled;
    if (u === 0n) return '0';
    let format = this.format;
    let integer = 0n;
    if (format === 'BinarySI') {
      const small = this.cmp(new Quantity(-1024n, 0, 'DecimalSI')) > 0 && this.cmp(new Quantity(1024n, 0, 'DecimalSI')) < 0;
      const rounded = this.roundUp(0);
      // Fractions, and values under 1Ki, print in decimal rather than rounding or as "1023".
      if (small || !rounded.exact) format = 'DecimalSI';
      else integer = rounded.quantity.#unscaled * pow10(rounded.quantity.#exponent);
    }
    if (format !== 'BinarySI') {
      const text = abs(u).toString();
      const zeros = text.length - text.replace(/0+$/, '').length;
      let mantissa = u / pow10(zeros);
      let exponent = this.#exponent + zeros;
      while (exponent % 3 !== 0) {
        mantissa *= 10n;
        exponent--;
      }
      return `${mantissa}${decimalSuffix(exponent, format)}`;
    }
    let power = 0;
    while (integer % 1024n === 0n) {
      integer /= 1024n;
      power++;
    }
    return `${integer}${binarySuffix(power)}`;
  }
}

/** Parses a quantity string (see Quantity.parse). */
export function parseQuantity(str: string): Result<Quantity> {
  return Quantity.parse(str);
}

/** Parses a quantity known to be valid (constants, tests); throws otherwise. */
export function mustParseQuantity(str: string): Quantity {
  const q = Quantity.parse(str);
  if (!q.ok) throw new Error(`cannot parse '${str}': ${q.error}`);
  return q.value;
}

/**
 * Reads a quantity from decoded JSON: a string (surrounding whitespace ignored) or a number,
 * as upstream's decoder accepts; null is zero. A JSON number reaches us already converted to
 * a float, so "1e3" written as a bare number prints back as "1k", not "1e3".
 */
export function quantityFromJSON(value: unknown): Result<Quantity> {
  if (value === null) return ok(new Quantity(0n, 0, 'DecimalSI'));
  if (typeof value === 'string') return Quantity.parse(value.trim());
  if (typeof value === 'number' && Number.isFinite(value)) return Quantity.parse(String(value));
  return fail(ERR_FORMAT_WRONG);
}

/** value × 10^scale in DecimalSI (upstream's NewScaledQuantity). */
export function scaledQuantity(value: bigint | number, scale: number): Quantity {
  return new Quantity(value, scale, 'DecimalSI');
}

/** value / 1000 in the given notation (upstream's NewMilliQuantity). */
export function milliQuantity(value: bigint | number, format: Format): Quantity {
  return new Quantity(value, MILLI, format);
}

// The lexical half of quantity parsing: splitting "-1.5Gi" into sign, digits and suffix, and
// reading the suffix. It follows upstream's hand-written scanner rather than its published
// regular expression, because the scanner is what decides: it also accepts oddities such as
// "1.", ".5", "+" and "Ki" (the last two read as zero), and those must parse here too.

export type Format = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export interface ScannedQuantity {
  readonly positive: boolean;
  /** The numeric text as written, sign included ("-1.5"); may lack digits ("", "."). */
  readonly value: string;
  /** Integer digits without leading zeros; "0" when there are none. */
  readonly num: string;
  /** Fraction digits, possibly empty. */
  readonly denom: string;
  readonly suffix: string;
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const suffixLetters = 'eEinumkKMGTP';

/** Splits a quantity string, or returns ERR_FORMAT_WRONG. */
export function scanQuantity(str: string): ScannedQuantity | typeof ERR_FORMAT_WRONG {
  const end = str.length;
  let pos = 0;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };

  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = str.slice(pos, i) || '0';
  pos = i;

  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);

  // The suffix: letters, then an optional sign and digits (the exponent of "1e-3"), to the end.
  const suffixStart = pos;
  while (pos < end && suffixLetters.includes(str[pos] ?? '')) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return ERR_FORMAT_WRONG;
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

export interface Suffix {
  /** 10 or 2. */
  readonly base: 10 | 2;
  readonly exponent: number;
  readonly format: Format;
}

const decimalSuffixes = new Map<string, number>([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const binarySuffixes = new Map<string, number>([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]]);

const int64Re = /^[+-]?[0-9]+$/;

/** Reads a suffix ("Mi", "k", "e-3"), or returns undefined for an unknown one. */
export function interpretSuffix(suffix: string): Suffix | undefined {
  const decimal = decimalSuffixes.get(suffix);
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = binarySuffixes.get(suffix);
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const digits = suffix.slice(1);
    if (!int64Re.test(digits)) return undefined;
    const n = BigInt(digits);
    if (n < -(2n ** 63n) || n >= 2n ** 63n) return undefined;
    // Upstream keeps the exponent in an int32, wrapping larger ones.
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** The suffix for a canonical base-10 exponent (a multiple of 3), or "" past the table. */
export function decimalSuffix(exponent: number, format: 'DecimalSI' | 'DecimalExponent'): string {
  if (format === 'DecimalExponent') return exponent === 0 ? '' : `e${exponent}`;
  // Upstream finds no suffix beyond E or below n and prints the bare mantissa; kept for parity.
  for (const [s, e] of decimalSuffixes) if (e === exponent) return s;
  return '';
}

/** The suffix for a power of 1024 (Ki for 1 ... Ei for 6), or "" outside that range. */
export function binarySuffix(power: number): string {
  for (const [s, e] of binarySuffixes) if (e === power * 10) return s;
  return '';
}

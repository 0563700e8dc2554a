// metav1.Time and metav1.MicroTime between their JSON form (RFC 3339, UTC) and the protobuf
// Timestamp {seconds, nanos}, in plain integer arithmetic: no Date, so that every Go year
// from 0000 to 9999 (and nanoseconds) converts exactly.

import type { Result } from '../result.ts';
import { fail, ok } from '../result.ts';

/** time.Time{}.Unix(): Go's zero time, which metav1.Time marshals as an empty message. */
export const ZERO_TIME_SECONDS = -62135596800;

export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const SYNTAX = 'is not RFC 3339, e.g. "2006-01-02T15:04:05Z"';

// (No closures in parseTimestamp: tsx names each one it creates, which costs more than the parse.)
function bad(text: string, why: string): Result<Timestamp> {
  return fail(`time ${JSON.stringify(text)} ${why}`);
}

// The number in s[at, at + n) when all of it is digits, else -1.
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1; // NaN past the end
    v = v * 10 + d;
  }
  return v;
}

/** Parses RFC 3339 (as Go's time.Parse(time.RFC3339) accepts it) into seconds and nanoseconds. */
export function parseTimestamp(text: string): Result<Timestamp> {
  // 2006-01-02T15:04:05[.999999999](Z|-07:00), by hand: this runs for every time encoded.
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (text.length < 20 || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return bad(text, SYNTAX);
  if (text[4] !== '-' || text[7] !== '-' || (text[10] !== 'T' && text[10] !== 't') || text[13] !== ':' || text[16] !== ':') return bad(text, SYNTAX);
  let i = 19;
  let nanos = 0;
  if (text[i] === '.') {
    const from = ++i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === from) return bad(text, SYNTAX);
    // Go keeps the first nine digits of the fraction.
    nanos = Number(text.slice(from, Math.min(i, from + 9)).padEnd(9, '0'));
  }
  let offset = 0;
  const zone = text[i];
  if ((zone === 'Z' || zone === 'z') && i + 1 === text.length) {
    // UTC
  } else if ((zone === '+' || zone === '-') && i + 6 === text.length && text[i + 3] === ':') {
    const oh = digits(text, i + 1, 2);
    const om = digits(text, i + 4, 2);
    if (oh < 0 || om < 0) return bad(text, SYNTAX);
    if (oh > 23 || om > 59) return bad(text, 'has an offset out of range');
    offset = (zone === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else return bad(text, SYNTAX);
  const days = month === 2 && isLeap(year) ? 29 : (monthDays[month - 1] ?? 0);
  if (day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return bad(text, 'is out of range');
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return ok({ seconds, nanos });
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Go's RFC 3339 in UTC (what metav1.Time marshals), with `micros` digits of fraction when given. */
export function formatTimestamp(seconds: number, nanos: number, micros: boolean): string {
  // Normalize as time.Unix does: nanoseconds outside [0, 1e9) carry into the seconds.
  if (nanos < 0 || nanos >= 1e9) {
    seconds += Math.floor(nanos / 1e9);
    nanos -= Math.floor(nanos / 1e9) * 1e9;
  }
  const days = Math.floor(seconds / 86400);
  let rest = seconds - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const second = rest - minute * 60;
  const y = year < 0 ? '-' + pad(-year, 4) : pad(year, 4);
  const fraction = micros ? '.' + pad(Math.floor(nanos / 1000), 6) : '';
  return `${y}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}Z`;
}

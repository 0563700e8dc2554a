// Small checks the pod validators share, with upstream's messages (apimachinery's
// util/validation and the helpers at the top of core/validation).

import { isIP } from 'node:net';
import { invalid, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../../../../api/validation/names.ts';

export const NEGATIVE_MESSAGE = 'must be greater than or equal to 0';
export const FILE_MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export function validateNonnegative(value: number | undefined, at: Path): FieldError[] {
  return (value ?? 0) < 0 ? [invalid(at, value, NEGATIVE_MESSAGE)] : [];
}

export function validateDNSLabel(value: string, at: Path): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(at, value, m));
}

export function validateDNSSubdomain(value: string, at: Path): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(at, value, m));
}

export function validateQualifiedName(value: string, at: Path): FieldError[] {
  return isQualifiedName(value).map((m) => invalid(at, value, m));
}

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** An IANA service name: at most 15 of [-a-z0-9], a letter somewhere, no edge or double hyphens. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function validatePortNumOrName(port: number | string, at: Path): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(at, port, m));
  return isValidPortName(port).map((m) => invalid(at, port, m));
}

export function validateIP(value: string, at: Path): FieldError[] {
  return isIP(value) === 0 ? [invalid(at, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')] : [];
}

/** No ".." element, so the path cannot climb out of wherever it is joined to. */
export function validatePathNoBacksteps(target: string, at: Path): FieldError[] {
  return target.replaceAll('\\', '/').split('/').includes('..') ? [invalid(at, target, "must not contain '..'")] : [];
}

/** A relative path that stays below its base. */
export function validateLocalDescendingPath(target: string, at: Path): FieldError[] {
  const errs = target.startsWith('/') ? [invalid(at, target, 'must be a relative path')] : [];
  return [...errs, ...validatePathNoBacksteps(target, at)];
}

/** A relative path below its base that also does not start with "..", which the kubelet keeps for itself. */
export function validateLocalNonReservedPath(target: string, at: Path): FieldError[] {
  const errs = validateLocalDescendingPath(target, at);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(at, target, "must not start with '..'"));
  return errs;
}

export function validateFileMode(mode: number | undefined, at: Path): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(at, mode, FILE_MODE_MESSAGE)] : [];
}

/**
 * Environment variable names as upstream accepts them since RelaxedEnvironmentVariableValidation:
 * any printable ASCII except '='.
 */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value === '') errs.push('environment variable name must be non-empty');
  if ([...value].some((ch) => ch < ' ' || ch > '~' || ch === '=')) {
    errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
  }
  return errs;
}

/** Sorted as upstream's sets.List sorts the values it lists in "supported values". */
export function sorted(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

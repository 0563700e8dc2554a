// Port numbers and names as apimachinery checks them (IsValidPortNum, IsValidPortName) and
// core validation's ValidatePortNumOrName for targetPort. Shared by Services and Endpoints.

import { invalid, type FieldError, type Path } from '../../../../api/field-errors.ts';

/** The messages a port number breaks: 1–65535. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** The messages a named port (IANA_SVC_NAME) breaks. */
export function isValidPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** A port given by number or by name (a Service's targetPort). */
export function validatePortNumOrName(port: number | string, at: Path): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(at, port, m));
  return isValidPortName(port).map((m) => invalid(at, port, m));
}

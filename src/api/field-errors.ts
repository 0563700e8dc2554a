// Field-level validation errors (upstream's k8s.io/apimachinery/pkg/util/validation/field).
// Validation functions return lists of these and never throw; the API server turns a list into
// one 422 Invalid Status with a cause per error (see invalid() in status.ts).

import { goFormatValue, goQuote } from './go-format.ts';

/** The machine-readable reason of a field error; also the `reason` of its Status cause. */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Readonly<Record<FieldErrorType, string>> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Pass as a bad value to leave the value out of the message. */
export const OMIT_VALUE: unique symbol = Symbol('omit value');

export interface FieldError {
  readonly type: FieldErrorType;
  /** The field's path as text, e.g. "spec.containers[0].name". */
  readonly field: string;
  /** The offending value; printed as Go's %v would print it. */
  readonly badValue: unknown;
  readonly detail: string;
  /** Which rule failed (e.g. "labelKey"), for declarative validation; never printed. */
  readonly origin?: string;
}

/**
 * An immutable field path. Build with path('spec').child('containers').index(0).
 * The empty path prints as "<nil>", as upstream prints a nil *field.Path.
 *
 * Each path is its last segment and a link to its parent, so a child costs one small object:
 * validation builds a path for every field it looks at and prints almost none of them.
 */
export class Path {
  readonly #parent: Path | undefined;
  /** The last segment: a field name (printed after a dot) or a subscript ("[3]", "[key]"). */
  readonly #text: string;
  readonly #subscript: boolean;
  readonly #depth: number;

  constructor(parent?: Path, text = '', subscript = false) {
    this.#parent = parent;
    this.#text = text;
    this.#subscript = subscript;
    this.#depth = parent === undefined ? 0 : parent.#depth + 1;
  }

  child(name: string, ...more: string[]): Path {
    // Upstream treats an empty name as a subscript, so "" prints as "[]".
    let at = new Path(this, name, name === '');
    for (const next of more) at = new Path(at, next, next === '');
    return at;
  }

  /** A list subscript: "[3]". */
  index(i: number): Path {
    return new Path(this, String(i), true);
  }

  /** A map key subscript: "[key]", unquoted as upstream prints it. */
  key(k: string): Path {
    return new Path(this, k, true);
  }

  toString(): string {
    if (this.#depth === 0) return '<nil>';
    const segments: Path[] = [this];
    for (let at = this.#parent; at !== undefined && at.#depth > 0; at = at.#parent) segments.push(at);
    let out = '';
    for (let i = segments.length - 1; i >= 0; i--) {
      const s = segments[i] as Path;
      if (s.#subscript) out += `[${s.#text}]`;
      else out += (i < segments.length - 1 ? '.' : '') + s.#text;
    }
    return out;
  }
}

/** The root of a field path: path('metadata', 'labels') is "metadata.labels". */
export function path(name: string, ...more: string[]): Path {
  return NIL_PATH.child(name, ...more);
}

/** The nil path, printed "<nil>"; its children print without it ("key"). */
export const NIL_PATH = new Path();

function fieldError(type: FieldErrorType, at: Path, badValue: unknown, detail: string): FieldError {
  return { type, field: at.toString(), badValue, detail };
}

export function required(at: Path, detail = ''): FieldError {
  return fieldError('FieldValueRequired', at, '', detail);
}

export function invalid(at: Path, value: unknown, detail: string): FieldError {
  return fieldError('FieldValueInvalid', at, value, detail);
}

export function typeInvalid(at: Path, value: unknown, detail: string): FieldError {
  return fieldError('FieldValueTypeInvalid', at, value, detail);
}

export function notFound(at: Path, value: unknown): FieldError {
  return fieldError('FieldValueNotFound', at, value, '');
}

export function duplicate(at: Path, value: unknown): FieldError {
  return fieldError('FieldValueDuplicate', at, value, '');
}

export function notSupported(at: Path, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? 'supported values: ' + validValues.map((v) => goQuote(v)).join(', ') : '';
  return fieldError('FieldValueNotSupported', at, value, detail);
}

export function forbidden(at: Path, detail: string): FieldError {
  return fieldError('FieldValueForbidden', at, '', detail);
}

/** The value is never printed; a negative maxLength leaves the limit out too. */
export function tooLong(at: Path, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return fieldError('FieldValueTooLong', at, '<value omitted>', detail);
}

/** A negative actual or max leaves that number out of the message. */
export function tooMany(at: Path, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return fieldError('FieldValueTooMany', at, actual >= 0 ? actual : OMIT_VALUE, detail);
}

export function internalError(at: Path, err: Error | string): FieldError {
  return fieldError('InternalError', at, null, typeof err === 'string' ? err : err.message);
}

/** A copy of the errors, each tagged with the rule that produced it. */
export function withOrigin(errs: readonly FieldError[], origin: string): FieldError[] {
  return errs.map((e) => ({ ...e, origin }));
}

/** The message without the field name, e.g. `Invalid value: "x": must be ...`; a cause's message. */
export function errorBody(e: FieldError): string {
  let s = typeText[e.type];
  const valueless = e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden'
    || e.type === 'FieldValueTooLong' || e.type === 'InternalError' || e.badValue === OMIT_VALUE;
  if (!valueless) s += ': ' + goFormatValue(e.badValue);
  if (e.detail !== '') s += ': ' + e.detail;
  return s;
}

/** The full message: `metadata.name: Required value`. */
export function fieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * The list as one message, as upstream's ToAggregate prints it: duplicates dropped, a single
 * message bare, several as "[a, b]". Undefined for an empty list.
 */
export function aggregateMessage(errs: readonly FieldError[]): string | undefined {
  const messages = [...new Set(errs.map(fieldErrorMessage))];
  if (messages.length === 0) return undefined;
  if (messages.length === 1) return messages[0];
  return `[${messages.join(', ')}]`;
}

// A value or an error message, for parsers that must not throw (selectors, quantities).
// Callers branch on `ok`; the error text is exactly what upstream's error would print.

export type Result<T, E = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E = string>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

// Questions about an error, as upstream's errors.IsNotFound and friends answer them. Each takes
// anything thrown; an error whose `cause` chain holds a StatusError counts as that StatusError
// (Go's errors.As). Most predicates also accept a bare HTTP code when the reason is not one of
// the known ones, so answers from older or foreign servers are still understood.

import { StatusError, type StatusCause, type StatusReason } from './status.ts';

const knownReasons: ReadonlySet<string> = new Set<StatusReason>([
  'Unauthorized', 'Forbidden', 'NotFound', 'AlreadyExists', 'Conflict', 'Gone', 'Invalid',
  'ServerTimeout', 'StorageReadError', 'Timeout', 'TooManyRequests', 'BadRequest',
  'MethodNotAllowed', 'NotAcceptable', 'RequestEntityTooLarge', 'UnsupportedMediaType',
  'InternalError', 'Expired', 'ServiceUnavailable',
]);

/** The StatusError in err's cause chain, if any. */
export function asStatusError(err: unknown): StatusError | undefined {
  const seen = new Set<unknown>();
  for (let e = err; e !== null && e !== undefined && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    if (e instanceof StatusError) return e;
    if (typeof e !== 'object') return undefined;
    seen.add(e);
  }
  return undefined;
}

/** The reason of the StatusError in err, or '' (upstream's StatusReasonUnknown). */
export function reasonForError(err: unknown): StatusReason {
  return asStatusError(err)?.reason ?? '';
}

function reasonOrCode(err: unknown, reason: StatusReason, code: number): boolean {
  const s = asStatusError(err);
  if (s === undefined) return false;
  return s.reason === reason || (!knownReasons.has(s.reason) && s.code === code);
}

export const isNotFound = (err: unknown): boolean => reasonOrCode(err, 'NotFound', 404);
export const isConflict = (err: unknown): boolean => reasonOrCode(err, 'Conflict', 409);
export const isInvalid = (err: unknown): boolean => reasonOrCode(err, 'Invalid', 422);
export const isGone = (err: unknown): boolean => reasonOrCode(err, 'Gone', 410);
export const isNotAcceptable = (err: unknown): boolean => reasonOrCode(err, 'NotAcceptable', 406);
export const isUnsupportedMediaType = (err: unknown): boolean => reasonOrCode(err, 'UnsupportedMediaType', 415);
export const isMethodNotSupported = (err: unknown): boolean => reasonOrCode(err, 'MethodNotAllowed', 405);
export const isServiceUnavailable = (err: unknown): boolean => reasonOrCode(err, 'ServiceUnavailable', 503);
export const isBadRequest = (err: unknown): boolean => reasonOrCode(err, 'BadRequest', 400);
export const isUnauthorized = (err: unknown): boolean => reasonOrCode(err, 'Unauthorized', 401);
export const isForbidden = (err: unknown): boolean => reasonOrCode(err, 'Forbidden', 403);
export const isTimeout = (err: unknown): boolean => reasonOrCode(err, 'Timeout', 504);
export const isInternalError = (err: unknown): boolean => reasonOrCode(err, 'InternalError', 500);

// These four look at the reason only: their codes are shared with other reasons.
export const isAlreadyExists = (err: unknown): boolean => reasonForError(err) === 'AlreadyExists';
export const isResourceExpired = (err: unknown): boolean => reasonForError(err) === 'Expired';
export const isServerTimeout = (err: unknown): boolean => reasonForError(err) === 'ServerTimeout';
export const isStoreReadError = (err: unknown): boolean => reasonForError(err) === 'StorageReadError';

// These two accept their code whatever the reason, as upstream has always done.
export function isTooManyRequests(err: unknown): boolean {
  const s = asStatusError(err);
  return s !== undefined && (s.reason === 'TooManyRequests' || s.code === 429);
}

export function isRequestEntityTooLarge(err: unknown): boolean {
  const s = asStatusError(err);
  return s !== undefined && (s.reason === 'RequestEntityTooLarge' || s.code === 413);
}

/** The first cause of the given type, if err is a StatusError that has one. */
export function statusCause(err: unknown, type: string): StatusCause | undefined {
  return asStatusError(err)?.status.details?.causes?.find((c) => (c.reason ?? '') === type);
}

/** The server's answer was not a Status (some proxy in between answered). */
export function isUnexpectedServerError(err: unknown): boolean {
  return statusCause(err, 'UnexpectedServerResponse') !== undefined;
}

/**
 * Seconds the server asked the client to wait, if it asked: always for ServerTimeout (even 0),
 * otherwise when retryAfterSeconds is positive.
 */
export function suggestsClientDelay(err: unknown): number | undefined {
  const s = asStatusError(err);
  const d = s?.status.details;
  if (s === undefined || d === undefined) return undefined;
  const seconds = d.retryAfterSeconds ?? 0;
  if (s.reason === 'ServerTimeout' || seconds > 0) return seconds;
  return undefined;
}

// Kubernetes Status errors from one place (upstream's k8s.io/apimachinery/pkg/api/errors).
// Every component reports API failures as a StatusError; the API server writes its `status`
// as the response body with `status.code` as the HTTP status, and clients rebuild one with
// fromStatus(). Messages, reasons and codes match upstream's byte for byte.

import { aggregateMessage, errorBody, type FieldError } from './field-errors.ts';
import { goQuote } from './go-format.ts';

export type StatusReason =
  | ''
  | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Gone'
  | 'Invalid' | 'ServerTimeout' | 'StorageReadError' | 'Timeout' | 'TooManyRequests'
  | 'BadRequest' | 'MethodNotAllowed' | 'NotAcceptable' | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType' | 'InternalError' | 'Expired' | 'ServiceUnavailable';

/** A cause's `reason`: a FieldErrorType, or one of the few other upstream cause types. */
export type CauseType = string;

export interface StatusCause {
  reason?: CauseType;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  /** For most errors this holds the resource (e.g. "pods"), as upstream fills it. */
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface ListMeta {
  selfLink?: string;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** metav1.Status as it goes over the wire; empty fields are left out, as Go's omitempty does. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: ListMeta;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}

export interface GroupResource {
  group: string;
  resource: string;
}

export interface GroupKind {
  group: string;
  kind: string;
}

export class StatusError extends Error {
  readonly status: Status;

  constructor(status: Status) {
    super(status.message ?? '');
    this.name = 'StatusError';
    this.status = status;
  }

  get code(): number {
    return this.status.code ?? 0;
  }

  get reason(): StatusReason {
    return this.status.reason ?? '';
  }
}

/** Rebuilds the error a server answered with. */
export function fromStatus(status: Status): StatusError {
  return new StatusError(status);
}

/** "pods", or "deployments.apps" for a named group. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

export function groupKindString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  // Fields in upstream's order, so the JSON is byte-for-byte the same.
  const status: Status = details === undefined
    ? { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }
    : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
  return new StatusError(status);
}

// Details with Go's omitempty applied: empty strings, zero and empty lists are left out.
function details(d: { group?: string; kind?: string; name?: string; causes?: StatusCause[]; retryAfterSeconds?: number }): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.causes !== undefined && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function errText(err: Error | string): string {
  return typeof err === 'string' ? err : err.message;
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${groupResourceString(gr)} ${goQuote(name)} not found`,
    details({ group: gr.group, kind: gr.resource, name }));
}

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${groupResourceString(gr)} ${goQuote(name)} already exists`,
    details({ group: gr.group, kind: gr.resource, name }));
}

/** generateName ran out of fresh names; the client may retry after the given delay. */
export function generateNameConflict(gr: GroupResource, name: string, retryAfterSeconds: number): StatusError {
  return failure(409, 'AlreadyExists',
    `${groupResourceString(gr)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
    details({ group: gr.group, kind: gr.resource, name, retryAfterSeconds }));
}

export function conflict(gr: GroupResource, name: string, err: Error | string): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} ${goQuote(name)}: ${errText(err)}`,
    details({ group: gr.group, kind: gr.resource, name }));
}

/** Server-side apply conflicts: the causes name the conflicting managers and fields. */
export function applyConflict(causes: StatusCause[], message: string): StatusError {
  return failure(409, 'Conflict', message, details({ causes }));
}

/** 422 Invalid from field errors: one cause per error, the message aggregating them. */
export function invalid(gk: GroupKind, name: string, errs: readonly FieldError[]): StatusError {
  const causes = errs.map((e): StatusCause => {
    const cause: StatusCause = { reason: e.type, message: errorBody(e) };
    if (e.field !== '') cause.field = e.field;
    return cause;
  });
  const aggregate = aggregateMessage(errs);
  const head = `${groupKindString(gk)} ${goQuote(name)} is invalid`;
  return failure(422, 'Invalid', aggregate === undefined ? head : `${head}: ${aggregate}`,
    details({ group: gk.group, kind: gk.kind, name, causes }));
}

export function badRequest(reason: string): StatusError {
  return failure(400, 'BadRequest', reason);
}

export function unauthorized(reason = ''): StatusError {
  return failure(401, 'Unauthorized', reason === '' ? 'not authorized' : reason);
}

export function forbidden(gr: GroupResource, name: string, err: Error | string): StatusError {
  const resource = groupResourceString(gr);
  let message: string;
  if (gr.group === '' && gr.resource === '') message = `forbidden: ${errText(err)}`;
  else if (name === '') message = `${resource} is forbidden: ${errText(err)}`;
  else message = `${resource} ${goQuote(name)} is forbidden: ${errText(err)}`;
  return failure(403, 'Forbidden', message, details({ group: gr.group, kind: gr.resource, name }));
}

export function methodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${goQuote(groupResourceString(gr))}`,
    details({ group: gr.group, kind: gr.resource }));
}

/** Deprecated upstream in favour of resourceExpired; both answer 410. */
export function gone(message: string): StatusError {
  return failure(410, 'Gone', message);
}

/** 410 Expired: the requested resourceVersion is older than the retained history. */
export function resourceExpired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function notAcceptable(accepted: readonly string[]): StatusError {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

export function unsupportedMediaType(accepted: readonly string[]): StatusError {
  return failure(415, 'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

export function requestEntityTooLarge(message: string): StatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

/** 429 with a retry hint (upstream's NewTooManyRequests). */
export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, 'TooManyRequests', message, details({ retryAfterSeconds }));
}

/** 429 without a hint (upstream's NewTooManyRequestsError). */
export function tooManyRequestsError(message: string): StatusError {
  return failure(429, 'TooManyRequests', `Too many requests: ${message}`);
}

export function internalError(err: Error | string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${errText(err)}`,
    details({ causes: [{ message: errText(err) }] }));
}

/** 500 ServerTimeout: a transient failure; details.name carries the operation. */
export function serverTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return failure(500, 'ServerTimeout',
    `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`,
    details({ group: gr.group, kind: gr.resource, name: operation, retryAfterSeconds }));
}

export function serverTimeoutForKind(gk: GroupKind, operation: string, retryAfterSeconds: number): StatusError {
  return serverTimeout({ group: gk.group, resource: gk.kind }, operation, retryAfterSeconds);
}

export function serviceUnavailable(reason: string): StatusError {
  return failure(503, 'ServiceUnavailable', reason);
}

/** 504 Timeout: the request may still complete. */
export function timeout(message: string, retryAfterSeconds: number): StatusError {
  return failure(504, 'Timeout', `Timeout: ${message}`, details({ retryAfterSeconds }));
}

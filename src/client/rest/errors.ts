// Failed responses as StatusErrors, as client-go's transformResponse builds them: the server's
// Status when the body is one, otherwise a synthesized Status whose reason follows the HTTP
// code (upstream's NewGenericServerResponse) and whose cause carries the body text.

import { goQuote } from '../../api/go-format.ts';
import { StatusError, groupResourceString, type GroupResource, type Status, type StatusReason } from '../../api/status.ts';

/** Who the failed call was about, for the synthesized message. */
export interface CallTarget {
  readonly method: string;
  readonly resource?: GroupResource;
  readonly name?: string;
}

const MAX_BODY_IN_MESSAGE = 1024;

/** The Status in `body`, if it is a JSON Status object. */
export function parseStatus(body: string): Status | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as { kind?: unknown; apiVersion?: unknown };
  return candidate.kind === 'Status' ? value as Status : undefined;
}

/** The error for a non-2xx answer. `retryAfterSeconds` comes from a Retry-After header. */
export function errorFromResponse(code: number, body: string, target: CallTarget, retryAfterSeconds = 0): StatusError {
  const status = parseStatus(body);
  if (status !== undefined && status.status !== 'Success') {
    // An old or foreign server may leave the code out; the HTTP status is the truth then.
    return new StatusError(status.code === undefined || status.code === 0 ? { ...status, code } : status);
  }
  return unexpectedResponse(code, body.length > MAX_BODY_IN_MESSAGE ? body.slice(0, MAX_BODY_IN_MESSAGE) : body, target, retryAfterSeconds);
}

function reasonAndMessage(code: number, method: string, serverMessage: string): [StatusReason, string] {
  switch (code) {
    case 409: return [method === 'POST' ? 'AlreadyExists' : 'Conflict', 'the server reported a conflict'];
    case 404: return ['NotFound', 'the server could not find the requested resource'];
    case 400: return ['BadRequest', 'the server rejected our request for an unknown reason'];
    case 401: return ['Unauthorized', 'the server has asked for the client to provide credentials'];
    case 403: return ['Forbidden', serverMessage];
    case 406: return ['NotAcceptable', serverMessage === '' || serverMessage === 'unknown'
      ? 'the server was unable to respond with a content type that the client supports' : serverMessage];
    case 415: return ['UnsupportedMediaType', serverMessage];
    case 405: return ['MethodNotAllowed', 'the server does not allow this method on the requested resource'];
    case 422: return ['Invalid', 'the server rejected our request due to an error in our request'];
    case 503: return ['ServiceUnavailable', 'the server is currently unable to handle the request'];
    case 504: return ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'];
    case 429: return ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'];
    default:
      if (code >= 500) return ['InternalError', `an error on the server (${goQuote(serverMessage)}) has prevented the request from succeeding`];
      return ['', `the server responded with the status code ${code} but did not return more information`];
  }
}

/** A Status for an answer that was not one (a proxy's page, an empty body). */
export function unexpectedResponse(code: number, serverMessage: string, target: CallTarget, retryAfterSeconds = 0): StatusError {
  const [reason, base] = reasonAndMessage(code, target.method, serverMessage);
  const gr = target.resource;
  const name = target.name ?? '';
  let message = base;
  if (gr !== undefined && (gr.group !== '' || gr.resource !== '')) {
    const verb = target.method.toLowerCase();
    message = name === '' ? `${base} (${verb} ${groupResourceString(gr)})` : `${base} (${verb} ${groupResourceString(gr)} ${name})`;
  }
  const details: NonNullable<Status['details']> = { causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }] };
  if (name !== '') details.name = name;
  if (gr !== undefined && gr.group !== '') details.group = gr.group;
  if (gr !== undefined && gr.resource !== '') details.kind = gr.resource;
  if (retryAfterSeconds > 0) details.retryAfterSeconds = retryAfterSeconds;
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, details, code };
  if (reason !== '') status.reason = reason;
  return new StatusError(status);
}

/** Network-level codes (on the error or its cause) meaning the server could not be reached. */
export function isConnectionRefused(err: unknown): boolean {
  return errorCodes(err).includes('ECONNREFUSED');
}

/** The `code` of err and of each error in its cause chain. */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let e = err; typeof e === 'object' && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

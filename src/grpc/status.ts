// gRPC status codes and the error a failed call ends with.

/** The status codes of grpc/doc/statuscodes.md, by name. */
export const Status = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
} as const;
export type StatusName = keyof typeof Status;

const NAMES = Object.keys(Status) as StatusName[];

/** The name of a status code ('UNKNOWN' for a number outside the list). */
export function statusName(code: number): StatusName {
  return NAMES[code] ?? 'UNKNOWN';
}

/**
 * A call that ended with a status other than OK. `message` reads as grpc-js writes it
 * ("14 UNAVAILABLE: details"), so logs look the same.
 */
export class GrpcError extends Error {
  override readonly name = 'GrpcError';
  readonly code: number;
  readonly codeName: StatusName;
  /** The server's grpc-message (percent-decoded), or what failed locally. */
  readonly details: string;
  /** The trailers (or headers) the status came in, when the server sent one. */
  readonly metadata: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * True when the server certainly did not process the call: no connection was made, or the
   * server refused the stream before reading it (REFUSED_STREAM, a GOAWAY below its id).
   * A call that is not idempotent may be retried only then.
   */
  readonly unprocessed: boolean;

  constructor(code: number, details: string, options: { metadata?: GrpcError['metadata']; unprocessed?: boolean; cause?: unknown } = {}) {
    super(`${code} ${statusName(code)}: ${details}`, options.cause === undefined ? {} : { cause: options.cause });
    this.code = code;
    this.codeName = statusName(code);
    this.details = details;
    this.metadata = options.metadata ?? {};
    this.unprocessed = options.unprocessed ?? false;
  }
}

/** The status a non-200 HTTP response stands for (grpc/doc/http-grpc-status-mapping.md). */
export function statusOfHttp(httpStatus: number): number {
  switch (httpStatus) {
    case 400: return Status.INTERNAL;
    case 401: return Status.UNAUTHENTICATED;
    case 403: return Status.PERMISSION_DENIED;
    case 404: return Status.UNIMPLEMENTED;
    case 429: case 502: case 503: case 504: return Status.UNAVAILABLE;
    default: return Status.UNKNOWN;
  }
}

/** grpc-message is percent-encoded UTF-8; a malformed escape is kept as sent. */
export function decodeGrpcMessage(raw: string | string[] | undefined): string {
  const text = Array.isArray(raw) ? raw.join(',') : raw ?? '';
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The grpc-status in `headers` as a number, or undefined when absent or not a number. */
export function grpcStatusOf(headers: Readonly<Record<string, string | string[] | undefined>>): number | undefined {
  const raw = headers['grpc-status'];
  if (raw === undefined) return undefined;
  const code = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(code) && code >= 0 ? code : Status.UNKNOWN;
}

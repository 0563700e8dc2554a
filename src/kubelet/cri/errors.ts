// CRI failures as one error type with the gRPC status code kept, so callers can branch on
// `code` (e.g. NOT_FOUND) instead of parsing messages.

import { status as grpcStatus } from '@grpc/grpc-js';

/** gRPC status names, as strings (no enums). */
export type CriCode = 'OK' | 'CANCELLED' | 'UNKNOWN' | 'INVALID_ARGUMENT' | 'DEADLINE_EXCEEDED' | 'NOT_FOUND' |
  'ALREADY_EXISTS' | 'PERMISSION_DENIED' | 'RESOURCE_EXHAUSTED' | 'FAILED_PRECONDITION' | 'ABORTED' |
  'OUT_OF_RANGE' | 'UNIMPLEMENTED' | 'INTERNAL' | 'UNAVAILABLE' | 'DATA_LOSS' | 'UNAUTHENTICATED';

export class CriError extends Error {
  readonly code: CriCode;
  readonly method: string;

  constructor(method: string, code: CriCode, message: string) {
    super(message);
    this.name = 'CriError';
    this.method = method;
    this.code = code;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof CriError && error.code === 'NOT_FOUND';
}

/** Maps a grpc-js ServiceError to a CriError whose message says what failed and where. */
export function criError(method: string, endpoint: string, error: unknown): CriError {
  const e = error as { code?: number; details?: string; message?: string };
  const code = (typeof e.code === 'number' ? grpcStatus[e.code] : undefined) as CriCode | undefined ?? 'UNKNOWN';
  const details = e.details ?? e.message ?? String(error);
  let message: string;
  if (code === 'UNAVAILABLE') message = `CRI ${method}: runtime at ${endpoint} is not answering (${details})`;
  else if (code === 'DEADLINE_EXCEEDED') message = `CRI ${method}: no answer from ${endpoint} before the deadline`;
  else if (code === 'UNIMPLEMENTED') message = `CRI ${method}: the runtime at ${endpoint} does not implement runtime.v1 ${method}`;
  else message = `CRI ${method}: ${details}`;
  return new CriError(method, code, message);
}

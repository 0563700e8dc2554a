// CRI failures as one error type with the gRPC status code kept, so callers can branch on
// `code` (e.g. NOT_FOUND) instead of parsing messages.

import { statusName } from '../../grpc/index.ts';

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

/** Maps a failed gRPC call (a GrpcError, or any error) to a CriError whose message says what failed and where. */
export function criError(method: string, endpoint: string, error: unknown): CriError {
  const e = error as { code?: unknown; details?: string; message?: string };
  const code: CriCode = typeof e.code === 'number' ? statusName(e.code) : 'UNKNOWN';
  const details = e.details ?? e.message ?? String(error);
  let message: string;
  if (code === 'UNAVAILABLE') message = `CRI ${method}: runtime at ${endpoint} is not answering (${details})`;
  else if (code === 'DEADLINE_EXCEEDED') message = `CRI ${method}: no answer from ${endpoint} before the deadline`;
  else if (code === 'UNIMPLEMENTED') message = `CRI ${method}: the runtime at ${endpoint} does not implement runtime.v1 ${method}`;
  else message = `CRI ${method}: ${details}`;
  return new CriError(method, code, message);
}

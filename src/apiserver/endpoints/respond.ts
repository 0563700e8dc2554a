// Writing answers: objects in the negotiated encoding, and errors as Status objects.

import { internalError, StatusError } from '../../api/status.ts';
import type { ApiResponse } from '../http/types.ts';
import { encodeBody, warningHeader, type ShapeLookup } from './codec.ts';
import { MEDIA_TYPES, type Format } from './negotiation.ts';

/** `json`, when given, is `JSON.stringify(value)` made already (see writtenJson). */
export function writeObject(res: ApiResponse, status: number, value: Record<string, unknown>, format: Format, shapes: ShapeLookup, warnings: readonly string[] = [], json?: string): void {
  if (warnings.length > 0) res.setHeader('Warning', warnings.map(warningHeader));
  const encoded = json !== undefined && format === 'json' ? { body: `${json}\n`, contentType: MEDIA_TYPES.json } : encodeBody(value, format, shapes);
  res.send(status, encoded.body, encoded.contentType);
}

/** Any error as the Status a client expects; what is not a StatusError is a 500. */
export function asStatusError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  return internalError(error instanceof Error ? error : String(error));
}

export function writeError(res: ApiResponse, error: unknown): void {
  const status = asStatusError(error);
  res.json(status.code, status.status);
}

// Store failures as API answers (upstream's storage.InterpretXxxError): what a client sees
// when storage says no.

import { conflict, internalError, notFound, resourceExpired, serviceUnavailable, badRequest, requestEntityTooLarge, alreadyExists, StatusError } from '../../api/status.ts';
import type { GroupResource } from '../../api/status.ts';
import { StorageError } from '../../storage/errors.ts';

export function toStatusError(error: unknown, resource: GroupResource, name: string): StatusError {
  if (error instanceof StatusError) return error;
  if (!(error instanceof StorageError)) return internalError(error instanceof Error ? error : String(error));
  switch (error.code) {
    case 'KeyNotFound':
      return notFound(resource, name);
    case 'KeyExists':
      return alreadyExists(resource, name);
    case 'Conflict':
      return conflict(resource, name, 'the object has been modified; please apply your changes to the latest version and try again');
    case 'Expired':
      return resourceExpired(`The resourceVersion for the provided watch is too old.`);
    case 'TooLargeRevision':
      return tooLargeResourceVersion(error.message);
    case 'InvalidInput':
      return badRequest(error.message);
    case 'TooLarge':
      return requestEntityTooLarge(error.message);
    case 'Unavailable':
      return serviceUnavailable(`storage is unavailable: ${error.message}`);
  }
}

/** 504 Timeout with the ResourceVersionTooLarge cause, as upstream answers a read from the future. */
export function tooLargeResourceVersion(message: string): StatusError {
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `Too large resource version: ${message}`, reason: 'Timeout',
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    code: 504,
  });
}

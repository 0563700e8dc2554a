import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as errors from './status.ts';
import * as is from './status-predicates.ts';
import type { StatusReason } from './status.ts';

const pods = { group: '', resource: 'pods' };

// A Status as some other server might send it: an arbitrary reason with a code.
function answer(reason: string, code: number): errors.StatusError {
  return errors.fromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: reason as StatusReason, code });
}

type Predicate = (err: unknown) => boolean;

test('predicates recognise their constructors and, for unknown reasons, their codes', () => {
  const cases: [string, Predicate, unknown, boolean][] = [
    ['isNotFound', is.isNotFound, errors.notFound(pods, 'x'), true],
    ['isNotFound by code', is.isNotFound, answer('', 404), true],
    ['isNotFound unknown reason', is.isNotFound, answer('Whatever', 404), true],
    ['isNotFound known other reason', is.isNotFound, answer('Gone', 404), false],
    ['isNotFound other', is.isNotFound, errors.alreadyExists(pods, 'x'), false],
    ['isNotFound plain error', is.isNotFound, new Error('pods "x" not found'), false],
    ['isNotFound nothing', is.isNotFound, undefined, false],
    ['isAlreadyExists', is.isAlreadyExists, errors.alreadyExists(pods, 'x'), true],
    ['isAlreadyExists not by code', is.isAlreadyExists, answer('', 409), false],
    ['isConflict', is.isConflict, errors.conflict(pods, 'x', 'e'), true],
    ['isConflict by code', is.isConflict, answer('', 409), true],
    ['isConflict not AlreadyExists', is.isConflict, errors.alreadyExists(pods, 'x'), false],
    ['isInvalid', is.isInvalid, errors.invalid({ group: '', kind: 'Pod' }, 'x', []), true],
    ['isInvalid by code', is.isInvalid, answer('', 422), true],
    ['isGone', is.isGone, errors.gone('g'), true],
    ['isGone not Expired', is.isGone, errors.resourceExpired('e'), false],
    ['isResourceExpired', is.isResourceExpired, errors.resourceExpired('e'), true],
    ['isResourceExpired not Gone', is.isResourceExpired, errors.gone('g'), false],
    ['isNotAcceptable', is.isNotAcceptable, errors.notAcceptable([]), true],
    ['isUnsupportedMediaType', is.isUnsupportedMediaType, errors.unsupportedMediaType([]), true],
    ['isMethodNotSupported', is.isMethodNotSupported, errors.methodNotSupported(pods, 'x'), true],
    ['isServiceUnavailable', is.isServiceUnavailable, errors.serviceUnavailable('x'), true],
    ['isBadRequest', is.isBadRequest, errors.badRequest('x'), true],
    ['isBadRequest by code', is.isBadRequest, answer('', 400), true],
    ['isUnauthorized', is.isUnauthorized, errors.unauthorized(), true],
    ['isForbidden', is.isForbidden, errors.forbidden(pods, '', 'x'), true],
    ['isTimeout', is.isTimeout, errors.timeout('x', 0), true],
    ['isServerTimeout', is.isServerTimeout, errors.serverTimeout(pods, 'get', 1), true],
    ['isServerTimeout not by code', is.isServerTimeout, answer('', 500), false],
    ['isInternalError', is.isInternalError, errors.internalError('x'), true],
    ['isInternalError by code', is.isInternalError, answer('', 500), true],
    ['isInternalError not ServerTimeout', is.isInternalError, errors.serverTimeout(pods, 'get', 1), false],
    ['isTooManyRequests', is.isTooManyRequests, errors.tooManyRequests('x', 1), true],
    ['isTooManyRequests any reason', is.isTooManyRequests, answer('Forbidden', 429), true],
    ['isRequestEntityTooLarge', is.isRequestEntityTooLarge, errors.requestEntityTooLarge('x'), true],
    ['isRequestEntityTooLarge any reason', is.isRequestEntityTooLarge, answer('BadRequest', 413), true],
    ['isStoreReadError', is.isStoreReadError, answer('StorageReadError', 500), true],
    ['wrapped in cause', is.isNotFound, new Error('get failed', { cause: errors.notFound(pods, 'x') }), true],
    ['deeply wrapped', is.isConflict, new Error('a', { cause: new Error('b', { cause: errors.conflict(pods, 'x', 'e') }) }), true],
  ];
  for (const [name, predicate, err, want] of cases) assert.equal(predicate(err), want, name);
});

test('reasonForError', () => {
  const cases: [unknown, StatusReason][] = [
    [errors.notFound(pods, 'x'), 'NotFound'],
    [errors.invalid({ group: '', kind: 'Pod' }, 'x', []), 'Invalid'],
    [new Error('x'), ''],
    ['a string', ''],
    [null, ''],
  ];
  for (const [err, want] of cases) assert.equal(is.reasonForError(err), want);
});

test('a cycle in the cause chain ends the search', () => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  assert.equal(is.isNotFound(a), false);
});

test('suggestsClientDelay', () => {
  const cases: [unknown, number | undefined][] = [
    [errors.serverTimeout(pods, 'get', 0), 0],
    [errors.serverTimeout(pods, 'get', 3), 3],
    [errors.tooManyRequests('x', 5), 5],
    [errors.tooManyRequests('x', 0), undefined],
    [errors.notFound(pods, 'x'), undefined],
    [errors.badRequest('x'), undefined],
  ];
  for (const [err, want] of cases) assert.equal(is.suggestsClientDelay(err), want);
});

test('statusCause and isUnexpectedServerError', () => {
  const unexpected = errors.fromStatus({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 502,
    details: { causes: [{ reason: 'UnexpectedServerResponse', message: '<html>' }] },
  });
  assert.equal(is.isUnexpectedServerError(unexpected), true);
  assert.equal(is.isUnexpectedServerError(errors.internalError('x')), false);
  assert.deepEqual(is.statusCause(errors.internalError('boom'), ''), { message: 'boom' });
  assert.equal(is.statusCause(errors.badRequest('x'), ''), undefined);
});

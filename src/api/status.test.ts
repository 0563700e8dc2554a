import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invalid as invalidField, path, required } from './field-errors.ts';
import * as errors from './status.ts';
import { StatusError, type Status } from './status.ts';

const pods = { group: '', resource: 'pods' };
const deployments = { group: 'apps', resource: 'deployments' };
const failure = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' } as const;

test('constructors build upstream Status objects', () => {
  const cases: [string, StatusError, Status][] = [
    ['notFound core', errors.notFound(pods, 'x'),
      { ...failure, message: 'pods "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404 }],
    ['notFound group', errors.notFound(deployments, 'web'),
      { ...failure, message: 'deployments.apps "web" not found', reason: 'NotFound',
        details: { name: 'web', group: 'apps', kind: 'deployments' }, code: 404 }],
    ['alreadyExists', errors.alreadyExists(pods, 'x'),
      { ...failure, message: 'pods "x" already exists', reason: 'AlreadyExists', details: { name: 'x', kind: 'pods' }, code: 409 }],
    ['generateNameConflict', errors.generateNameConflict(pods, 'x-abcde', 1),
      { ...failure, message: 'pods "x-abcde" already exists, the server was not able to generate a unique name for the object',
        reason: 'AlreadyExists', details: { name: 'x-abcde', kind: 'pods', retryAfterSeconds: 1 }, code: 409 }],
    ['conflict', errors.conflict(pods, 'x', new Error('the object has been modified; please apply your changes to the latest version and try again')),
      { ...failure, message: 'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
        reason: 'Conflict', details: { name: 'x', kind: 'pods' }, code: 409 }],
    ['badRequest', errors.badRequest('bad'), { ...failure, message: 'bad', reason: 'BadRequest', code: 400 }],
    ['unauthorized default', errors.unauthorized(), { ...failure, message: 'not authorized', reason: 'Unauthorized', code: 401 }],
    ['unauthorized', errors.unauthorized('Unauthorized'), { ...failure, message: 'Unauthorized', reason: 'Unauthorized', code: 401 }],
    ['forbidden named', errors.forbidden(pods, 'x', 'User "bob" cannot get resource "pods"'),
      { ...failure, message: 'pods "x" is forbidden: User "bob" cannot get resource "pods"', reason: 'Forbidden',
        details: { name: 'x', kind: 'pods' }, code: 403 }],
    ['forbidden unnamed', errors.forbidden(pods, '', 'no'),
      { ...failure, message: 'pods is forbidden: no', reason: 'Forbidden', details: { kind: 'pods' }, code: 403 }],
    ['forbidden no resource', errors.forbidden({ group: '', resource: '' }, '', 'User "bob" cannot get path "/x"'),
      { ...failure, message: 'forbidden: User "bob" cannot get path "/x"', reason: 'Forbidden', details: {}, code: 403 }],
    ['methodNotSupported', errors.methodNotSupported(deployments, 'delete'),
      { ...failure, message: 'delete is not supported on resources of kind "deployments.apps"', reason: 'MethodNotAllowed',
        details: { group: 'apps', kind: 'deployments' }, code: 405 }],
    ['gone', errors.gone('gone'), { ...failure, message: 'gone', reason: 'Gone', code: 410 }],
    ['resourceExpired', errors.resourceExpired('too old resource version: 1 (5)'),
      { ...failure, message: 'too old resource version: 1 (5)', reason: 'Expired', code: 410 }],
    ['notAcceptable', errors.notAcceptable(['application/json', 'application/yaml']),
      { ...failure, message: 'only the following media types are accepted: application/json, application/yaml', reason: 'NotAcceptable', code: 406 }],
    ['unsupportedMediaType', errors.unsupportedMediaType(['application/json']),
      { ...failure, message: 'the body of the request was in an unknown format - accepted media types include: application/json',
        reason: 'UnsupportedMediaType', code: 415 }],
    ['requestEntityTooLarge', errors.requestEntityTooLarge('limit is 3145728'),
      { ...failure, message: 'Request entity too large: limit is 3145728', reason: 'RequestEntityTooLarge', code: 413 }],
    ['tooManyRequests', errors.tooManyRequests('slow down', 2),
      { ...failure, message: 'slow down', reason: 'TooManyRequests', details: { retryAfterSeconds: 2 }, code: 429 }],
    ['tooManyRequests no hint', errors.tooManyRequests('slow down', 0),
      { ...failure, message: 'slow down', reason: 'TooManyRequests', details: {}, code: 429 }],
    ['tooManyRequestsError', errors.tooManyRequestsError('x'),
      { ...failure, message: 'Too many requests: x', reason: 'TooManyRequests', code: 429 }],
    ['internalError', errors.internalError(new Error('boom')),
      { ...failure, message: 'Internal error occurred: boom', reason: 'InternalError', details: { causes: [{ message: 'boom' }] }, code: 500 }],
    ['serverTimeout', errors.serverTimeout(pods, 'list', 2),
      { ...failure, message: 'The list operation against pods could not be completed at this time, please try again.',
        reason: 'ServerTimeout', details: { name: 'list', kind: 'pods', retryAfterSeconds: 2 }, code: 500 }],
    ['serverTimeoutForKind', errors.serverTimeoutForKind({ group: 'apps', kind: 'Deployment' }, 'get', 0),
      { ...failure, message: 'The get operation against Deployment.apps could not be completed at this time, please try again.',
        reason: 'ServerTimeout', details: { name: 'get', group: 'apps', kind: 'Deployment' }, code: 500 }],
    ['serviceUnavailable', errors.serviceUnavailable('down'), { ...failure, message: 'down', reason: 'ServiceUnavailable', code: 503 }],
    ['timeout', errors.timeout('request did not complete within 60s', 0),
      { ...failure, message: 'Timeout: request did not complete within 60s', reason: 'Timeout', details: {}, code: 504 }],
    ['applyConflict', errors.applyConflict([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }], 'Apply failed with 1 conflict'),
      { ...failure, message: 'Apply failed with 1 conflict', reason: 'Conflict',
        details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }] }, code: 409 }],
  ];
  for (const [name, err, want] of cases) {
    assert.ok(err instanceof StatusError, name);
    assert.ok(err instanceof Error, name);
    assert.deepEqual(err.status, want, name);
    assert.equal(err.message, want.message, name);
    assert.equal(err.code, want.code, name);
    assert.equal(err.reason, want.reason, name);
  }
});

test('invalid aggregates field errors into message and causes', () => {
  const pod = { group: '', kind: 'Pod' };
  const nameRequired = required(path('spec', 'containers').index(0).child('name'));
  const badLabel = invalidField(path('metadata', 'labels'), '-a', 'must start with an alphanumeric character');
  const cases: [string, StatusError, Status][] = [
    ['none', errors.invalid(pod, 'x', []),
      { ...failure, message: 'Pod "x" is invalid', reason: 'Invalid', details: { name: 'x', kind: 'Pod' }, code: 422 }],
    ['one', errors.invalid(pod, 'x', [nameRequired]),
      { ...failure, message: 'Pod "x" is invalid: spec.containers[0].name: Required value', reason: 'Invalid',
        details: { name: 'x', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].name' }] },
        code: 422 }],
    ['two, one repeated', errors.invalid({ group: 'apps', kind: 'Deployment' }, 'web', [nameRequired, badLabel, nameRequired]),
      { ...failure,
        message: 'Deployment.apps "web" is invalid: [spec.containers[0].name: Required value, metadata.labels: Invalid value: "-a": must start with an alphanumeric character]',
        reason: 'Invalid',
        details: { name: 'web', group: 'apps', kind: 'Deployment', causes: [
          { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].name' },
          { reason: 'FieldValueInvalid', message: 'Invalid value: "-a": must start with an alphanumeric character', field: 'metadata.labels' },
          { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].name' },
        ] },
        code: 422 }],
  ];
  for (const [name, err, want] of cases) assert.deepEqual(err.status, want, name);
});

test('names are quoted as Go %q', () => {
  assert.equal(errors.notFound(pods, 'a"b').message, 'pods "a\\"b" not found');
  assert.equal(errors.notFound(pods, '').message, 'pods "" not found');
});

test('fromStatus round-trips through JSON', () => {
  const original = errors.conflict(pods, 'x', 'changed');
  const rebuilt = errors.fromStatus(JSON.parse(JSON.stringify(original.status)) as Status);
  assert.deepEqual(rebuilt.status, original.status);
  assert.equal(rebuilt.message, original.message);
});

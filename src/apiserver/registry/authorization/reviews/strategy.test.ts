import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { selfsubjectaccessreviews, subjectaccessreviews } from './strategy.ts';

const jane = { namespace: '', user: { name: 'jane', groups: ['system:authenticated'] } };
const anonymous = { namespace: '', user: { name: 'system:anonymous', groups: ['system:unauthenticated'] } };

test('a self-subject access review is answered for whoever asks', () => {
  const review = { spec: { resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } } };
  assert.deepEqual(selfsubjectaccessreviews.virtualCreate?.(review, jane).status, { allowed: true });
  assert.deepEqual(selfsubjectaccessreviews.virtualCreate?.(review, anonymous).status, { allowed: false });
  const health = { spec: { nonResourceAttributes: { verb: 'get', path: '/healthz' } } };
  assert.deepEqual(selfsubjectaccessreviews.virtualCreate?.(health, anonymous).status, { allowed: true });
});

test('reviews need exactly one kind of attributes, and a subject access review needs a user or group', () => {
  const messages = (errs: ReturnType<NonNullable<typeof subjectaccessreviews.strategy.validate>>): string[] => errs.map(fieldErrorMessage);
  assert.deepEqual(messages(selfsubjectaccessreviews.strategy.validate?.({ spec: {} }) ?? []), [
    'spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
  ]);
  assert.deepEqual(messages(subjectaccessreviews.strategy.validate?.({ spec: { resourceAttributes: { verb: 'get' } } }) ?? []), [
    'spec.user: Required value: at least one of user or group must be specified',
  ]);
  const both = { spec: { user: 'x', resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/x', verb: 'get' } } };
  assert.match(messages(subjectaccessreviews.strategy.validate?.(both) ?? [])[0] ?? '', /cannot be specified in combination with resourceAttributes/);
});

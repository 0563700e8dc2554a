import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregateMessage, duplicate, errorBody, fieldErrorMessage, forbidden, internalError, invalid,
  NIL_PATH, notFound, notSupported, OMIT_VALUE, path, required, tooLong, tooMany, typeInvalid,
  withOrigin, type FieldError,
} from './field-errors.ts';

test('Path prints as upstream field.Path', () => {
  const cases: [string, string][] = [
    [path('metadata').child('labels').key('a').toString(), 'metadata.labels[a]'],
    [path('spec').child('containers').index(3).toString(), 'spec.containers[3]'],
    [path('spec', 'template', 'spec').toString(), 'spec.template.spec'],
    [path('spec').child('a', 'b').index(0).child('c').toString(), 'spec.a.b[0].c'],
    [path('data').key('a.b/c').toString(), 'data[a.b/c]'],
    [path('x').index(1).index(2).toString(), 'x[1][2]'],
    [NIL_PATH.toString(), '<nil>'],
    [NIL_PATH.child('key').toString(), 'key'],
    [NIL_PATH.child('values').index(0).key('k').toString(), 'values[0][k]'],
    [NIL_PATH.index(2).toString(), '[2]'],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
});

test('path builders do not share state', () => {
  const base = path('spec');
  const a = base.child('a');
  const b = base.child('b');
  assert.equal(a.toString(), 'spec.a');
  assert.equal(b.toString(), 'spec.b');
  assert.equal(base.toString(), 'spec');
});

test('field errors print the upstream messages', () => {
  const p = path('spec', 'field');
  const cases: [FieldError, string, string][] = [
    [required(p), 'FieldValueRequired', 'spec.field: Required value'],
    [required(p, 'must be set'), 'FieldValueRequired', 'spec.field: Required value: must be set'],
    [invalid(p, 'x', 'must be y'), 'FieldValueInvalid', 'spec.field: Invalid value: "x": must be y'],
    [invalid(p, -1, 'must be greater than or equal to 0'), 'FieldValueInvalid',
      'spec.field: Invalid value: -1: must be greater than or equal to 0'],
    [invalid(p, OMIT_VALUE, 'bad'), 'FieldValueInvalid', 'spec.field: Invalid value: bad'],
    [invalid(p, null, 'bad'), 'FieldValueInvalid', 'spec.field: Invalid value: "null": bad'],
    [typeInvalid(p, 'x', 'must be an integer'), 'FieldValueTypeInvalid',
      'spec.field: Invalid value: "x": must be an integer'],
    [notSupported(p, 'x', ['a', 'b']), 'FieldValueNotSupported',
      'spec.field: Unsupported value: "x": supported values: "a", "b"'],
    [notSupported(p, 'x', []), 'FieldValueNotSupported', 'spec.field: Unsupported value: "x"'],
    [duplicate(p, 'x'), 'FieldValueDuplicate', 'spec.field: Duplicate value: "x"'],
    [notFound(p, 'x'), 'FieldValueNotFound', 'spec.field: Not found: "x"'],
    [forbidden(p, 'may not be set'), 'FieldValueForbidden', 'spec.field: Forbidden: may not be set'],
    [tooLong(p, 63), 'FieldValueTooLong', 'spec.field: Too long: may not be more than 63 bytes'],
    [tooLong(p, -1), 'FieldValueTooLong', 'spec.field: Too long: value is too long'],
    [tooMany(p, 5, 3), 'FieldValueTooMany', 'spec.field: Too many: 5: must have at most 3 items'],
    [tooMany(p, -1, 3), 'FieldValueTooMany', 'spec.field: Too many: must have at most 3 items'],
    [tooMany(p, 5, -1), 'FieldValueTooMany', 'spec.field: Too many: 5: has too many items'],
    [internalError(p, new Error('boom')), 'InternalError', 'spec.field: Internal error: boom'],
  ];
  for (const [err, type, want] of cases) {
    assert.equal(err.type, type);
    assert.equal(err.field, 'spec.field');
    assert.equal(fieldErrorMessage(err), want);
    assert.equal(errorBody(err), want.slice('spec.field: '.length));
  }
});

test('aggregateMessage joins like ToAggregate', () => {
  const a = required(path('a'));
  const b = invalid(path('b'), 'x', 'bad');
  const cases: [FieldError[], string | undefined][] = [
    [[], undefined],
    [[a], 'a: Required value'],
    [[a, a], 'a: Required value'],
    [[a, b], '[a: Required value, b: Invalid value: "x": bad]'],
    [[a, b, a], '[a: Required value, b: Invalid value: "x": bad]'],
  ];
  for (const [errs, want] of cases) assert.equal(aggregateMessage(errs), want);
});

test('withOrigin tags copies', () => {
  const errs = [required(path('a'))];
  const tagged = withOrigin(errs, 'labelKey');
  assert.equal(tagged[0]?.origin, 'labelKey');
  assert.equal(errs[0]?.origin, undefined);
});

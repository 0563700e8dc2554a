import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage, path } from '../field-errors.ts';
import type { LabelSelector } from '../labels/selector.ts';
import { validateLabelSelector, type LabelSelectorValidationOptions } from './label-selector.ts';

const keyRule = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('validateLabelSelector reports field errors at the selector path', () => {
  const at = path('spec', 'selector');
  const cases: [LabelSelector | undefined, LabelSelectorValidationOptions, string[]][] = [
    [undefined, {}, []],
    [{}, {}, []],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, {}, []],
    [{ matchExpressions: [{ key: 'env', operator: 'In' }] }, {},
      ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'env', operator: 'DoesNotExist', values: ['x'] }] }, {},
      ["spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]],
    [{ matchExpressions: [{ key: 'env', operator: 'Gt' as 'In', values: ['1'] }] }, {},
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator']],
    [{ matchExpressions: [{ key: 'env', operator: 'Gt' as 'In', values: ['1'] }] }, { allowUnknownOperatorInRequirement: true }, []],
    [{ matchExpressions: [{ key: '-env', operator: 'In', values: ['ok', 'not ok'] }] }, {}, [
      `spec.selector.matchExpressions[0].key: Invalid value: "-env": ${keyRule}`,
      `spec.selector.matchExpressions[0].values[1]: Invalid value: "not ok": ${valueRule}`,
    ]],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['not ok'] }] }, { allowInvalidLabelValueInSelector: true }, []],
    [{ matchLabels: { 'a/b/c': 'v' } }, {}, [
      "spec.selector.matchLabels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]],
  ];
  for (const [ls, opts, want] of cases) {
    assert.deepEqual(validateLabelSelector(ls, opts, at).map(fieldErrorMessage), want, JSON.stringify(ls));
  }
});

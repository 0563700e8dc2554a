import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { PodDisruptionBudget } from '../../../../api/types/policy/v1/index.ts';
import { poddisruptionbudgets } from './strategy.ts';

function pdb(spec: NonNullable<PodDisruptionBudget['spec']>): PodDisruptionBudget {
  return { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T12:00:00Z' }, spec };
}

test('pdb validation: minAvailable xor maxUnavailable, counts or percentages up to 100%', () => {
  const validate = (p: PodDisruptionBudget): string[] => (poddisruptionbudgets.strategy.validate?.(p) ?? []).map(fieldErrorMessage);
  const cases: [NonNullable<PodDisruptionBudget['spec']>, string[]][] = [
    [{ minAvailable: 2, selector: { matchLabels: { app: 'web' } } }, []],
    [{ maxUnavailable: '30%' }, []],
    [{ minAvailable: 1, maxUnavailable: 1 }, ['spec: Invalid value: {"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set']],
    [{ minAvailable: -1 }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    [{ maxUnavailable: '120%' }, ['spec.maxUnavailable: Invalid value: 120%: must not be greater than 100%']],
    [{ minAvailable: 'half' }, ["spec.minAvailable: Invalid value: half: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]],
    [{ unhealthyPodEvictionPolicy: 'Never' as 'AlwaysAllow' }, ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"']],
  ];
  for (const [spec, want] of cases) assert.deepEqual(validate(pdb(spec)), want, JSON.stringify(spec));
  assert.deepEqual(poddisruptionbudgets.strategy.validateUpdate?.(pdb({ minAvailable: 3 }), pdb({ minAvailable: 2 })), [], 'the spec may change');
});

test('pdb create starts from an empty status; status counters are not negative', () => {
  const p = pdb({ minAvailable: 1 });
  poddisruptionbudgets.strategy.prepareForCreate?.(p);
  assert.deepEqual(p.status, { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  p.status = { disruptionsAllowed: -1, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  assert.deepEqual((poddisruptionbudgets.status?.validateUpdate?.(p, p) ?? []).map(fieldErrorMessage),
    ['status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0']);
  p.status = {
    disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0,
    conditions: [
      { type: 'DisruptionAllowed', status: 'True', lastTransitionTime: '2024-05-01T12:00:00Z', reason: 'SufficientPods', message: '' },
      { type: 'DisruptionAllowed', status: 'Maybe', lastTransitionTime: '', reason: 'not ok', message: '' },
    ],
  };
  assert.deepEqual((poddisruptionbudgets.status?.validateUpdate?.(p, p) ?? []).map(fieldErrorMessage), [
    'status.conditions[1].type: Duplicate value: "DisruptionAllowed"',
    'status.conditions[1].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
    'status.conditions[1].lastTransitionTime: Required value: must be set',
    "status.conditions[1].reason: Invalid value: \"not ok\": a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName',  or 'ReasonA,ReasonB',  or 'ReasonA:ReasonB', regex used for validation is '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')",
  ]);
});

test('pdb printer: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', () => {
  const printer = poddisruptionbudgets.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
  const p = pdb({ maxUnavailable: '25%' });
  p.status = { disruptionsAllowed: 1, currentHealthy: 4, desiredHealthy: 3, expectedPods: 4 };
  assert.deepEqual(printer.cells(p, Date.parse('2024-05-01T12:00:09Z')), ['web', 'N/A', '25%', 1, '9s']);
  assert.deepEqual(printer.cells(pdb({ minAvailable: 2 }), Date.parse('2024-05-01T12:00:09Z')).slice(1, 4), ['2', 'N/A', 0]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { PriorityClass } from '../../../../api/types/scheduling/v1/index.ts';
import { priorityclasses, systemPriorityClasses } from './strategy.ts';

function priorityClass(name: string, value: number, fields: Partial<PriorityClass> = {}): PriorityClass {
  const pc: PriorityClass = { metadata: { name, creationTimestamp: '2024-05-01T12:00:00Z' }, value, ...fields };
  priorityclasses.strategy.defaults?.(pc);
  return pc;
}

const validate = (pc: PriorityClass): string[] => (priorityclasses.strategy.validate?.(pc) ?? []).map(fieldErrorMessage);

test('priorityclass defaults PreemptLowerPriority and caps user values', () => {
  assert.equal(priorityClass('high', 1000).preemptionPolicy, 'PreemptLowerPriority');
  const cases: [PriorityClass, string[]][] = [
    [priorityClass('high', 1_000_000_000), []],
    [priorityClass('too-high', 1_000_000_001), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    [priorityClass('system-custom', 5), ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-custom is not a known system priority class"]],
    [priorityClass('system-node-critical', 5), ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"]],
    [priorityClass('never', 1, { preemptionPolicy: 'Sometimes' as 'Never' }), ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"']],
  ];
  for (const [pc, want] of cases) assert.deepEqual(validate(pc), want, pc.metadata?.name);
});

test('the system priority classes are valid and carry upstream values', () => {
  assert.deepEqual(systemPriorityClasses.map((pc) => [pc.metadata?.name, pc.value]), [['system-node-critical', 2000001000], ['system-cluster-critical', 2000000000]]);
  for (const pc of systemPriorityClasses) {
    const copy = jsonClone(pc);
    priorityclasses.strategy.defaults?.(copy);
    assert.deepEqual(validate(copy), [], pc.metadata?.name);
  }
});

test('priorityclass value and preemption policy are immutable', () => {
  const old = priorityClass('high', 1000);
  const next = priorityClass('high', 2000, { preemptionPolicy: 'Never', description: 'changed' });
  assert.deepEqual((priorityclasses.strategy.validateUpdate?.(next, old) ?? []).map(fieldErrorMessage), [
    'value: Forbidden: may not be changed in an update.',
    'preemptionPolicy: Invalid value: "Never": field is immutable',
  ]);
});

test('priorityclass printer: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', () => {
  const printer = priorityclasses.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
  assert.deepEqual(printer.cells(priorityClass('high', 1000, { globalDefault: true }), Date.parse('2024-05-01T13:00:00Z')),
    ['high', 1000, true, '60m', 'PreemptLowerPriority']);
});

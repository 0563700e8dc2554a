import type { PriorityClass } from '../../../../api/types/scheduling/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { AGE_COLUMN } from '../../apps/replicasets/template-columns.ts';

/** kubectl get pc: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
export const priorityClassPrinter: Printer<PriorityClass> = {
  columns: [
    NAME_COLUMN,
    column('Value', 'integer', 'The priority; higher values schedule first.'),
    column('Global-Default', 'boolean', 'Whether pods that name no class get this one.'),
    AGE_COLUMN,
    column('PreemptionPolicy', 'string', 'PreemptLowerPriority or Never.'),
  ],
  cells: (pc, now) => [pc.metadata?.name ?? '', pc.value ?? 0, pc.globalDefault ?? false, age(pc.metadata?.creationTimestamp, now), pc.preemptionPolicy ?? ''],
};

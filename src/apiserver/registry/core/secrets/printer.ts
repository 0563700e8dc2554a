import type { Secret } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';

export const secretPrinter: Printer<Secret> = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'The type of secret'),
    column('Data', 'string', 'Data contains the secret data.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  ],
  cells: (s, now) => [s.metadata?.name ?? '', s.type ?? '', Object.keys(s.data ?? {}).length, age(s.metadata?.creationTimestamp, now)],
};

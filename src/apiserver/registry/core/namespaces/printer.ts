import type { Namespace } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';

export const namespacePrinter: Printer<Namespace> = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the namespace'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  ],
  cells: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns.metadata?.creationTimestamp, now)],
};

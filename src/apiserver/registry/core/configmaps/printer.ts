import type { ConfigMap } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';

export const dataPrinter: Printer<ConfigMap> = {
  columns: [
    NAME_COLUMN,
    column('Data', 'string', 'Data contains the configuration data.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  ],
  cells: (cm, now) => [cm.metadata?.name ?? '', Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(cm.metadata?.creationTimestamp, now)],
};

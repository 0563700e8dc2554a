import type { ServiceAccount } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';

/** `kubectl get serviceaccounts`: how many Secrets each lists (upstream's printServiceAccount). */
export const serviceAccountPrinter: Printer<ServiceAccount> = {
  columns: [
    NAME_COLUMN,
    column('Secrets', 'string', 'Secrets listed for pods of this account (deprecated).'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  ],
  cells: (sa, now) => [sa.metadata?.name ?? '', (sa.secrets ?? []).length, age(sa.metadata?.creationTimestamp, now)],
};

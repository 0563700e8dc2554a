import type { StatefulSet } from '../../../../api/types/apps/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { AGE_COLUMN, containerCells, CONTAINERS_COLUMN, IMAGES_COLUMN } from '../replicasets/template-columns.ts';

/** kubectl get sts: NAME READY AGE (+ CONTAINERS IMAGES). */
export const statefulSetPrinter: Printer<StatefulSet> = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  cells: (sts, now) => [
    sts.metadata?.name ?? '',
    `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`,
    age(sts.metadata?.creationTimestamp, now),
    ...containerCells(sts.spec?.template),
  ],
};

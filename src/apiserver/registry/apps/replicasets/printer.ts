import type { ReplicaSet } from '../../../../api/types/apps/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { AGE_COLUMN, containerCells, CONTAINERS_COLUMN, formatLabelSelector, IMAGES_COLUMN, selectorColumn } from './template-columns.ts';

/** kubectl get rs: NAME DESIRED CURRENT READY AGE (+ CONTAINERS IMAGES SELECTOR). */
export const replicaSetPrinter: Printer<ReplicaSet> = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The number of pods wanted.'),
    column('Current', 'integer', 'The number of pods that exist.'),
    column('Ready', 'integer', 'The number of pods that are ready.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    selectorColumn('Which pods belong to the ReplicaSet.'),
  ],
  cells: (rs, now) => [
    rs.metadata?.name ?? '',
    rs.spec?.replicas ?? 0,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(rs.metadata?.creationTimestamp, now),
    ...containerCells(rs.spec?.template),
    formatLabelSelector(rs.spec?.selector),
  ],
};

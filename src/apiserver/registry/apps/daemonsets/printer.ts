import type { DaemonSet } from '../../../../api/types/apps/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import {
  AGE_COLUMN, containerCells, CONTAINERS_COLUMN, formatLabels, formatLabelSelector, IMAGES_COLUMN, selectorColumn,
} from '../replicasets/template-columns.ts';

/** kubectl get ds: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE (+ CONTAINERS IMAGES SELECTOR). */
export const daemonSetPrinter: Printer<DaemonSet> = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'Nodes that should run a daemon pod.'),
    column('Current', 'integer', 'Nodes running at least one daemon pod that should.'),
    column('Ready', 'integer', 'Nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Nodes running the current template.'),
    column('Available', 'integer', 'Nodes whose daemon pod has been ready for minReadySeconds.'),
    column('Node Selector', 'string', 'Labels a node must have for the pod to be scheduled there.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    selectorColumn('Which pods belong to the daemon set.'),
  ],
  cells: (ds, now) => [
    ds.metadata?.name ?? '',
    ds.status?.desiredNumberScheduled ?? 0,
    ds.status?.currentNumberScheduled ?? 0,
    ds.status?.numberReady ?? 0,
    ds.status?.updatedNumberScheduled ?? 0,
    ds.status?.numberAvailable ?? 0,
    formatLabels(ds.spec?.template?.spec?.nodeSelector),
    age(ds.metadata?.creationTimestamp, now),
    ...containerCells(ds.spec?.template),
    formatLabelSelector(ds.spec?.selector),
  ],
};

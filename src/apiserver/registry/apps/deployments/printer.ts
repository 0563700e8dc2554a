import { fromLabelSelector, selectorToString } from '../../../../api/labels/selector.ts';
import type { Deployment } from '../../../../api/types/apps/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { asSelectorSpec } from '../replicasets/pod-controller.ts';
import { AGE_COLUMN, containerCells, CONTAINERS_COLUMN, IMAGES_COLUMN, selectorColumn } from '../replicasets/template-columns.ts';

/** kubectl get deploy: NAME READY UP-TO-DATE AVAILABLE AGE (+ CONTAINERS IMAGES SELECTOR). */
export const deploymentPrinter: Printer<Deployment> = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Pods running the current template.'),
    column('Available', 'string', 'Pods that have been ready for minReadySeconds.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    selectorColumn('Which pods belong to the Deployment.'),
  ],
  cells: (d, now) => {
    // Unlike the other controllers, an empty selector prints as "" here and a bad one as "<invalid>".
    const selector = fromLabelSelector(asSelectorSpec(d.spec?.selector));
    return [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata?.creationTimestamp, now),
      ...containerCells(d.spec?.template),
      selector.ok ? selectorToString(selector.value) : '<invalid>',
    ];
  },
};

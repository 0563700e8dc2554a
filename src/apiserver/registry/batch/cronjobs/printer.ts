import type { CronJob } from '../../../../api/types/batch/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import {
  AGE_COLUMN, containerCells, CONTAINERS_COLUMN, formatLabelSelector, IMAGES_COLUMN, selectorColumn,
} from '../../apps/replicasets/template-columns.ts';

function printBool(value: boolean | undefined): string {
  if (value === undefined) return '<unset>';
  return value ? 'True' : 'False';
}

/** kubectl get cj: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE (+ CONTAINERS IMAGES SELECTOR). */
export const cronJobPrinter: Printer<CronJob> = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'string', 'The schedule in cron syntax.'),
    column('Timezone', 'string', 'The time zone the schedule is read in.'),
    column('Suspend', 'boolean', 'Whether new jobs are held back.'),
    column('Active', 'integer', 'The jobs currently running.'),
    column('Last Schedule', 'string', 'When a job was last scheduled.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    selectorColumn('Which pods belong to the jobs.'),
  ],
  cells: (cj, now) => {
    const last = cj.status?.lastScheduleTime;
    const jobSpec = cj.spec?.jobTemplate?.spec;
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      printBool(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last === undefined ? '<none>' : age(last, now),
      age(cj.metadata?.creationTimestamp, now),
      ...containerCells(jobSpec?.template),
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};

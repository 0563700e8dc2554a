import type { ControllerRevision } from '../../../../api/types/apps/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { AGE_COLUMN } from '../replicasets/template-columns.ts';

/** The controlling owner as kubectl names it: "daemonset.apps/fluentd", or "<none>". */
export function controllerName(revision: ControllerRevision): string {
  const owner = (revision.metadata?.ownerReferences ?? []).find((ref) => ref.controller === true);
  if (owner === undefined) return '<none>';
  const apiVersion = owner.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = owner.kind ?? '';
  if (kind === '' && group === '') return owner.name ?? '';
  return `${(group === '' ? kind : `${kind}.${group}`).toLowerCase()}/${owner.name ?? ''}`;
}

/** kubectl get controllerrevisions: NAME CONTROLLER REVISION AGE. */
export const controllerRevisionPrinter: Printer<ControllerRevision> = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', 'The revision number.'),
    AGE_COLUMN,
  ],
  cells: (cr, now) => [cr.metadata?.name ?? '', controllerName(cr), cr.revision, age(cr.metadata?.creationTimestamp, now)],
};

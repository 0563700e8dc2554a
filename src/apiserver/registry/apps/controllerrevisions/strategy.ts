// ControllerRevisions: immutable snapshots of a controller's template, kept for rollback.
// The data is required and never changes; the revision number is not negative.

import { invalid, path, required, type FieldError } from '../../../../api/field-errors.ts';
import { ControllerRevision, ControllerRevisionList } from '../../../../api/types/apps/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { nonNegative } from '../replicasets/int-or-percent.ts';
import { semanticEqual } from '../replicasets/semantic-equal.ts';
import { controllerRevisionPrinter } from './printer.ts';

function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  const errs: FieldError[] = [];
  if (cr.data === undefined || cr.data === null) errs.push(required(path('data'), 'data is mandatory'));
  errs.push(...nonNegative(cr.revision as number | undefined ?? 0, path('revision')));
  return errs;
}

export const controllerrevisions: ResourceDef<ControllerRevision> = {
  group: 'apps', version: 'v1', resource: 'controllerrevisions', singular: 'controllerrevision', kind: 'ControllerRevision',
  listKind: 'ControllerRevisionList', namespaced: true, shape: ControllerRevision, listShape: ControllerRevisionList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    validate: validateControllerRevision,
    validateUpdate(cr, old) {
      const errs = validateControllerRevision(cr);
      if (!semanticEqual(cr.data, old.data)) errs.push(invalid(path('data'), cr.data ?? null, 'field is immutable'));
      return errs;
    },
  },
  printer: controllerRevisionPrinter,
};

// metav1.Condition lists in a status, validated as upstream's meta/v1 ValidateConditions.

import { duplicate, invalid, notSupported, required, tooLong, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { Condition } from '../../../../api/types/meta/v1/index.ts';
import { regexError, validateLabelName } from '../../../../api/validation/names.ts';

const STATUSES = ['False', 'True', 'Unknown'];
const REASON_FORMAT = '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?';
const REASON = new RegExp(`^${REASON_FORMAT}$`);
const REASON_MESSAGE = regexError(
  "a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_'",
  REASON_FORMAT, 'my_name', 'MY_NAME', 'MyName', 'ReasonA,ReasonB', 'ReasonA:ReasonB',
);
const MAX_REASON_LENGTH = 1024;
const MAX_MESSAGE_LENGTH = 32 * 1024;

export function validateConditions(conditions: readonly Condition[] | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (conditions ?? []).forEach((c, i) => {
    const here = at.index(i);
    errs.push(...validateLabelName(c.type, here.child('type')));
    if (seen.has(c.type)) errs.push(duplicate(here.child('type'), c.type));
    else seen.add(c.type);
    const status: string = c.status;
    if (!STATUSES.includes(status)) errs.push(notSupported(here.child('status'), status, STATUSES));
    if ((c.observedGeneration ?? 0) < 0) errs.push(invalid(here.child('observedGeneration'), c.observedGeneration, 'must be greater than or equal to zero'));
    if ((c.lastTransitionTime ?? '') === '') errs.push(required(here.child('lastTransitionTime'), 'must be set'));
    const reason = c.reason ?? '';
    if (reason === '') errs.push(required(here.child('reason'), 'must be set'));
    else {
      if (!REASON.test(reason)) errs.push(invalid(here.child('reason'), reason, REASON_MESSAGE));
      if (reason.length > MAX_REASON_LENGTH) errs.push(tooLong(here.child('reason'), MAX_REASON_LENGTH));
    }
    if (Buffer.byteLength(c.message ?? '') > MAX_MESSAGE_LENGTH) errs.push(tooLong(here.child('message'), MAX_MESSAGE_LENGTH));
  });
  return errs;
}

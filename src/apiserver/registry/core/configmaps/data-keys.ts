// Keys of ConfigMap and Secret data: file names, since they can be mounted as files.

import { invalid, type FieldError, type Path } from '../../../../api/field-errors.ts';

const KEY = /^[-._a-zA-Z0-9]+$/;
const KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

export function validateDataKey(key: string, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (key.length > 253) errs.push(invalid(at, key, 'must be no more than 253 characters'));
  if (!KEY.test(key)) errs.push(invalid(at, key, KEY_MESSAGE));
  if (key === '.') errs.push(invalid(at, key, `must not be '.'`));
  else if (key === '..') errs.push(invalid(at, key, `must not be '..'`));
  else if (key.startsWith('..')) errs.push(invalid(at, key, `must not start with '..'`));
  return errs;
}

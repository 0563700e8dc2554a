// Errors of strategic merge patch, worded as upstream words them (k8s.io/apimachinery
// util/mergepatch and util/strategicpatch), because clients print the message as the server
// sends it: `Error from server: map: map[image:x] does not contain declared merge key: name`.

import { compareGoStrings, goFormatFloat } from '../go-format.ts';

/**
 * The HTTP status upstream's API server answers with for the error:
 * - 400: the patch is malformed (bad JSON document, bad $deleteFromPrimitiveList,
 *   $retainKeys or $setElementOrder format), as upstream's interpretStrategicMergePatchError;
 * - 409: a three-way patch conflicts with changes made to the live object (client side only);
 * - 422: lists of lists, and a patched value of the wrong kind where the schema has a list,
 *   struct or map (upstream's decode of the merged object fails and answers Invalid);
 * - 500: everything else — upstream returns these as plain errors, which its API server turns
 *   into a Status with code 500 and no reason (kubectl prints `Error from server: <message>`).
 */
export type StrategicMergeErrorCode = 400 | 409 | 422 | 500;

export class StrategicMergeError extends Error {
  readonly code: StrategicMergeErrorCode;
  /** The JSON path of the field involved, when known (e.g. spec.template.spec.containers). */
  readonly field: string | undefined;

  constructor(message: string, code: StrategicMergeErrorCode = 500, field?: string) {
    super(message);
    this.name = 'StrategicMergeError';
    this.code = code;
    this.field = field;
  }
}

/** Go's %v of a decoded JSON value (map keys sorted, as fmt prints maps). */
export function goPrint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value === 0 ? 0 : value) : goFormatFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareGoStrings(a, b));
    return `map[${entries.map(([k, v]) => `${k}:${goPrint(v)}`).join(' ')}]`;
  }
  return String(value);
}

/** Go's reflect type name of a decoded JSON value, as %s of reflect.TypeOf prints it. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (Array.isArray(value)) return '[]interface {}';
  switch (typeof value) {
    case 'object':
      return 'map[string]interface {}';
    case 'number':
      return Number.isInteger(value) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return typeof value;
  }
}

export function errNoMergeKey(item: unknown, mergeKey: string): StrategicMergeError {
  return new StrategicMergeError(`map: ${goPrint(item)} does not contain declared merge key: ${mergeKey}`);
}

export function errBadPatchType(directive: unknown, map: unknown): StrategicMergeError {
  // Go's %s of a value that is not a string, as fmt prints it.
  const shown = typeof directive === 'string' ? directive : directive === null ? '%!s(<nil>)' : `%!s(${goTypeName(directive)}=${goPrint(directive)})`;
  return new StrategicMergeError(`unknown patch type: ${shown} in map: ${goPrint(map)}`);
}

/** Expected a JSON object (or list, when `list`), got `actual`. */
export function errBadArgType(list: boolean, actual: unknown): StrategicMergeError {
  return new StrategicMergeError(`expected a ${list ? '[]interface {}' : 'map[string]interface {}'}, but received a ${goTypeName(actual)}`);
}

export const errBadJsonDoc = (): StrategicMergeError => new StrategicMergeError('invalid JSON document', 400);
export const errNoListOfLists = (): StrategicMergeError => new StrategicMergeError('lists of lists are not supported', 422);
export const errBadPrimitiveList = (): StrategicMergeError => new StrategicMergeError('invalid patch format of primitive list', 400);
export const errBadRetainKeys = (): StrategicMergeError => new StrategicMergeError('invalid patch format of retainKeys', 400);
export const errBadSetElementOrder = (): StrategicMergeError => new StrategicMergeError('invalid patch format of setElementOrder list', 400);

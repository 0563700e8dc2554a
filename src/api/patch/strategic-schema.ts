// The patch metadata strategic merge reads from a declared shape: for a field, its patch
// strategy (x-kubernetes-patch-strategy), merge key (x-kubernetes-patch-merge-key) and the
// shape to merge its value with. Upstream reads the same facts from Go struct tags.
//
// Where the schema knows nothing — a field it does not declare, the inside of a `raw` value
// (RawExtension, JSON) or of fieldsV1 — the schema is `undefined`: maps still merge key by key
// and lists are replaced, which is JSON merge patch plus the $patch directives. (Upstream fails
// with "unable to find api field" when such content must be merged below its top level.)

import type { Shape, StructShape, MapShape } from '../schema/shape.ts';
import { StrategicMergeError } from './strategic-errors.ts';

/** The schema of a JSON object being merged: a struct, a map, or unknown. */
export type PatchSchema = StructShape | MapShape | undefined;

export interface FieldPatchMeta {
  /** The declared shape of the field, or of a map's values; undefined when unknown. */
  readonly shape: Shape | undefined;
  /** The patch strategy without retainKeys: '' means the default (replace lists, merge maps). */
  readonly strategy: '' | 'merge' | 'replace';
  /** Whether the strategy includes retainKeys (the diff then emits $retainKeys). */
  readonly retainKeys: boolean;
  /** The merge key of a list of objects; '' for none. */
  readonly mergeKey: string;
}

const unknownField: FieldPatchMeta = { shape: undefined, strategy: '', retainKeys: false, mergeKey: '' };

/** The patch metadata of `key` in an object of schema `schema`. */
export function lookupField(schema: PatchSchema, key: string): FieldPatchMeta {
  if (schema === undefined) return unknownField;
  if (schema.kind === 'map') return { ...unknownField, shape: schema.values };
  const field = schema.field(key);
  if (field === undefined) return unknownField;
  let strategy: FieldPatchMeta['strategy'] = '';
  let retainKeys = false;
  for (const part of (field.patchStrategy ?? '').split(',')) {
    if (part === 'retainKeys') retainKeys = true;
    else if (part === 'merge' || part === 'replace') strategy = part;
  }
  return { shape: field.shape, strategy, retainKeys, mergeKey: field.patchMergeKey ?? '' };
}

/** The schema to merge an object value of a field of shape `shape` with. */
export function objectSchema(shape: Shape | undefined): PatchSchema {
  return shape !== undefined && (shape.kind === 'struct' || shape.kind === 'map') ? shape : undefined;
}

/** The schema to merge the object items of a list field of shape `shape` with. */
export function itemSchema(shape: Shape | undefined): PatchSchema {
  return shape?.kind === 'list' ? objectSchema(shape.items) : undefined;
}

/** Go's reflect kind of a decoded JSON value, as upstream's errors name it. */
export function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'slice';
  if (value === null) return 'invalid';
  switch (typeof value) {
    case 'object':
      return 'map';
    case 'number':
      return Number.isInteger(value) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return typeof value;
  }
}

/**
 * Fails when a patched value cannot be a value of the declared shape: a non-list for a list,
 * a non-object for a struct or map. Upstream merges such a value in and then fails decoding
 * the merged object with these words, answering 422; scalars are left to the decoder.
 */
export function checkValueKind(shape: Shape | undefined, value: unknown, field: string): void {
  if (shape === undefined || value === null) return;
  const kind = goKind(value);
  if (shape.kind === 'list' && kind !== 'slice') throw new StrategicMergeError(`cannot restore slice from ${kind}`, 422, field);
  if (shape.kind === 'struct' && kind !== 'map') throw new StrategicMergeError(`cannot restore struct from: ${kind}`, 422, field);
  if (shape.kind === 'map' && kind !== 'map') throw new StrategicMergeError(`cannot restore map from ${kind}`, 422, field);
}

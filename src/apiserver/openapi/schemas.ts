// The JSON schema of every declared struct, for OpenAPI v3 `components.schemas` and v2
// `definitions`, as kube-openapi writes them: properties with descriptions, formats,
// `required`, `$ref`s to other definitions, the zero-value `default`s Go's non-pointer fields
// have, enums, and the patch and list metadata strategic merge and server-side apply read
// (x-kubernetes-patch-strategy, -patch-merge-key, -list-type, -list-map-keys, -map-type).
//
// v3 ignores the siblings of a bare `$ref`, so there a `$ref` that carries a description or a
// default is wrapped as `{"allOf": [{"$ref": …}], …}`; v2 keeps the siblings beside the `$ref`
// (and never a `type`, which kubectl's v2 reader refuses next to a `$ref`).

import type { FieldDef, ScalarKind, Shape, StructShape } from '../../api/schema/shape.ts';
import type { Gvk } from './kinds.ts';
import { SCALAR_DEFINITIONS, type RefScalar } from './scalar-definitions.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Flavor = 'v2' | 'v3';

export const refPrefix = (flavor: Flavor): string => (flavor === 'v2' ? '#/definitions/' : '#/components/schemas/');

const ref = (name: string, flavor: Flavor): JsonObject => ({ $ref: `${refPrefix(flavor)}${name}` });

/** A `$ref` with siblings, in the form the flavor allows. */
function withSiblings(target: JsonObject, siblings: JsonObject, flavor: Flavor): JsonObject {
  if (Object.keys(siblings).length === 0) return target;
  return flavor === 'v3' ? { allOf: [target], ...siblings } : { ...target, ...siblings };
}

const hasDefinition = (kind: ScalarKind): kind is RefScalar => kind in SCALAR_DEFINITIONS;

/** The schema of one value of a scalar kind (inline, or a `$ref` to its definition). */
function scalarSchema(kind: ScalarKind, flavor: Flavor): JsonObject {
  switch (kind) {
    case 'string':
      return { type: 'string' };
    case 'int32':
    case 'int64':
      return { type: 'integer', format: kind };
    case 'double':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    default:
      return ref(SCALAR_DEFINITIONS[kind].name, flavor);
  }
}

/** The zero value a non-pointer Go field of this shape has, when kube-openapi states one. */
function zeroDefault(shape: Shape): Json | undefined {
  if (shape.kind === 'struct') return {};
  if (shape.kind !== 'scalar') return undefined;
  switch (shape.scalar) {
    case 'string':
      return '';
    case 'int32':
    case 'int64':
    case 'double':
      return 0;
    case 'boolean':
      return false;
    default:
      // []byte is nil; Time, Quantity, IntOrString … are not objects in the schema.
      return undefined;
  }
}

/** The schema of a list item or map value (Go elements are values, never pointers). */
function elementSchema(shape: Shape, flavor: Flavor): JsonObject {
  const schema = valueSchema(shape, flavor);
  const zero = shape.kind === 'list' || shape.kind === 'map' ? undefined : zeroDefault(shape);
  return addDefault(schema, zero, flavor);
}

function addDefault(schema: JsonObject, zero: Json | undefined, flavor: Flavor): JsonObject {
  if (zero === undefined) return schema;
  if ('$ref' in schema) return withSiblings(schema, { default: zero }, flavor);
  return { ...schema, default: zero };
}

function valueSchema(shape: Shape, flavor: Flavor): JsonObject {
  switch (shape.kind) {
    case 'scalar': {
      const schema = scalarSchema(shape.scalar, flavor);
      return shape.enum === undefined ? schema : { ...schema, enum: [...shape.enum] };
    }
    case 'struct':
      return ref(shape.name, flavor);
    case 'list':
      return { type: 'array', items: elementSchema(shape.items, flavor) };
    case 'map':
      return { type: 'object', additionalProperties: elementSchema(shape.values, flavor) };
  }
}

function fieldSchema(field: FieldDef, flavor: Flavor): JsonObject {
  const base = valueSchema(field.shape, flavor);
  const extras: JsonObject = {};
  if (field.description !== undefined && field.description !== '') extras['description'] = field.description;
  // Go zero values: a struct unless it is a pointer; a scalar unless omitted when empty.
  const zero = field.pointer === true || (field.shape.kind === 'scalar' && field.omitEmpty === true) ? undefined : zeroDefault(field.shape);
  if (zero !== undefined) extras['default'] = zero;
  if (field.patchStrategy !== undefined) extras['x-kubernetes-patch-strategy'] = field.patchStrategy;
  if (field.patchMergeKey !== undefined) extras['x-kubernetes-patch-merge-key'] = field.patchMergeKey;
  if (field.listType !== undefined) extras['x-kubernetes-list-type'] = field.listType;
  if (field.listMapKeys !== undefined) extras['x-kubernetes-list-map-keys'] = [...field.listMapKeys];
  if (field.mapType !== undefined) extras['x-kubernetes-map-type'] = field.mapType;
  if ('$ref' in base) return withSiblings(base, extras, flavor);
  return { ...base, ...extras };
}

/** The definition of a struct; `gvks` when it is a kind (its x-kubernetes-group-version-kind). */
export function structSchema(shape: StructShape, flavor: Flavor, gvks: readonly Gvk[] | undefined): JsonObject {
  const schema: JsonObject = {};
  if (shape.description !== '') schema['description'] = shape.description;
  const fields = shape.fields;
  if (fields.length > 0) {
    const properties: JsonObject = {};
    for (const field of fields) properties[field.name] = fieldSchema(field, flavor);
    schema['properties'] = properties;
    const required = fields.filter((f) => f.required).map((f) => f.name);
    if (required.length > 0) schema['required'] = required;
  }
  schema['type'] = 'object';
  if (gvks !== undefined && gvks.length > 0) {
    schema['x-kubernetes-group-version-kind'] = gvks.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
  }
  if (shape.structType !== undefined) schema['x-kubernetes-map-type'] = shape.structType;
  return schema;
}

/** The definitions of the scalar kinds (Time, Quantity …) that these structs use. */
export function scalarDefinitionsUsed(structs: Iterable<StructShape>): Set<RefScalar> {
  const used = new Set<RefScalar>();
  const visit = (shape: Shape): void => {
    if (shape.kind === 'scalar') {
      if (hasDefinition(shape.scalar)) used.add(shape.scalar);
    } else if (shape.kind === 'list') visit(shape.items);
    else if (shape.kind === 'map') visit(shape.values);
  };
  for (const s of structs) for (const f of s.fields) visit(f.shape);
  return used;
}

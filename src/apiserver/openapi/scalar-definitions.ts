// The apimachinery types that are scalars in JSON but definitions of their own in OpenAPI
// (kube-openapi names them and fields refer to them with `$ref`). Their v3 forms use oneOf
// where upstream's OpenAPIV3OneOfTypes says so (IntOrString, Quantity); v2 has no oneOf and
// states the JSON type with a format instead. Descriptions are ours.

import type { ScalarKind } from '../../api/schema/shape.ts';
import type { Flavor, JsonObject } from './schemas.ts';

export interface ScalarDefinition {
  readonly name: string;
  schema(flavor: Flavor): JsonObject;
}

const fixed = (name: string, schema: JsonObject): ScalarDefinition => ({ name, schema: () => schema });

/** The scalar kinds that have a definition of their own. */
export type RefScalar = Exclude<ScalarKind, 'string' | 'int32' | 'int64' | 'double' | 'boolean' | 'bytes'>;

export const SCALAR_DEFINITIONS: Readonly<Record<RefScalar, ScalarDefinition>> = {
  time: fixed('io.k8s.apimachinery.pkg.apis.meta.v1.Time', {
    description: 'A point in time, written in RFC 3339 form to the second, in UTC (2006-01-02T15:04:05Z).',
    format: 'date-time',
    type: 'string',
  }),
  microtime: fixed('io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', {
    description: 'A point in time with microsecond precision, written in RFC 3339 form (2006-01-02T15:04:05.000000Z).',
    format: 'date-time',
    type: 'string',
  }),
  duration: fixed('io.k8s.apimachinery.pkg.apis.meta.v1.Duration', {
    description: 'A length of time, written as a Go duration string such as "1h30m" or "250ms".',
    type: 'string',
  }),
  quantity: {
    name: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
    schema: (flavor) => ({
      description: 'A fixed-point number with an optional suffix: a decimal SI suffix (m, k, M, G …), a binary SI suffix (Ki, Mi, Gi …) or a decimal exponent (1e3). Examples: "100m", "1.5Gi", "2". Written as a string; numbers are accepted on input.',
      ...(flavor === 'v3' ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string' }),
    }),
  },
  intOrString: {
    name: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    schema: (flavor) => ({
      description: 'Either a 32-bit integer or a string (a port number or a port name, a count or a percentage such as "25%").',
      format: 'int-or-string',
      ...(flavor === 'v3' ? { oneOf: [{ type: 'integer' }, { type: 'string' }] } : { type: 'string' }),
    }),
  },
  raw: fixed('io.k8s.apimachinery.pkg.runtime.RawExtension', {
    description: 'An embedded object of any kind, kept as its JSON.',
    type: 'object',
  }),
  fieldsV1: fixed('io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1', {
    description: 'A set of field paths in the trie format of server-side apply, as a JSON object.',
    type: 'object',
  }),
};

/** The body of a PATCH: its form depends on the Content-Type (JSON patch, merge, strategic merge, apply). */
export const PATCH_DEFINITION = {
  name: 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  schema: {
    description: 'The body of a PATCH request; how it is read depends on its Content-Type (JSON patch, JSON merge patch, strategic merge patch, or apply configuration).',
    type: 'object',
  } satisfies JsonObject,
};

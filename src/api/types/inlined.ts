// Go structs embed other structs with `json:",inline"` (Volume embeds VolumeSource, Probe embeds
// ProbeHandler, ConfigMapKeySelector embeds LocalObjectReference, …): JSON flattens the embedded
// fields into the outer object, while protobuf keeps them in one nested message under a single
// field number of the outer message. inlined() spreads the embedded fields into the outer struct
// for JSON and marks each with where protobuf carries it (the `embedded` field option).

import type { Field } from '../schema/shape.ts';

/** The fields of a struct embedded at protobuf field `proto`, to spread into the struct that embeds it. */
export function inlined<F extends Record<string, Field<unknown, boolean>>>(proto: number, fields: F): F {
  const out: Record<string, Field<unknown, boolean>> = {};
  for (const [name, field] of Object.entries(fields)) {
    out[name] = { ...field, proto: 0, options: { ...field.options, embedded: { proto, fieldProto: field.proto } } };
  }
  return out as F;
}

// Go structs embed other structs with `json:",inline"` (Volume embeds VolumeSource, Probe embeds
// ProbeHandler, ConfigMapKeySelector embeds LocalObjectReference, …): JSON flattens the embedded
// fields into the outer object, while protobuf keeps them in one nested message under a single
// field number of the outer message. shape.ts cannot say that yet, so until it can, the outer
// struct spreads the embedded field set with protobuf number 0 ("not carried"): JSON, OpenAPI and
// patch metadata are exact; protobuf decoding of these fields waits for an `inline` field option.
// Each call site names the embedded struct and its protobuf number in a comment.

import type { Field } from '../schema/shape.ts';

/** The fields of an embedded struct, to spread into the struct that embeds it. */
export function inlined<F extends Record<string, Field<unknown, boolean>>>(fields: F): F {
  const out: Record<string, Field<unknown, boolean>> = {};
  for (const [name, field] of Object.entries(fields)) out[name] = { ...field, proto: 0 };
  return out as F;
}

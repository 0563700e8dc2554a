// The Kubernetes protobuf encoding (application/vnd.kubernetes.protobuf) of any declared
// struct shape, without the k8s\0 envelope (see envelope.ts). Values are the plain JSON-form
// objects the rest of the code uses; field numbers come from the shape declarations.
//
//   const bytes = encodeMessage(ConfigMap, cm);
//   const back = decodeMessage(ConfigMap, bytes);   // cm, less apiVersion and kind (the envelope carries those)
//
// Both throw ProtobufError, whose `path` names the field at fault. Encoding expects the JSON
// form decode.ts produces (it checks each value's type, canonicalizes quantities, and writes
// only the fields present); decoding gives that same form back.

import type { StructShape } from '../schema/shape.ts';
import { readStruct } from './decode-message.ts';
import { writeStruct } from './encode-message.ts';
import { planOf } from './plan.ts';
import { ProtobufError, Reader, Writer } from './wire.ts';

export { ProtobufError } from './wire.ts';

// One writer serves every call (encoding is synchronous); a buffer grown past this is let go.
const KEEP_LIMIT = 1 << 20;
let spare: Writer | undefined;

function relocate(e: unknown, verb: string, shape: StructShape): unknown {
  return e instanceof ProtobufError ? new ProtobufError(e.detail, e.path, `${verb} ${shape.name}`) : e;
}

/** The protobuf bytes of a JSON-form object of the given shape. */
export function encodeMessage<T>(shape: StructShape<T>, value: T & object): Uint8Array {
  const w = spare ?? new Writer();
  spare = undefined;
  w.pos = 0;
  try {
    writeStruct(w, planOf(shape), value as Record<string, unknown>, 0);
    return w.finish();
  } catch (e) {
    throw relocate(e, 'cannot encode', shape);
  } finally {
    if (w.buf.length <= KEEP_LIMIT) spare = w;
  }
}

/** The JSON-form object a protobuf message of the given shape holds. */
export function decodeMessage<T>(shape: StructShape<T>, bytes: Uint8Array): T & object {
  try {
    return readStruct(new Reader(bytes), planOf(shape), bytes.length, 0) as T & object;
  } catch (e) {
    throw relocate(e, 'cannot decode', shape);
  }
}

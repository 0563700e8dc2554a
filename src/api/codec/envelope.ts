// The envelope around every Kubernetes protobuf body: the magic bytes "k8s\0" and then a
// runtime.Unknown message {TypeMeta typeMeta=1 {apiVersion=1, kind=2}; bytes raw=2;
// string contentEncoding=3; string contentType=4} whose raw holds the encoded object.

import { LEN, ProtobufError, Reader, varintSize, Writer } from './wire.ts';

export const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export interface Unwrapped {
  readonly apiVersion: string;
  readonly kind: string;
  /** The encoded object: a view into the input, not a copy. */
  readonly raw: Uint8Array;
  /** Upstream always leaves these empty (the raw bytes are plain protobuf). */
  readonly contentEncoding: string;
  readonly contentType: string;
}

const utf8 = new TextEncoder();

const fieldSize = (len: number): number => 1 + varintSize(len) + len;

/** The enveloped body, byte for byte as upstream's protobuf serializer writes it. */
export function wrap(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const av = utf8.encode(apiVersion);
  const k = utf8.encode(kind);
  const typeMeta = fieldSize(av.length) + fieldSize(k.length);
  // typeMeta, raw, and the empty contentEncoding and contentType that Go always writes.
  const size = MAGIC.length + fieldSize(typeMeta) + fieldSize(raw.length) + 2 + 2;
  // (Slack for the writer's worst-case checks, so that it never grows.)
  const w = new Writer(size + 10);
  w.buf.set(MAGIC);
  w.pos = MAGIC.length;
  w.uint32(0x0a);
  w.uint32(typeMeta);
  w.uint32(0x0a);
  w.bytes(av);
  w.uint32(0x12);
  w.bytes(k);
  w.uint32(0x12);
  w.bytes(raw);
  w.uint32(0x1a);
  w.uint32(0);
  w.uint32(0x22);
  w.uint32(0);
  return w.buf.subarray(0, w.pos);
}

/** Reads the envelope; throws ProtobufError without the magic prefix or on a malformed message. */
export function unwrap(bytes: Uint8Array): Unwrapped {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ProtobufError('not a Kubernetes protobuf body: it does not start with the magic bytes "k8s\\x00"');
  }
  const r = new Reader(bytes);
  r.pos = MAGIC.length;
  const end = bytes.length;
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array(0);
  let contentEncoding = '';
  let contentType = '';
  try {
    while (r.pos < end) {
      const n = r.tag(end);
      if (n >= 1 && n <= 4 && r.wire !== LEN) throw new ProtobufError(`field ${n} has wire type ${r.wire}, want length-delimited`);
      if (n === 1) {
        const stop = r.length(end);
        while (r.pos < stop) {
          const m = r.tag(stop);
          if ((m === 1 || m === 2) && r.wire !== LEN) throw new ProtobufError(`typeMeta field ${m} has wire type ${r.wire}, want length-delimited`);
          if (m === 1) apiVersion = r.string(stop);
          else if (m === 2) kind = r.string(stop);
          else r.skip(r.wire, stop, m);
        }
      } else if (n === 2) raw = r.bytes(end);
      else if (n === 3) contentEncoding = r.string(end);
      else if (n === 4) contentType = r.string(end);
      else r.skip(r.wire, end, n);
    }
  } catch (e) {
    throw e instanceof ProtobufError ? new ProtobufError(e.detail, '', 'malformed runtime.Unknown envelope') : e;
  }
  return { apiVersion, kind, raw, contentEncoding, contentType };
}

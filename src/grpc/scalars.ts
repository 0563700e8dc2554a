// Reading and writing one protobuf value of a scalar kind, on the wire Reader/Writer of
// src/api/codec/wire.ts, with @grpc/proto-loader's JS conventions: 64-bit integers as numbers
// (exact up to 2^53, rounded beyond, as protobufjs's `longs: Number`) or as decimal strings,
// bytes as Buffer, enums by name. Writing accepts what protobufjs's fromObject accepts: for
// 64-bit kinds a number, decimal string or bigint, for bytes a Uint8Array or base64 string.

import { FIXED32, FIXED64, LEN, ProtobufError, VARINT, type Reader, type Writer } from '../api/codec/wire.ts';

/** Field kinds, numbered as descriptor.proto's FieldDescriptorProto.Type. */
export const Kind = {
  double: 1, float: 2, int64: 3, uint64: 4, int32: 5, fixed64: 6, fixed32: 7, bool: 8, string: 9,
  message: 11, bytes: 12, uint32: 13, enum: 14, sfixed32: 15, sfixed64: 16, sint32: 17, sint64: 18,
} as const;
export type KindCode = (typeof Kind)[keyof typeof Kind];

/** The kind of a scalar type name, or undefined for a message or enum name. */
export function scalarKind(type: string): KindCode | undefined {
  return type in Kind && type !== 'message' && type !== 'enum' ? Kind[type as keyof typeof Kind] : undefined;
}

/** The wire type a value of `kind` is written with (unpacked). */
export function wireTypeOf(kind: KindCode): number {
  switch (kind) {
    case Kind.double: case Kind.fixed64: case Kind.sfixed64:
      return FIXED64;
    case Kind.float: case Kind.fixed32: case Kind.sfixed32:
      return FIXED32;
    case Kind.string: case Kind.bytes: case Kind.message:
      return LEN;
    default:
      return VARINT;
  }
}

/** Whether repeated values of `kind` may be packed (every numeric kind). */
export function packable(kind: KindCode): boolean {
  return kind !== Kind.string && kind !== Kind.bytes && kind !== Kind.message;
}

const TWO_32 = 4294967296;
const EMPTY = Buffer.alloc(0);

/** The proto3 default of a scalar kind (enums and messages are handled by the codec). */
export function scalarDefault(kind: KindCode, longsAsString: boolean): unknown {
  switch (kind) {
    case Kind.string: return '';
    case Kind.bool: return false;
    case Kind.bytes: return EMPTY;
    case Kind.int64: case Kind.uint64: case Kind.sint64: case Kind.fixed64: case Kind.sfixed64:
      return longsAsString ? '0' : 0;
    default: return 0;
  }
}

function long(lo: number, hi: number, signed: boolean, asString: boolean): number | string {
  const n = (signed ? hi | 0 : hi) * TWO_32 + lo;
  if (!asString) return n;
  if (Number.isSafeInteger(n)) return String(n);
  const u = (BigInt(hi) << 32n) | BigInt(lo);
  return String(signed ? BigInt.asIntN(64, u) : u);
}

function fixed(r: Reader, end: number, size: number): number {
  const at = r.pos;
  if (at + size > end) throw new ProtobufError(`truncated fixed${size * 8} at offset ${at}`);
  r.pos = at + size;
  return at;
}

/** Reads one value of a scalar kind (not enum or message). */
export function readScalar(r: Reader, end: number, kind: KindCode, longsAsString: boolean): unknown {
  switch (kind) {
    case Kind.string: return r.string(end);
    case Kind.bytes: return r.bytes(end);
    case Kind.bool: return r.bool(end);
    case Kind.int32: return r.int32(end);
    case Kind.uint32: return r.varint(end);
    case Kind.sint32: {
      const u = r.varint(end);
      return (u >>> 1) ^ -(u & 1);
    }
    case Kind.int64: return long(r.varint(end), r.hi, true, longsAsString);
    case Kind.uint64: return long(r.varint(end), r.hi, false, longsAsString);
    case Kind.sint64: {
      const lo = r.varint(end);
      const hi = r.hi;
      // (u >>> 1) ^ -(u & 1) on 64 bits.
      const halfLo = ((hi << 31) | (lo >>> 1)) >>> 0;
      const halfHi = hi >>> 1;
      if ((lo & 1) === 0) return long(halfLo, halfHi, false, longsAsString);
      return long(~halfLo >>> 0, ~halfHi >>> 0, true, longsAsString);
    }
    case Kind.double: return r.buf.readDoubleLE(fixed(r, end, 8));
    case Kind.float: return r.buf.readFloatLE(fixed(r, end, 4));
    case Kind.fixed32: return r.buf.readUInt32LE(fixed(r, end, 4));
    case Kind.sfixed32: return r.buf.readInt32LE(fixed(r, end, 4));
    case Kind.fixed64: case Kind.sfixed64: {
      const at = fixed(r, end, 8);
      return long(r.buf.readUInt32LE(at), r.buf.readUInt32LE(at + 4), kind === Kind.sfixed64, longsAsString);
    }
    default: throw new ProtobufError(`kind ${kind} is not a scalar`);
  }
}

/** A 64-bit integer value as a bigint (for values numbers cannot carry exactly). */
function bigintOf(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new ProtobufError(`${describe(value)} is not a 64-bit integer`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : String(value);
}

function numberOf(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isNaN(n) && value !== 'NaN') throw new ProtobufError(`${describe(value)} is not a number`);
  return n;
}

const SHORT_DECIMAL = /^-?\d{1,15}$/;

function int64(w: Writer, value: unknown): void {
  if (typeof value === 'number' && Number.isSafeInteger(value)) w.int64(value);
  // Decimal strings of up to 15 digits are safe integers: no bigint needed (much faster).
  else if (typeof value === 'string' && SHORT_DECIMAL.test(value)) w.int64(Number(value));
  else w.bigint64(BigInt.asIntN(64, bigintOf(value)));
}

/** Writes one value of a scalar kind (not enum or message), without its tag. */
export function writeScalar(w: Writer, kind: KindCode, value: unknown): void {
  switch (kind) {
    case Kind.string:
      if (typeof value !== 'string') throw new ProtobufError(`${describe(value)} is not a string`);
      w.string(value);
      return;
    case Kind.bytes:
      if (value instanceof Uint8Array) w.bytes(value);
      else if (typeof value === 'string') w.base64(value);
      else throw new ProtobufError(`${describe(value)} is not bytes (a Buffer or base64 string)`);
      return;
    case Kind.bool: w.uint32(value === true ? 1 : 0); return;
    case Kind.int32: w.int32(numberOf(value) | 0); return;
    case Kind.uint32: w.uint32(numberOf(value) >>> 0); return;
    case Kind.sint32: {
      const n = numberOf(value) | 0;
      w.uint32(((n << 1) ^ (n >> 31)) >>> 0);
      return;
    }
    case Kind.int64: case Kind.uint64: int64(w, value); return;
    case Kind.sint64: {
      const n = BigInt.asIntN(64, bigintOf(value));
      w.bigint64((n << 1n) ^ (n >> 63n));
      return;
    }
    case Kind.double: w.double(numberOf(value)); return;
    case Kind.float: w.ensure(4); w.pos = w.buf.writeFloatLE(numberOf(value), w.pos); return;
    case Kind.fixed32: w.ensure(4); w.pos = w.buf.writeUInt32LE(numberOf(value) >>> 0, w.pos); return;
    case Kind.sfixed32: w.ensure(4); w.pos = w.buf.writeInt32LE(numberOf(value) | 0, w.pos); return;
    case Kind.fixed64: case Kind.sfixed64: {
      const u = BigInt.asUintN(64, bigintOf(value));
      w.ensure(8);
      w.pos = w.buf.writeUInt32LE(Number(u & 0xffffffffn), w.pos);
      w.pos = w.buf.writeUInt32LE(Number(u >> 32n), w.pos);
      return;
    }
    default: throw new ProtobufError(`kind ${kind} is not a scalar`);
  }
}

/** Whether a singular proto3 scalar holds its default (and so is not written). */
export function isDefaultScalar(kind: KindCode, value: unknown): boolean {
  switch (kind) {
    case Kind.string: return value === '';
    case Kind.bool: return value === false;
    case Kind.bytes: return value instanceof Uint8Array ? value.length === 0 : value === '';
    case Kind.int64: case Kind.uint64: case Kind.sint64: case Kind.fixed64: case Kind.sfixed64:
      return value === 0 || value === '0' || value === 0n;
    default: return value === 0 && !Object.is(value, -0);
  }
}

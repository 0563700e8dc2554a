// Encoding a JSON-form object into protobuf, as upstream's gogo-generated marshallers lay it
// out: fields by number, repeated fields one tag per element, maps as entry messages in Go's
// key order, nested structs and the apimachinery scalar types as embedded messages.
//
// Only fields present in the object are written. Go also writes its non-pointer zero values,
// but a Go decoder reads an absent field as that same zero value, so the meaning is the same.

import { compareGoStrings } from '../go-format.ts';
import type { ScalarKind } from '../schema/shape.ts';
import { canonicalQuantity } from './canonical-quantity.ts';
import { parseGoDuration } from './go-duration.ts';
import { type Elem, entryValueTag, type FieldPlan, MAX_DEPTH, planOf, type StructPlan } from './plan.ts';
import { parseTimestamp, type Timestamp, ZERO_TIME_SECONDS } from './proto-time.ts';
import { ProtobufError, within, type Writer } from './wire.ts';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

type Obj = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

const mismatch = (v: unknown, want: string): ProtobufError => new ProtobufError(`cannot encode ${describe(v)} as ${want}`);

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function writeStruct(w: Writer, plan: StructPlan, value: Obj, depth: number): void {
  if (depth > MAX_DEPTH) throw new ProtobufError(`nested more than ${MAX_DEPTH} messages deep (a cycle?)`);
  const fields = plan.fields;
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.elem.kind === 'embedded') {
        const sub = f.elem.plan;
        if (!sub.slots.some((s) => value[s.name] !== undefined && value[s.name] !== null)) continue;
        w.uint32(f.tag);
        const start = w.begin();
        writeStruct(w, sub, value, depth + 1);
        w.end(start);
        continue;
      }
      const v = value[f.name];
      if (v === undefined || v === null) continue;
      if (f.container === 'one') {
        w.uint32(f.tag);
        writeElem(w, f.elem, v, depth);
      } else if (f.container === 'list') writeList(w, f, v, depth);
      else writeMap(w, f, v, depth);
    }
  } catch (e) {
    throw within(e, fields[i]?.name ?? '');
  }
}

function writeList(w: Writer, f: FieldPlan, v: unknown, depth: number): void {
  if (!Array.isArray(v)) throw mismatch(v, 'a list');
  let i = 0;
  try {
    for (; i < v.length; i++) {
      w.uint32(f.tag);
      writeElem(w, f.elem, v[i], depth);
    }
  } catch (e) {
    throw within(e, `[${i}]`);
  }
}

const SURROGATE = /[\ud800-\udfff]/;

/** Keys in Go's order (by UTF-8 bytes): UTF-16 order is the same unless a key leaves the BMP. */
function goSortedKeys(v: Obj): string[] {
  const keys = Object.keys(v);
  if (keys.length > 1) {
    keys.sort();
    if (keys.some((k) => SURROGATE.test(k))) keys.sort(compareGoStrings);
  }
  return keys;
}

function writeMap(w: Writer, f: FieldPlan, v: unknown, depth: number): void {
  if (!isObject(v)) throw mismatch(v, 'a map');
  const valueTag = entryValueTag(f);
  for (const key of goSortedKeys(v)) {
    try {
      w.uint32(f.tag);
      const start = w.begin();
      w.uint32(0x0a);
      w.string(key);
      const item = v[key];
      // A null value is the zero value: leaving it out says exactly that.
      if (item !== null && item !== undefined) {
        w.uint32(valueTag);
        writeElem(w, f.elem, item, depth);
      }
      w.end(start);
    } catch (e) {
      throw within(e, `[${key}]`);
    }
  }
}

function writeElem(w: Writer, elem: Elem, v: unknown, depth: number): void {
  // Only list items can be missing (a hole, or null): JSON's null.
  if (v === undefined) v = null;
  switch (elem.kind) {
    case 'scalar':
      return writeScalar(w, elem.scalar, v);
    case 'embedded':
      // Written by writeStruct itself, from the outer object's fields.
      throw new ProtobufError('an embedded struct outside its struct');
    case 'struct': {
      // A null list item is an empty message, as decode.ts reads it.
      if (v !== null && !isObject(v)) throw mismatch(v, `a ${elem.shape.name} object`);
      const start = w.begin();
      if (v !== null) writeStruct(w, (elem.plan ??= planOf(elem.shape)), v, depth + 1);
      w.end(start);
      return;
    }
    case 'wrapper': {
      const start = w.begin();
      if (v !== null) {
        if (depth >= MAX_DEPTH) throw new ProtobufError(`nested more than ${MAX_DEPTH} messages deep (a cycle?)`);
        if (elem.container === 'list') writeList(w, elem.items, v, depth + 1);
        else writeMap(w, elem.items, v, depth + 1);
      }
      w.end(start);
    }
  }
}

function writeScalar(w: Writer, kind: ScalarKind, v: unknown): void {
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') throw mismatch(v, 'a string');
      return w.string(v);
    case 'int32':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) throw mismatch(v, 'an int32');
      return w.int32(v);
    case 'int64':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw mismatch(v, 'an int64 (a safe integer)');
      return w.int64(v);
    case 'double':
      if (typeof v !== 'number') throw mismatch(v, 'a double');
      return w.double(v);
    case 'boolean':
      if (typeof v !== 'boolean') throw mismatch(v, 'a boolean');
      return w.uint32(v ? 1 : 0);
    case 'bytes':
      if (typeof v !== 'string') throw mismatch(v, 'bytes (a base64 string)');
      return w.base64(v);
    case 'time':
    case 'microtime':
      return writeTime(w, v);
    case 'duration': {
      if (typeof v !== 'string') throw mismatch(v, 'a duration');
      const ns = parseGoDuration(v);
      if (!ns.ok) throw new ProtobufError(ns.error);
      const start = w.begin();
      w.uint32(0x08);
      w.bigint64(ns.value);
      return w.end(start);
    }
    case 'quantity':
      return writeQuantity(w, v);
    case 'intOrString': {
      // Go writes all three fields: type (0 int, 1 string), intVal, strVal.
      const start = w.begin();
      if (typeof v === 'string') {
        w.uint32(0x08);
        w.uint32(1);
        w.uint32(0x10);
        w.uint32(0);
        w.uint32(0x1a);
        w.string(v);
      } else {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) throw mismatch(v, 'an int32 or a string');
        w.uint32(0x08);
        w.uint32(0);
        w.uint32(0x10);
        w.int32(v);
        w.uint32(0x1a);
        w.uint32(0);
      }
      return w.end(start);
    }
    case 'raw':
    case 'fieldsV1': {
      if (kind === 'fieldsV1' && !isObject(v)) throw mismatch(v, 'fieldsV1 (an object)');
      // RawExtension and FieldsV1 carry the JSON text in field 1; a nil Raw (JSON null) is absent.
      const start = w.begin();
      if (v !== null && v !== undefined) {
        w.uint32(0x0a);
        w.string(jsonText(v));
      }
      return w.end(start);
    }
  }
}

function jsonText(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch (e) {
    throw new ProtobufError(`cannot write as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function writeTime(w: Writer, v: unknown): void {
  if (typeof v !== 'string') throw mismatch(v, 'a time');
  let t = recentTimes.get(v);
  if (t === undefined) {
    const parsed = parseTimestamp(v);
    if (!parsed.ok) throw new ProtobufError(parsed.error);
    t = parsed.value;
    if (recentTimes.size >= 1024) recentTimes.clear();
    recentTimes.set(v, t);
  }
  const start = w.begin();
  // Go's zero time marshals as an empty message; any other as both fields, nanos included.
  if (t.seconds !== ZERO_TIME_SECONDS || t.nanos !== 0) {
    w.uint32(0x08);
    w.int64(t.seconds);
    w.uint32(0x10);
    w.int32(t.nanos);
  }
  w.end(start);
}

// An object's times are mostly a few instants (creation, conditions, managed fields).
const recentTimes = new Map<string, Timestamp>();

function writeQuantity(w: Writer, v: unknown): void {
  // Go writes the canonical form; a string that is no quantity would fail every Go reader.
  if (typeof v !== 'string' && typeof v !== 'number') throw mismatch(v, 'a quantity');
  const start = w.begin();
  w.uint32(0x0a);
  w.string(canonicalQuantity(String(v)));
  w.end(start);
}

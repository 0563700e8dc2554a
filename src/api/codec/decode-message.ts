// Decoding protobuf into the JSON-form object decode.ts would produce: quantities canonical,
// times RFC 3339, durations as Go prints them, bytes in base64, int64 as safe numbers. Every
// field present on the wire is kept (Go writes its non-pointer zero values too; telling them
// from pointers needs more than the shape says today). Unknown fields are skipped; a field
// that arrives twice merges as in Go (messages merge, lists append, scalars: last one wins).

import type { ScalarKind } from '../schema/shape.ts';
import { canonicalQuantity } from './canonical-quantity.ts';
import { formatGoDuration } from './go-duration.ts';
import { type Elem, type FieldPlan, fieldByNumber, MAX_DEPTH, planOf, type StructPlan } from './plan.ts';
import { formatTimestamp, ZERO_TIME_SECONDS } from './proto-time.ts';
import { LEN, ProtobufError, type Reader, VARINT, within } from './wire.ts';

type Obj = Record<string, unknown>;

const wireNames = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7'];

function wrongWire(got: number, want: number): ProtobufError {
  return new ProtobufError(`wrong wire type ${wireNames[got] ?? got}, want ${wireNames[want] ?? want}`);
}

export function readStruct(r: Reader, plan: StructPlan, end: number, depth: number, into?: Obj): Obj {
  if (depth > MAX_DEPTH) throw new ProtobufError(`messages nested more than ${MAX_DEPTH} deep`);
  const slots = plan.slots;
  const values: unknown[] = new Array<unknown>(slots.length);
  if (into !== undefined) for (let i = 0; i < slots.length; i++) values[i] = into[slots[i]!.name];
  let f: FieldPlan | undefined;
  let embedded: Obj | undefined;
  try {
    while (r.pos < end) {
      f = undefined;
      const n = r.tag(end);
      f = fieldByNumber(plan, n);
      if (f === undefined) {
        r.skip(r.wire, end, n);
        continue;
      }
      const wire = r.wire;
      if (f.elem.kind === 'embedded') {
        if (wire !== LEN) throw wrongWire(wire, LEN);
        const stop = r.length(end);
        embedded = readStruct(r, f.elem.plan, stop, depth + 1, embedded);
      } else if (f.container === 'one') {
        if (wire !== f.wire) throw wrongWire(wire, f.wire);
        values[f.slot] = readElem(r, f.elem, end, depth, values[f.slot]);
      } else if (f.container === 'list') {
        readListItems(r, f, wire, end, depth, (values[f.slot] ??= []) as unknown[]);
      } else {
        if (wire !== LEN) throw wrongWire(wire, LEN);
        readMapEntry(r, f, end, depth, (values[f.slot] ??= {}) as Obj);
      }
    }
  } catch (e) {
    throw f === undefined ? e : within(e, f.name);
  }
  const out: Obj = {};
  for (let i = 0; i < slots.length; i++) {
    if (slots[i]!.elem.kind === 'embedded') continue;
    const v = values[i];
    if (v === undefined) continue;
    const slot = slots[i]!;
    if (slot.zeroIsUnset && (v === '' || v === 0 || v === false)) continue;
    out[slot.name] = v;
  }
  if (embedded !== undefined) Object.assign(out, embedded);
  return out;
}

function readListItems(r: Reader, f: FieldPlan, wire: number, end: number, depth: number, list: unknown[]): void {
  try {
    if (wire === f.wire) {
      const v = readElem(r, f.elem, end, depth, undefined);
      list.push(v === undefined ? null : v);
    } else if (wire === LEN && f.packable && f.elem.kind === 'scalar') {
      // Packed: one length-delimited run of numbers.
      const stop = r.length(end);
      while (r.pos < stop) list.push(readScalar(r, f.elem.scalar, stop));
    } else throw wrongWire(wire, f.wire);
  } catch (e) {
    throw within(e, `[${list.length}]`);
  }
}

function readMapEntry(r: Reader, f: FieldPlan, end: number, depth: number, map: Obj): void {
  const stop = r.length(end);
  let key = '';
  let value: unknown;
  let seen = false;
  try {
    while (r.pos < stop) {
      const n = r.tag(stop);
      if (n === 1) {
        if (r.wire !== LEN) throw wrongWire(r.wire, LEN);
        key = r.string(stop);
      } else if (n === 2) {
        if (r.wire !== f.wire) throw wrongWire(r.wire, f.wire);
        value = readElem(r, f.elem, stop, depth, value);
        seen = true;
      } else r.skip(r.wire, stop, n);
    }
  } catch (e) {
    throw within(e, `[${key}]`);
  }
  // An entry without its value holds the zero value (Go writes none for a nil []byte).
  const v = seen ? (value === undefined ? null : value) : zeroOf(f.elem);
  if (key === '__proto__') Object.defineProperty(map, key, { value: v, enumerable: true, writable: true, configurable: true });
  else map[key] = v;
}

function zeroOf(elem: Elem): unknown {
  if (elem.kind === 'struct' || elem.kind === 'embedded') return {};
  if (elem.kind === 'wrapper') return elem.container === 'list' ? [] : {};
  switch (elem.scalar) {
    case 'int32':
    case 'int64':
    case 'double':
    case 'intOrString':
      return 0;
    case 'boolean':
      return false;
    case 'quantity':
      return '0';
    case 'duration':
      return '0s';
    case 'fieldsV1':
      return {};
    case 'raw':
    case 'time':
    case 'microtime':
      return null;
    default:
      return '';
  }
}

/** One value of the element's wire type (checked by the caller); undefined for Go's "null" (zero time, nil raw). */
function readElem(r: Reader, elem: Elem, end: number, depth: number, existing: unknown): unknown {
  switch (elem.kind) {
    case 'scalar':
      return readScalar(r, elem.scalar, end);
    case 'struct': {
      const stop = r.length(end);
      const into = typeof existing === 'object' && existing !== null ? (existing as Obj) : undefined;
      return readStruct(r, (elem.plan ??= planOf(elem.shape)), stop, depth + 1, into);
    }
    case 'embedded':
      // Read by readStruct itself, which merges the fields into the outer object.
      throw new ProtobufError('an embedded struct outside its struct');
    case 'wrapper': {
      // Field 1 of the wrapper message holds the items; anything else is unknown.
      const stop = r.length(end);
      if (depth >= MAX_DEPTH) throw new ProtobufError(`messages nested more than ${MAX_DEPTH} deep`);
      const f = elem.items;
      const container = existing ?? (f.container === 'list' ? [] : {});
      while (r.pos < stop) {
        const n = r.tag(stop);
        if (n !== 1) r.skip(r.wire, stop, n);
        else if (f.container === 'list') readListItems(r, f, r.wire, stop, depth + 1, container as unknown[]);
        else {
          if (r.wire !== LEN) throw wrongWire(r.wire, LEN);
          readMapEntry(r, f, stop, depth + 1, container as Obj);
        }
      }
      return container;
    }
  }
}

function readScalar(r: Reader, kind: ScalarKind, end: number): unknown {
  switch (kind) {
    case 'string':
      return r.string(end);
    case 'int32':
      return r.int32(end);
    case 'int64':
      return r.int64(end);
    case 'double':
      return r.double(end);
    case 'boolean':
      return r.bool(end);
    case 'bytes':
      return r.base64(end);
    case 'time':
    case 'microtime':
      return readTime(r, r.length(end), kind === 'microtime');
    case 'duration': {
      const stop = r.length(end);
      let ns = 0n;
      while (r.pos < stop) {
        const n = r.tag(stop);
        if (n === 1) ns = expect(r, VARINT) && r.bigint64(stop);
        else r.skip(r.wire, stop, n);
      }
      return formatGoDuration(ns);
    }
    case 'quantity':
      return readQuantity(r, r.length(end));
    case 'intOrString':
      return readIntOrString(r, r.length(end));
    case 'raw':
    case 'fieldsV1':
      return readJson(r, r.length(end), kind);
  }
}

// Checks the wire type of the field just tagged; true, for use in expressions.
function expect(r: Reader, wire: number): true {
  if (r.wire !== wire) throw wrongWire(r.wire, wire);
  return true;
}

function readTime(r: Reader, stop: number, micro: boolean): string | undefined {
  let seconds = 0;
  let nanos = 0;
  const empty = r.pos === stop;
  while (r.pos < stop) {
    const n = r.tag(stop);
    if (n === 1) seconds = expect(r, VARINT) && r.int64(stop);
    else if (n === 2) nanos = expect(r, VARINT) && r.int32(stop);
    else r.skip(r.wire, stop, n);
  }
  // metav1.Time reads whole seconds only; MicroTime keeps the nanoseconds (printed as micros).
  if (!micro) nanos = 0;
  // Go's zero time is JSON null: the field is absent.
  if (empty || (seconds === ZERO_TIME_SECONDS && nanos === 0)) return undefined;
  if (micro) return formatTimestamp(seconds, nanos, true);
  // An object's times are mostly a few instants (creation, conditions, managed fields).
  let text = recentTimes.get(seconds);
  if (text === undefined) {
    text = formatTimestamp(seconds, 0, false);
    if (recentTimes.size >= 1024) recentTimes.clear();
    recentTimes.set(seconds, text);
  }
  return text;
}

const recentTimes = new Map<number, string>();

function readQuantity(r: Reader, stop: number): string {
  let text: string | undefined;
  while (r.pos < stop) {
    const n = r.tag(stop);
    if (n === 1) text = expect(r, LEN) && r.string(stop);
    else r.skip(r.wire, stop, n);
  }
  return text === undefined ? '0' : canonicalQuantity(text);
}

function readIntOrString(r: Reader, stop: number): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  while (r.pos < stop) {
    const n = r.tag(stop);
    if (n === 1) type = expect(r, VARINT) && r.int64(stop);
    else if (n === 2) intVal = expect(r, VARINT) && r.int32(stop);
    else if (n === 3) strVal = expect(r, LEN) && r.string(stop);
    else r.skip(r.wire, stop, n);
  }
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new ProtobufError(`IntOrString of unknown type ${type}`);
}

function readJson(r: Reader, stop: number, kind: 'raw' | 'fieldsV1'): unknown {
  let raw: Buffer | undefined;
  while (r.pos < stop) {
    const n = r.tag(stop);
    if (n === 1) raw = expect(r, LEN) && r.bytes(stop);
    else r.skip(r.wire, stop, n);
  }
  // A nil or empty Raw is JSON null: the field is absent (null in a list).
  if (raw === undefined || raw.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    const what = raw[0] === 0x6b && raw[1] === 0x38 && raw[2] === 0x73 && raw[3] === 0 ? 'protobuf (k8s\\0 envelope), not JSON' : 'not valid JSON';
    throw new ProtobufError(`${kind} holds ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (kind === 'fieldsV1' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new ProtobufError('fieldsV1 holds JSON that is not an object');
  }
  // Raw "null" is JSON null too.
  return value === null ? undefined : value;
}

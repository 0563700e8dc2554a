// Encoding and decoding of one message type between protobuf bytes and plain JS objects, in
// @grpc/proto-loader's conventions (keepCase: false, defaults: true, oneofs: true,
// enums: String, longs: Number or String, bytes as Buffer):
// - decoded objects carry every field not in a oneof, absent ones with their default (0, '',
//   false, empty Buffer, the enum's first name, [] for repeated, {} for maps, null for
//   messages); a oneof's set member is present and the oneof's own name holds its field name;
//   unknown fields are skipped; an enum number without a name stays a number;
// - encoding skips undefined and null, and singular scalars equal to their default (proto3
//   writes no defaults), but writes a oneof member or `optional` field whenever it is present.
//
// A codec compiles its field table on first use (so recursive types resolve lazily); one
// decode allocates only the objects it returns.

import { LEN, ProtobufError, Reader, Writer, within } from '../api/codec/wire.ts';
import { isDefaultScalar, Kind, readScalar, scalarDefault, writeScalar, type KindCode } from './scalars.ts';

/** An enum's names by number and numbers by name. */
export interface EnumInfo {
  readonly fullName: string;
  readonly names: ReadonlyMap<number, string>;
  readonly numbers: ReadonlyMap<string, number>;
  /** The name of value 0 (proto3's default). */
  readonly first: string;
}

/** One field as the codec uses it, names already camelCased and types resolved. */
export interface CodecField {
  readonly name: string;
  readonly number: number;
  readonly kind: KindCode;
  readonly label: 'singular' | 'optional' | 'repeated' | 'map';
  readonly packed: boolean;
  readonly oneof: string | undefined;
  readonly enumInfo: EnumInfo | undefined;
  readonly message: MessageCodec | undefined;
  /** Map fields: the key's kind. */
  readonly keyKind: KindCode;
}

interface Compiled {
  readonly fields: readonly CodecField[];
  /** Fields by number, for numbers below DENSE_LIMIT. */
  readonly dense: (CodecField | undefined)[];
  readonly sparse: ReadonlyMap<number, CodecField>;
  readonly tags: readonly number[];
}

const DENSE_LIMIT = 1024;
/** Nesting deeper than this is refused rather than risk the stack (Go's limit is 10,000). */
const MAX_DEPTH = 1000;

/** The writer shared by every encode (encoding is synchronous), trimmed after a large message. */
let shared = new Writer(64 * 1024);

export class MessageCodec<T = Record<string, unknown>> {
  readonly fullName: string;
  readonly #longsAsString: boolean;
  readonly #resolve: () => CodecField[];
  #compiled: Compiled | undefined;

  /** `resolve` lists the fields; it is called once, on first use. */
  constructor(fullName: string, longsAsString: boolean, resolve: () => CodecField[]) {
    this.fullName = fullName;
    this.#longsAsString = longsAsString;
    this.#resolve = resolve;
  }

  /**
   * The protobuf encoding of `message`, after `reserve` leading bytes left for the caller
   * (5 for a gRPC frame header). Throws ProtobufError for a value of the wrong type.
   */
  encode(message: T, reserve = 0): Buffer {
    const w = shared;
    w.pos = 0;
    w.ensure(reserve);
    w.pos = reserve;
    try {
      this.write(w, message as object);
      return w.finish();
    } catch (e) {
      throw prefixed(e, this.fullName, 'encode');
    } finally {
      if (w.buf.length > 1 << 20) shared = new Writer(64 * 1024);
    }
  }

  /** Decodes one message; throws ProtobufError for malformed input. */
  decode(bytes: Uint8Array): T {
    const r = new Reader(bytes);
    try {
      return this.read(r, r.buf.length, 0) as T;
    } catch (e) {
      throw prefixed(e, this.fullName, 'decode');
    }
  }

  #compile(): Compiled {
    const fields = this.#resolve();
    const dense: (CodecField | undefined)[] = [];
    const sparse = new Map<number, CodecField>();
    for (const f of fields) {
      if (f.number < DENSE_LIMIT) dense[f.number] = f;
      else sparse.set(f.number, f);
    }
    for (let i = 0; i < dense.length; i++) dense[i] ??= undefined;
    const tags = fields.map((f) => ((f.number << 3) | (f.label === 'map' || f.packed ? LEN : wireOf(f.kind))) >>> 0);
    return (this.#compiled = { fields, dense, sparse, tags });
  }

  /** Writes the fields of `message` (no tag or length of its own). */
  write(w: Writer, message: object): void {
    const { fields, tags } = this.#compiled ?? this.#compile();
    const values = message as Record<string, unknown>;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const value = values[f.name];
      if (value === undefined || value === null) continue;
      try {
        if (f.label === 'repeated') this.#writeRepeated(w, f, tags[i]!, value);
        else if (f.label === 'map') this.#writeMap(w, f, tags[i]!, value);
        else {
          if (f.label === 'singular' && f.oneof === undefined && isDefault(f, value)) continue;
          w.uint32(tags[i]!);
          writeValue(w, f, value);
        }
      } catch (e) {
        throw within(e, f.name);
      }
    }
  }

  #writeRepeated(w: Writer, f: CodecField, tag: number, value: unknown): void {
    if (!Array.isArray(value)) throw new ProtobufError(`${typeof value} is not an array`);
    if (value.length === 0) return;
    if (f.packed) {
      w.uint32(tag);
      const start = w.begin();
      for (const item of value) writeValue(w, f, item);
      w.end(start);
      return;
    }
    for (let i = 0; i < value.length; i++) {
      w.uint32(tag);
      try {
        writeValue(w, f, value[i]);
      } catch (e) {
        throw within(e, `[${i}]`);
      }
    }
  }

  #writeMap(w: Writer, f: CodecField, tag: number, value: unknown): void {
    if (typeof value !== 'object' || value === null) throw new ProtobufError(`${typeof value} is not a map`);
    const entries = value instanceof Map ? value.entries() : Object.entries(value);
    const valueTag = ((2 << 3) | wireOf(f.kind)) >>> 0;
    for (const [key, item] of entries as Iterable<[unknown, unknown]>) {
      w.uint32(tag);
      const start = w.begin();
      w.uint32(((1 << 3) | wireOf(f.keyKind)) >>> 0);
      writeScalar(w, f.keyKind, mapKey(f.keyKind, key));
      if (item !== undefined && item !== null) {
        w.uint32(valueTag);
        writeValue(w, f, item);
      }
      w.end(start);
    }
  }

  /** Reads a message's fields from r.pos up to `end`. */
  read(r: Reader, end: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new ProtobufError(`messages nested deeper than ${MAX_DEPTH}`);
    const { fields, dense, sparse } = this.#compiled ?? this.#compile();
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.oneof !== undefined || f.label === 'optional') continue;
      out[f.name] = f.label === 'repeated' ? [] : f.label === 'map' ? {} : this.#default(f);
    }
    while (r.pos < end) {
      const number = r.tag(end);
      const f = number < DENSE_LIMIT ? dense[number] : sparse.get(number);
      if (f === undefined) {
        r.skip(r.wire, end, number);
        continue;
      }
      try {
        this.#readField(r, end, f, out, depth);
      } catch (e) {
        throw within(e, f.name);
      }
    }
    return out;
  }

  #readField(r: Reader, end: number, f: CodecField, out: Record<string, unknown>, depth: number): void {
    const wire = r.wire;
    if (f.label === 'map') {
      expectWire(wire, LEN);
      const stop = r.length(end);
      let key = scalarDefault(f.keyKind, this.#longsAsString);
      let value: unknown;
      while (r.pos < stop) {
        const n = r.tag(stop);
        if (n === 1 && r.wire === wireOf(f.keyKind)) key = readScalar(r, stop, f.keyKind, this.#longsAsString);
        else if (n === 2 && r.wire === wireOf(f.kind)) value = this.#readValue(r, stop, f, depth);
        else r.skip(r.wire, stop, n);
      }
      (out[f.name] as Record<string, unknown>)[String(key)] = value ?? this.#default(f);
      return;
    }
    if (f.label === 'repeated') {
      const list = out[f.name] as unknown[];
      if (wire === LEN && f.kind !== Kind.string && f.kind !== Kind.bytes && f.kind !== Kind.message) {
        const stop = r.length(end);
        while (r.pos < stop) list.push(this.#readValue(r, stop, f, depth));
        return;
      }
      expectWire(wire, wireOf(f.kind));
      list.push(this.#readValue(r, end, f, depth));
      return;
    }
    expectWire(wire, wireOf(f.kind));
    out[f.name] = this.#readValue(r, end, f, depth);
    if (f.oneof !== undefined) out[f.oneof] = f.name;
  }

  #readValue(r: Reader, end: number, f: CodecField, depth: number): unknown {
    if (f.kind === Kind.message) {
      const stop = r.length(end);
      const value = f.message!.read(r, stop, depth + 1);
      r.pos = stop;
      return value;
    }
    if (f.kind === Kind.enum) {
      const n = r.int32(end);
      return f.enumInfo!.names.get(n) ?? n;
    }
    return readScalar(r, end, f.kind, this.#longsAsString);
  }

  #default(f: CodecField): unknown {
    if (f.kind === Kind.message) return null;
    if (f.kind === Kind.enum) return f.enumInfo!.first;
    return scalarDefault(f.kind, this.#longsAsString);
  }
}

function wireOf(kind: KindCode): number {
  return kind === Kind.double || kind === Kind.fixed64 || kind === Kind.sfixed64 ? 1
    : kind === Kind.float || kind === Kind.fixed32 || kind === Kind.sfixed32 ? 5
      : kind === Kind.string || kind === Kind.bytes || kind === Kind.message ? LEN : 0;
}

function expectWire(wire: number, want: number): void {
  if (wire !== want) throw new ProtobufError(`wire type ${wire} where ${want} was expected`);
}

function isDefault(f: CodecField, value: unknown): boolean {
  if (f.kind === Kind.message) return false;
  if (f.kind === Kind.enum) return value === 0 || value === f.enumInfo!.first;
  return isDefaultScalar(f.kind, value);
}

function writeValue(w: Writer, f: CodecField, value: unknown): void {
  if (f.kind === Kind.message) {
    if (typeof value !== 'object' || value === null) throw new ProtobufError(`${typeof value} is not a message`);
    const start = w.begin();
    f.message!.write(w, value);
    w.end(start);
    return;
  }
  if (f.kind === Kind.enum) {
    const n = typeof value === 'number' ? value : f.enumInfo!.numbers.get(String(value));
    if (n === undefined) throw new ProtobufError(`${JSON.stringify(value)} is not a value of enum ${f.enumInfo!.fullName}`);
    w.int32(n);
    return;
  }
  writeScalar(w, f.kind, value);
}

/** A map key (always a string in a JS object) as the value its kind writes. */
function mapKey(kind: KindCode, key: unknown): unknown {
  if (typeof key !== 'string') return key;
  if (kind === Kind.bool) return key === 'true';
  if (kind === Kind.string) return key;
  return kind === Kind.int64 || kind === Kind.uint64 || kind === Kind.sint64 || kind === Kind.fixed64 || kind === Kind.sfixed64 ? key : Number(key);
}

function prefixed(e: unknown, type: string, verb: string): unknown {
  return e instanceof ProtobufError ? new ProtobufError(e.detail, e.path, `${verb} ${type}`) : e;
}

// The protobuf wire format: a growable writer and a bounds-checked reader. Both work on
// plain byte offsets so that nested messages need no allocation: the writer reserves one byte
// for a length prefix and back-patches it (moving the content when the length needs more
// bytes), and the reader takes an explicit end offset for every nested message.

/** Malformed protobuf input, or a value that cannot be encoded. */
export class ProtobufError extends Error {
  override readonly name = 'ProtobufError';
  /** What is wrong, without the location. */
  readonly detail: string;
  /** The JSON path of the value at fault ("spec.containers[0].image"), or '' when unknown. */
  readonly path: string;

  constructor(detail: string, path = '', context = '') {
    super([context, path, detail].filter((part) => part !== '').join(': '));
    this.detail = detail;
    this.path = path;
  }
}

/** The error with `segment` ("name" or "[3]") prefixed to its path, for errors thrown below a field. */
export function within(e: unknown, segment: string): unknown {
  if (!(e instanceof ProtobufError)) return e;
  const path = e.path === '' ? segment : e.path.startsWith('[') ? segment + e.path : `${segment}.${e.path}`;
  return new ProtobufError(e.detail, path);
}

export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;
export const START_GROUP = 3;
export const END_GROUP = 4;
export const FIXED32 = 5;

const TWO_32 = 4294967296;

/** The number of bytes the varint encoding of a non-negative safe integer takes. */
export function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

// Buffer's own UTF-8 decoder, without toString's argument checks (measured ~30% faster).
const utf8Slice: (this: Buffer, start: number, end: number) => string =
  (Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, start: number, end: number) => string }).utf8Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('utf8', start, end);
  };

// Buffer's own UTF-8 encoder, likewise without write()'s argument checks.
const utf8Write: (this: Buffer, text: string, offset: number, length: number) => number =
  (Buffer.prototype as unknown as { utf8Write?: (this: Buffer, text: string, offset: number, length: number) => number }).utf8Write ??
  function (this: Buffer, text: string, offset: number, length: number): number {
    return this.write(text, offset, length, 'utf8');
  };

/**
 * A growable output buffer. Offsets stay valid when the buffer grows. Its bytes are only
 * those written (the memory behind `pos` is uninitialized).
 */
export class Writer {
  buf: Buffer;
  pos = 0;

  constructor(capacity = 4096) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** A copy of everything written (small ones come from Node's Buffer pool: mind byteOffset). */
  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }

  /** An unsigned 32-bit varint (tags, lengths, small non-negative numbers). */
  uint32(n: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    while (n > 0x7f) {
      buf[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[pos++] = n;
    this.pos = pos;
  }

  /** An int32 field: negative numbers take ten bytes, sign-extended to 64 bits as Go does. */
  int32(n: number): void {
    if (n >= 0) this.uint32(n);
    else this.#varint64(n >>> 0, 0xffffffff);
  }

  /** An int64 field from a safe integer (two's complement when negative). */
  int64(n: number): void {
    if (n >= 0 && n < TWO_32) this.uint32(n);
    else this.#varint64(n >>> 0, Math.floor(n / TWO_32) >>> 0);
  }

  /** An int64 field from a bigint in the int64 range. */
  bigint64(n: bigint): void {
    const u = BigInt.asUintN(64, n);
    this.#varint64(Number(u & 0xffffffffn), Number(u >> 32n));
  }

  #varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** A double field: fixed64, little-endian. */
  double(x: number): void {
    this.ensure(8);
    this.pos = this.buf.writeDoubleLE(x, this.pos);
  }

  /** Length-prefixed bytes. */
  bytes(b: Uint8Array): void {
    this.uint32(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A length-prefixed UTF-8 string (lone surrogates become U+FFFD, as TextEncoder does). */
  string(s: string): void {
    const n = s.length;
    if (n < 43) {
      // Short strings (most of an API object): at most 3 bytes per UTF-16 unit, so the length
      // fits one byte; copying ASCII inline beats a native call.
      this.ensure(1 + 3 * n);
      const buf = this.buf;
      const start = this.pos + 1;
      let pos = start;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
          pos += utf8Write.call(buf, s.slice(i), pos, buf.length - pos);
          break;
        }
        buf[pos++] = c;
      }
      buf[start - 1] = pos - start;
      this.pos = pos;
      return;
    }
    // Reserve the longest prefix the string could need, then move the text back if shorter.
    const max = 3 * n;
    const reserved = varintSize(max);
    this.ensure(reserved + max);
    const at = this.pos;
    this.#placeLength(at, reserved, utf8Write.call(this.buf, s, at + reserved, max));
  }

  /** Length-prefixed bytes given in base64, decoded straight into the buffer. */
  base64(s: string): void {
    const max = Math.ceil((s.length * 3) / 4) + 3;
    const reserved = varintSize(max);
    this.ensure(reserved + max);
    const at = this.pos;
    this.#placeLength(at, reserved, this.buf.write(s, at + reserved, max, 'base64'));
  }

  // Content of `written` bytes sits `reserved` bytes after `at`: write its length at `at`, moving it back when the length is shorter.
  #placeLength(at: number, reserved: number, written: number): void {
    const size = varintSize(written);
    if (size < reserved) this.buf.copyWithin(at + size, at + reserved, at + reserved + written);
    this.pos = at;
    this.uint32(written);
    this.pos = at + size + written;
  }

  /** Reserves one byte for a length prefix; returns where the content starts (for end). */
  begin(): number {
    this.ensure(1);
    return ++this.pos;
  }

  /** Writes the length of the content since begin() into its prefix, moving the content when the length takes more than one byte. */
  end(start: number): void {
    const len = this.pos - start;
    if (len < 0x80) {
      this.buf[start - 1] = len;
      return;
    }
    const extra = varintSize(len) - 1;
    this.ensure(extra);
    this.buf.copyWithin(start + extra, start, this.pos);
    const end = this.pos + extra;
    this.pos = start - 1;
    this.uint32(len);
    this.pos = end;
  }
}

/**
 * A reader over one buffer. Every read takes the end offset of the enclosing message and
 * throws ProtobufError rather than read past it.
 */
export class Reader {
  readonly buf: Buffer;
  pos = 0;
  /** The high 32 bits (unsigned) of the last varint read. */
  hi = 0;
  /** The wire type of the last tag read. */
  wire = 0;

  constructor(buf: Uint8Array) {
    this.buf = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** A varint; returns its low 32 bits unsigned and leaves the high 32 bits in `hi`. */
  varint(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= end) throw new ProtobufError(`truncated varint at offset ${pos}`);
    let b = buf[pos++]!;
    if (b < 0x80) {
      this.pos = pos;
      this.hi = 0;
      return b;
    }
    let lo = b & 0x7f;
    let hi = 0;
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) throw new ProtobufError(`truncated varint at offset ${this.pos}`);
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return this.#done(pos, lo, hi);
    }
    if (pos >= end) throw new ProtobufError(`truncated varint at offset ${this.pos}`);
    b = buf[pos++]!;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b < 0x80) return this.#done(pos, lo, hi);
    for (let shift = 3; shift < 32; shift += 7) {
      if (pos >= end) throw new ProtobufError(`truncated varint at offset ${this.pos}`);
      b = buf[pos++]!;
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) return this.#done(pos, lo, hi);
    }
    throw new ProtobufError(`varint at offset ${this.pos} is longer than 10 bytes`);
  }

  #done(pos: number, lo: number, hi: number): number {
    this.pos = pos;
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  /** An int32 field (Go keeps the low 32 bits of the varint). */
  int32(end: number): number {
    return this.varint(end) | 0;
  }

  /** An int64 field as a number; throws when it is not a safe integer. */
  int64(end: number): number {
    const lo = this.varint(end);
    const n = (this.hi | 0) * TWO_32 + lo;
    if (!Number.isSafeInteger(n)) {
      const exact = BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(lo));
      throw new ProtobufError(`int64 value ${exact} is beyond Number.MAX_SAFE_INTEGER`);
    }
    return n;
  }

  /** An int64 field as a bigint. */
  bigint64(end: number): bigint {
    const lo = this.varint(end);
    if (this.hi === 0) return BigInt(lo);
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(lo));
  }

  bool(end: number): boolean {
    return (this.varint(end) | this.hi) !== 0;
  }

  double(end: number): number {
    if (this.pos + 8 > end) throw new ProtobufError(`truncated fixed64 at offset ${this.pos}`);
    const x = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return x;
  }

  /** Reads a length prefix; returns the end offset of the content that follows. */
  length(end: number): number {
    const at = this.pos;
    const len = this.varint(end);
    if (this.hi !== 0 || len > end - this.pos) {
      throw new ProtobufError(`length ${this.hi === 0 ? len : '≥ 2^32'} at offset ${at} runs past the end of its message (${end - this.pos} bytes left)`);
    }
    return this.pos + len;
  }

  /** Reads a length-prefixed UTF-8 string (invalid UTF-8 becomes U+FFFD, as Go's JSON encoder writes it). */
  string(end: number): string {
    const stop = this.length(end);
    const buf = this.buf;
    let pos = this.pos;
    this.pos = stop;
    if (stop - pos < 12) {
      // Short strings: building them in place beats a native call.
      let s = '';
      for (; pos < stop; pos++) {
        const c = buf[pos]!;
        if (c >= 0x80) return s + utf8Slice.call(buf, pos, stop);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return utf8Slice.call(buf, pos, stop);
  }

  /** Reads length-prefixed bytes as base64. */
  base64(end: number): string {
    const stop = this.length(end);
    const start = this.pos;
    this.pos = stop;
    return this.buf.toString('base64', start, stop);
  }

  /** Reads length-prefixed bytes, as a view into the input. */
  bytes(end: number): Buffer {
    const stop = this.length(end);
    const b = this.buf.subarray(this.pos, stop);
    this.pos = stop;
    return b;
  }

  /** Reads a tag; returns the field number and leaves the wire type in `wire`. */
  tag(end: number, inGroup = false): number {
    const at = this.pos;
    const t = this.varint(end);
    const field = t >>> 3;
    this.wire = t & 7;
    if (this.hi !== 0 || field === 0) throw new ProtobufError(`illegal tag at offset ${at} (field ${this.hi === 0 ? field : '≥ 2^29'}, wire type ${this.wire})`);
    if (this.wire === END_GROUP && !inGroup) throw new ProtobufError(`end-group tag without a group at offset ${at}`);
    return field;
  }

  /** Skips the value of a field with the given wire type (an unknown field). */
  skip(wire: number, end: number, field: number): void {
    switch (wire) {
      case VARINT:
        this.varint(end);
        return;
      case FIXED64:
      case FIXED32: {
        const size = wire === FIXED64 ? 8 : 4;
        if (this.pos + size > end) throw new ProtobufError(`truncated fixed${size * 8} at offset ${this.pos}`);
        this.pos += size;
        return;
      }
      case LEN:
        this.pos = this.length(end);
        return;
      case START_GROUP: {
        // Groups (deprecated) nest; count the depth instead of recursing, as Go's skip does.
        let depth = 1;
        while (depth > 0) {
          const inner = this.tag(end, true);
          if (this.wire === START_GROUP) depth++;
          else if (this.wire === END_GROUP) depth--;
          else this.skip(this.wire, end, inner);
        }
        return;
      }
      default:
        throw new ProtobufError(`illegal wire type ${wire} for field ${field} at offset ${this.pos}`);
    }
  }
}

// A small DER (ASN.1 Distinguished Encoding Rules) writer and reader: just enough of X.690 for
// X.509 certificates. The writer always produces canonical DER (minimal lengths and integers);
// the reader accepts definite-length encodings only, which is all DER allows.

/** Universal tags used by X.509 (X.680 §8.6), with the constructed bit where it is always set. */
export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** One element: its identifier octet (class, constructed bit, tag number below 31) and contents. */
function tlv(tag: number, contents: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(contents.length), contents]);
}

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const der = {
  sequence: (...children: Uint8Array[]): Buffer => tlv(Tag.sequence, Buffer.concat(children)),
  /** A SET OF; DER wants its members sorted by encoding, which this does. */
  set: (...children: Uint8Array[]): Buffer => tlv(Tag.set, Buffer.concat([...children].sort(Buffer.compare))),
  boolean: (value: boolean): Buffer => tlv(Tag.boolean, Buffer.from([value ? 0xff : 0x00])),
  null: (): Buffer => tlv(Tag.null, Buffer.alloc(0)),
  /** A non-negative INTEGER from a number, a bigint or big-endian unsigned bytes. */
  integer: (value: number | bigint | Uint8Array): Buffer => tlv(Tag.integer, integerContents(value)),
  bitString: (bytes: Uint8Array, unusedBits = 0): Buffer => tlv(Tag.bitString, Buffer.concat([Buffer.from([unusedBits]), bytes])),
  octetString: (bytes: Uint8Array): Buffer => tlv(Tag.octetString, bytes),
  oid: (dotted: string): Buffer => tlv(Tag.oid, encodeOid(dotted)),
  utf8String: (s: string): Buffer => tlv(Tag.utf8String, Buffer.from(s, 'utf8')),
  ia5String: (s: string): Buffer => tlv(Tag.ia5String, Buffer.from(s, 'ascii')),
  /** UTCTime for 1950–2049 and GeneralizedTime otherwise, whole seconds, as RFC 5280 §4.1.2.5 requires. */
  time: (ms: number): Buffer => {
    const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // 2026-01-01T00:00:00.000Z
    const year = Number(iso.slice(0, 4));
    const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
    if (year >= 1950 && year < 2050) return tlv(Tag.utcTime, Buffer.from(digits.slice(2) + 'Z', 'ascii'));
    return tlv(Tag.generalizedTime, Buffer.from(digits + 'Z', 'ascii'));
  },
  /** [n] EXPLICIT: a constructed context-specific element wrapping one encoded element. */
  explicit: (n: number, inner: Uint8Array): Buffer => tlv(0xa0 | n, inner),
  /** [n] IMPLICIT over a primitive type: the contents with a context-specific primitive tag. */
  implicit: (n: number, contents: Uint8Array): Buffer => tlv(0x80 | n, contents),
};

function integerContents(value: number | bigint | Uint8Array): Buffer {
  let bytes: Buffer;
  if (value instanceof Uint8Array) {
    bytes = Buffer.from(value);
  } else {
    let n = BigInt(value);
    if (n < 0n) throw new RangeError('der.integer: negative integers are not supported');
    const out: number[] = [];
    do {
      out.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
    bytes = Buffer.from(out);
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) return Buffer.from([0]);
  // The top bit is the sign: a positive number starting with it set needs a leading zero.
  return (bytes[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

export function encodeOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((part) => {
    if (!/^\d+$/.test(part)) throw new SyntaxError(`invalid OID ${JSON.stringify(dotted)}`);
    return BigInt(part);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || first > 2n || (first < 2n && second > 39n)) {
    throw new SyntaxError(`invalid OID ${JSON.stringify(dotted)}`);
  }
  const out: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let n = arc >> 7n; n > 0n; n >>= 7n) chunk.unshift(Number(n & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return Buffer.from(out);
}

export function decodeOid(bytes: Uint8Array): string {
  const arcs: bigint[] = [];
  let n = 0n;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    n = (n << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(n);
      n = 0n;
    } else if (i === bytes.length - 1) {
      throw new Asn1Error('truncated OID');
    }
  }
  const [head, ...rest] = arcs;
  if (head === undefined) throw new Asn1Error('empty OID');
  const first = head < 80n ? head / 40n : 2n;
  return [first, head - first * 40n, ...rest].join('.');
}

export class Asn1Error extends Error {
  constructor(message: string) {
    super(`asn1: ${message}`);
    this.name = 'Asn1Error';
  }
}

/** One parsed element. `bytes` is the whole encoding (identifier, length, contents). */
export interface Asn1Node {
  /** The identifier octet: class bits, constructed bit and tag number. */
  readonly tag: number;
  readonly constructed: boolean;
  readonly contents: Buffer;
  readonly bytes: Buffer;
  /** The parsed contents of a constructed element; empty for primitive ones. */
  readonly children: readonly Asn1Node[];
}

/** Parses exactly one element filling `input`; trailing bytes are an error. */
export function parseDer(input: Uint8Array): Asn1Node {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const { node, end } = parseAt(buf, 0, 0);
  if (end !== buf.length) throw new Asn1Error(`${buf.length - end} trailing bytes`);
  return node;
}

function parseAt(buf: Buffer, offset: number, depth: number): { node: Asn1Node; end: number } {
  if (depth > 32) throw new Asn1Error('nesting too deep');
  const tag = buf[offset];
  if (tag === undefined) throw new Asn1Error('truncated element');
  if ((tag & 0x1f) === 0x1f) throw new Asn1Error('high tag numbers are not supported');
  let pos = offset + 1;
  const first = buf[pos++];
  if (first === undefined) throw new Asn1Error('truncated length');
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0) throw new Asn1Error('indefinite length is not DER');
    if (count > 4) throw new Asn1Error('length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = buf[pos++];
      if (b === undefined) throw new Asn1Error('truncated length');
      length = length * 256 + b;
    }
  }
  const end = pos + length;
  if (end > buf.length) throw new Asn1Error('element runs past the end of its input');
  const contents = buf.subarray(pos, end);
  const constructed = (tag & 0x20) !== 0;
  const children: Asn1Node[] = [];
  if (constructed) {
    for (let at = pos; at < end;) {
      const child = parseAt(buf, at, depth + 1);
      if (child.end > end) throw new Asn1Error('child runs past its parent');
      children.push(child.node);
      at = child.end;
    }
  }
  return { node: { tag, constructed, contents, bytes: buf.subarray(offset, end), children }, end };
}

/** The child at `index`, which must carry `tag`; otherwise a descriptive error. */
export function child(node: Asn1Node, index: number, tag: number, what: string): Asn1Node {
  const found = node.children[index];
  if (found === undefined || found.tag !== tag) {
    throw new Asn1Error(`${what}: expected tag 0x${tag.toString(16)}, found ${found === undefined ? 'nothing' : `0x${found.tag.toString(16)}`}`);
  }
  return found;
}

/** Reads a UTCTime or GeneralizedTime of the forms DER allows (…Z, whole seconds). */
export function readTime(node: Asn1Node): number {
  const text = node.contents.toString('ascii');
  let m: RegExpExecArray | null;
  if (node.tag === Tag.utcTime && (m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text)) !== null) {
    const yy = Number(m[1]);
    return Date.UTC(yy < 50 ? 2000 + yy : 1900 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  if (node.tag === Tag.generalizedTime && (m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text)) !== null) {
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  throw new Asn1Error(`unsupported time ${JSON.stringify(text)}`);
}

// SPDY/3.1 framing (the subset Kubernetes streams use): control frames SYN_STREAM, SYN_REPLY,
// RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS, WINDOW_UPDATE and data frames, plus the
// uncompressed name/value header block. Header compression lives in spdy-zlib.ts because it
// carries state across the whole connection.
//
// Every multi-byte integer is big-endian; stream ids are 31 bits. A frame longer than
// MAX_FRAME_LENGTH is a protocol error rather than an allocation the peer chooses.

export const SPDY_VERSION = 3;
export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;
/** Upper bound on one frame's payload; Go's framer writes data frames of at most 32 KiB. */
export const MAX_FRAME_LENGTH = 1 << 20;

export const ControlType = {
  SynStream: 1, SynReply: 2, RstStream: 3, Settings: 4, Ping: 6, GoAway: 7, Headers: 8, WindowUpdate: 9,
} as const;

/** RST_STREAM status codes (SPDY/3 §2.6.4). */
export const RstStatus = { ProtocolError: 1, InvalidStream: 2, RefusedStream: 3, Cancel: 5, InternalError: 6, StreamInUse: 8, StreamAlreadyClosed: 9 } as const;

export type SpdyFrame =
  | { readonly kind: 'data'; readonly streamId: number; readonly flags: number; readonly data: Buffer }
  | { readonly kind: 'synStream'; readonly streamId: number; readonly associatedId: number; readonly priority: number; readonly flags: number; readonly headerBlock: Buffer }
  | { readonly kind: 'synReply' | 'headers'; readonly streamId: number; readonly flags: number; readonly headerBlock: Buffer }
  | { readonly kind: 'rstStream'; readonly streamId: number; readonly status: number }
  | { readonly kind: 'settings'; readonly flags: number; readonly entries: ReadonlyArray<{ flags: number; id: number; value: number }> }
  | { readonly kind: 'ping'; readonly id: number }
  | { readonly kind: 'goAway'; readonly lastGoodStreamId: number; readonly status: number }
  | { readonly kind: 'windowUpdate'; readonly streamId: number; readonly delta: number }
  | { readonly kind: 'unknown'; readonly type: number };

export class SpdyProtocolError extends Error {
  override readonly name = 'SpdyProtocolError';
}

const ID_MASK = 0x7fffffff;

function control(type: number, flags: number, payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME_LENGTH) throw new SpdyProtocolError(`SPDY frame of ${payload.length} bytes is too long`);
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags & 0xff) << 24 | payload.length) >>> 0, 4);
  return Buffer.concat([head, payload]);
}

function u32s(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

/** Encodes a frame whose header block (if any) is already compressed. */
export function encodeFrame(frame: SpdyFrame): Buffer {
  switch (frame.kind) {
    case 'data': {
      if (frame.data.length > MAX_FRAME_LENGTH) throw new SpdyProtocolError(`SPDY frame of ${frame.data.length} bytes is too long`);
      const head = u32s(frame.streamId & ID_MASK, ((frame.flags & 0xff) << 24 | frame.data.length) >>> 0);
      return Buffer.concat([head, frame.data]);
    }
    case 'synStream': {
      const fixed = Buffer.alloc(10);
      fixed.writeUInt32BE(frame.streamId & ID_MASK, 0);
      fixed.writeUInt32BE(frame.associatedId & ID_MASK, 4);
      fixed.writeUInt8((frame.priority & 7) << 5, 8);
      return control(ControlType.SynStream, frame.flags, Buffer.concat([fixed, frame.headerBlock]));
    }
    case 'synReply':
    case 'headers':
      return control(frame.kind === 'synReply' ? ControlType.SynReply : ControlType.Headers, frame.flags, Buffer.concat([u32s(frame.streamId & ID_MASK), frame.headerBlock]));
    case 'rstStream':
      return control(ControlType.RstStream, 0, u32s(frame.streamId & ID_MASK, frame.status));
    case 'settings': {
      const body = Buffer.alloc(4 + frame.entries.length * 8);
      body.writeUInt32BE(frame.entries.length, 0);
      frame.entries.forEach((e, i) => {
        body.writeUInt32BE(((e.flags & 0xff) << 24 | (e.id & 0xffffff)) >>> 0, 4 + i * 8);
        body.writeUInt32BE(e.value >>> 0, 8 + i * 8);
      });
      return control(ControlType.Settings, frame.flags, body);
    }
    case 'ping':
      return control(ControlType.Ping, 0, u32s(frame.id));
    case 'goAway':
      return control(ControlType.GoAway, 0, u32s(frame.lastGoodStreamId & ID_MASK, frame.status));
    case 'windowUpdate':
      return control(ControlType.WindowUpdate, 0, u32s(frame.streamId & ID_MASK, frame.delta & ID_MASK));
    case 'unknown':
      throw new SpdyProtocolError(`cannot encode SPDY control frame type ${frame.type}`);
  }
}

function need(payload: Buffer, bytes: number, what: string): void {
  if (payload.length < bytes) throw new SpdyProtocolError(`SPDY ${what} frame too short (${payload.length} bytes)`);
}

/**
 * Splits whole frames off the front of `input`; returns them and the unconsumed rest (a
 * partial frame). Throws SpdyProtocolError on a wrong version or an oversized frame.
 */
export function decodeFrames(input: Buffer): { frames: SpdyFrame[]; rest: Buffer } {
  const frames: SpdyFrame[] = [];
  let offset = 0;
  while (input.length - offset >= 8) {
    const word0 = input.readUInt32BE(offset);
    const word1 = input.readUInt32BE(offset + 4);
    const length = word1 & 0xffffff;
    const flags = word1 >>> 24;
    if (length > MAX_FRAME_LENGTH) throw new SpdyProtocolError(`SPDY frame of ${length} bytes is too long`);
    if (input.length - offset - 8 < length) break;
    const payload = input.subarray(offset + 8, offset + 8 + length);
    offset += 8 + length;
    if ((word0 & 0x80000000) === 0) {
      frames.push({ kind: 'data', streamId: word0 & ID_MASK, flags, data: Buffer.from(payload) });
      continue;
    }
    const version = (word0 >>> 16) & 0x7fff;
    if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
    frames.push(decodeControl(word0 & 0xffff, flags, payload));
  }
  return { frames, rest: input.subarray(offset) };
}

function decodeControl(type: number, flags: number, p: Buffer): SpdyFrame {
  switch (type) {
    case ControlType.SynStream:
      need(p, 10, 'SYN_STREAM');
      return { kind: 'synStream', streamId: p.readUInt32BE(0) & ID_MASK, associatedId: p.readUInt32BE(4) & ID_MASK, priority: p.readUInt8(8) >>> 5, flags, headerBlock: Buffer.from(p.subarray(10)) };
    case ControlType.SynReply:
    case ControlType.Headers:
      need(p, 4, 'SYN_REPLY/HEADERS');
      return { kind: type === ControlType.SynReply ? 'synReply' : 'headers', streamId: p.readUInt32BE(0) & ID_MASK, flags, headerBlock: Buffer.from(p.subarray(4)) };
    case ControlType.RstStream:
      need(p, 8, 'RST_STREAM');
      return { kind: 'rstStream', streamId: p.readUInt32BE(0) & ID_MASK, status: p.readUInt32BE(4) };
    case ControlType.Settings: {
      need(p, 4, 'SETTINGS');
      const count = p.readUInt32BE(0);
      need(p, 4 + count * 8, 'SETTINGS');
      const entries = Array.from({ length: count }, (_, i) => {
        const w = p.readUInt32BE(4 + i * 8);
        return { flags: w >>> 24, id: w & 0xffffff, value: p.readUInt32BE(8 + i * 8) };
      });
      return { kind: 'settings', flags, entries };
    }
    case ControlType.Ping:
      need(p, 4, 'PING');
      return { kind: 'ping', id: p.readUInt32BE(0) };
    case ControlType.GoAway:
      need(p, 8, 'GOAWAY');
      return { kind: 'goAway', lastGoodStreamId: p.readUInt32BE(0) & ID_MASK, status: p.readUInt32BE(4) };
    case ControlType.WindowUpdate:
      need(p, 8, 'WINDOW_UPDATE');
      return { kind: 'windowUpdate', streamId: p.readUInt32BE(0) & ID_MASK, delta: p.readUInt32BE(4) & ID_MASK };
    default:
      return { kind: 'unknown', type };
  }
}

/** Header names travel in lower case; several values of one name are joined by NUL. */
export type SpdyHeaders = ReadonlyMap<string, readonly string[]>;

export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const parts: Buffer[] = [u32s(headers.size)];
  for (const [name, values] of headers) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(values.join('\0'), 'utf8');
    parts.push(u32s(n.length), n, u32s(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const read = (at: number, what: string): { bytes: Buffer; next: number } => {
    if (block.length < at + 4) throw new SpdyProtocolError(`SPDY header block truncated in ${what}`);
    const len = block.readUInt32BE(at);
    if (block.length < at + 4 + len) throw new SpdyProtocolError(`SPDY header block truncated in ${what}`);
    return { bytes: block.subarray(at + 4, at + 4 + len), next: at + 4 + len };
  };
  if (block.length < 4) throw new SpdyProtocolError('SPDY header block truncated');
  const count = block.readUInt32BE(0);
  let at = 4;
  for (let i = 0; i < count; i++) {
    const name = read(at, 'a name');
    const value = read(name.next, 'a value');
    at = value.next;
    const key = name.bytes.toString('utf8').toLowerCase();
    headers.set(key, [...(headers.get(key) ?? []), ...value.bytes.toString('utf8').split('\0')]);
  }
  return headers;
}

/** Builds a header map from plain pairs (names lower-cased). */
export function spdyHeaders(pairs: Record<string, string>): Map<string, string[]> {
  return new Map(Object.entries(pairs).map(([k, v]) => [k.toLowerCase(), [v]]));
}

export function headerValue(headers: SpdyHeaders, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.[0];
}

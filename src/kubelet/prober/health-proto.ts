// The two messages of the gRPC health checking protocol (grpc.health.v1), encoded by hand:
//   HealthCheckRequest  { string service = 1; }
//   HealthCheckResponse { ServingStatus status = 1; }  UNKNOWN 0, SERVING 1, NOT_SERVING 2, SERVICE_UNKNOWN 3
// Two one-field messages do not justify loading a .proto at run time.

export const HEALTH_CHECK_METHOD = '/grpc.health.v1.Health/Check';

const STATUS_NAMES = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

/** The status name as Go's generated String() prints it (the number for values it does not know). */
export function servingStatusName(status: number): string {
  return STATUS_NAMES[status] ?? String(status);
}

export function encodeHealthCheckRequest(service: string): Buffer {
  const bytes = Buffer.from(service, 'utf8');
  if (bytes.length === 0) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from([0x0a]), varint(bytes.length), bytes]);
}

/** The status field of a HealthCheckResponse; throws on bytes that are not a valid message. */
export function decodeHealthCheckResponse(buf: Buffer): number {
  let status = 0;
  let at = 0;
  const readVarint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      const byte = buf[at++];
      if (byte === undefined) throw new Error('truncated varint');
      // Only the low 32 bits matter for enum values; higher bits are read and dropped.
      if (shift < 32) value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('varint too long');
  };
  while (at < buf.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      const v = readVarint();
      if (field === 1) status = v > 0x7fffffff ? v - 2 ** 32 : v;
    } else if (wire === 1) at += 8;
    else if (wire === 2) {
      const length = readVarint();
      at += length;
    }
    else if (wire === 5) at += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (at > buf.length) throw new Error('truncated field');
  }
  return status;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

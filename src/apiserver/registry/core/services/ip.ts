// IP addresses and CIDRs as upstream parses and checks them (k8s.io/utils/net ParseIPSloppy,
// apimachinery's IsValidIP / IsValidCIDR, core validation's ValidateNonSpecialIP). "Sloppy"
// means IPv4 octets may carry leading zeros, read as decimal, as Go did before 1.17.
// Used by Services (clusterIPs, externalIPs) and Endpoints (addresses).

import { invalid, type FieldError, type Path } from '../../../../api/field-errors.ts';

export type IPFamily = 'IPv4' | 'IPv6';

export interface ParsedIP {
  readonly family: IPFamily;
  /** 4 bytes for IPv4 (and IPv4-mapped IPv6), 16 for IPv6. */
  readonly bytes: readonly number[];
}

const V4_OCTET = /^[0-9]{1,3}$/;

function parseV4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!V4_OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseV6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let body = text;
  let tail: number[] = [];
  if (body.includes('.')) {
    // An IPv4 tail stands for the last two groups.
    const cut = body.lastIndexOf(':');
    const v4 = parseV4(body.slice(cut + 1));
    if (v4 === undefined) return undefined;
    tail = [((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0)];
    body = body.slice(0, cut + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const count = head.length + rest.length + tail.length;
  if (halves.length === 2 ? count > 7 : count !== 8) return undefined;
  const words = [...head, ...new Array<number>(8 - count).fill(0), ...rest, ...tail];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** Parses an IPv4 or IPv6 address; IPv4-mapped IPv6 (::ffff:a.b.c.d) counts as IPv4, as in Go. */
export function parseIP(text: string): ParsedIP | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return { family: 'IPv4', bytes: v4 };
  if (!text.includes(':')) return undefined;
  const v6 = parseV6(text);
  if (v6 === undefined) return undefined;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { family: 'IPv4', bytes: v6.slice(12) } : { family: 'IPv6', bytes: v6 };
}

export function ipFamilyOf(text: string): IPFamily | undefined {
  return parseIP(text)?.family;
}

/** An IPv4 address as a 32-bit unsigned number. */
export function ipv4ToNumber(ip: ParsedIP): number {
  const [a = 0, b = 0, c = 0, d = 0] = ip.bytes;
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

export function numberToIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

export interface IPv4CIDR {
  /** The network address as a number. */
  readonly base: number;
  readonly prefix: number;
  /** How many addresses the CIDR spans (2^(32-prefix)). */
  readonly size: number;
  /** Canonical text: "10.43.0.0/16". */
  readonly text: string;
}

/** Parses an IPv4 CIDR; host bits are cleared, as net.ParseCIDR does for the network. */
export function parseIPv4CIDR(text: string): IPv4CIDR | undefined {
  const [addr = '', bits = '', extra] = text.split('/');
  const ip = parseIP(addr);
  if (extra !== undefined || ip?.family !== 'IPv4' || !/^[0-9]{1,2}$/.test(bits) || Number(bits) > 32) return undefined;
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(ipv4ToNumber(ip) / size) * size;
  return { base, prefix, size, text: `${numberToIPv4(base)}/${prefix}` };
}

/** apimachinery's IsValidIP. */
export function validateIP(at: Path, value: string): FieldError[] {
  return parseIP(value) === undefined ? [invalid(at, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')] : [];
}

/** apimachinery's IsValidCIDR. */
export function validateCIDR(at: Path, value: string): FieldError[] {
  const [addr = '', bits = '', extra] = value.split('/');
  const ip = parseIP(addr);
  const max = ip?.family === 'IPv4' && !addr.includes(':') ? 32 : 128;
  const ok = ip !== undefined && extra === undefined && /^[0-9]{1,3}$/.test(bits) && Number(bits) <= max;
  return ok ? [] : [invalid(at, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/**
 * Upstream's ValidateNonSpecialIP: Endpoints and external IPs may not be unspecified,
 * loopback or link-local, which make no sense there or belong to the node.
 */
export function validateNonSpecialIP(at: Path, value: string): FieldError[] {
  const ip = parseIP(value);
  if (ip === undefined) return [invalid(at, value, 'must be a valid IP address')];
  const b = ip.bytes;
  const v4 = ip.family === 'IPv4';
  const errs: FieldError[] = [];
  if (b.every((x) => x === 0)) errs.push(invalid(at, value, `may not be unspecified (${value})`));
  const loopback = v4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
  if (loopback) errs.push(invalid(at, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  const linkLocal = v4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80;
  if (linkLocal) errs.push(invalid(at, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  const linkLocalMulticast = v4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02;
  if (linkLocalMulticast) errs.push(invalid(at, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** Go's net.JoinHostPort: IPv6 hosts in brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

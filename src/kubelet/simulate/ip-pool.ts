// Pod IPs of one node, taken from its pod CIDR (IPv4). Host offset 1 is the bridge's gateway, as
// with the bridge CNI plugin and host-local IPAM, so pods get .2 upwards; the network and
// broadcast addresses are never handed out. Pure: no I/O, no time.

export interface Ipv4Cidr {
  readonly base: number;
  readonly prefix: number;
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** `10.42.3.0/24` → its base address (host bits cleared) and prefix length; undefined when not IPv4 CIDR. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const [ip, bits, ...rest] = text.split('/');
  if (ip === undefined || bits === undefined || rest.length > 0 || !/^\d{1,2}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  const address = parseIpv4(ip);
  if (address === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
}

export function cidrContains(cidr: Ipv4Cidr, ip: string): boolean {
  const value = parseIpv4(ip);
  return value !== undefined && value >= cidr.base && value < cidr.base + 2 ** (32 - cidr.prefix);
}

/** Hands out addresses of one CIDR to keys (pod UIDs); a key keeps its address until released. */
export class IpPool {
  readonly cidr: Ipv4Cidr;
  readonly #byKey = new Map<string, number>();
  readonly #used = new Set<number>();
  #next = 2;

  constructor(cidr: Ipv4Cidr) {
    this.cidr = cidr;
  }

  /** The key's address, allocating the lowest free one after the last handed out; undefined when full. */
  allocate(key: string): string | undefined {
    const held = this.#byKey.get(key);
    if (held !== undefined) return formatIpv4(held);
    const hosts = 2 ** (32 - this.cidr.prefix);
    const last = hosts - 2; // before broadcast
    for (let tried = 0; tried < hosts; tried++) {
      if (this.#next > last) this.#next = 2;
      const offset = this.#next++;
      const address = this.cidr.base + offset;
      if (!this.#used.has(address) && offset >= 2 && offset <= last) {
        this.#used.add(address);
        this.#byKey.set(key, address);
        return formatIpv4(address);
      }
    }
    return undefined;
  }

  /** Records an address already given out (found on a pod after a restart); false when outside or taken. */
  reserve(key: string, ip: string): boolean {
    const address = parseIpv4(ip);
    if (address === undefined || !cidrContains(this.cidr, ip)) return false;
    if (this.#byKey.get(key) === address) return true;
    if (this.#used.has(address)) return false;
    this.#used.add(address);
    this.#byKey.set(key, address);
    return true;
  }

  release(key: string): void {
    const address = this.#byKey.get(key);
    if (address === undefined) return;
    this.#byKey.delete(key);
    this.#used.delete(address);
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  get size(): number {
    return this.#byKey.size;
  }
}

/** A 32-bit FNV-1a hash, for addresses derived from names. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The range a node's pods use before node IPAM gives it spec.podCIDR: a /24 of 100.64.0.0/10
 * (shared address space, never routed here) picked by the node's name.
 */
export function fallbackPodCidr(nodeName: string): string {
  const slot = fnv1a(nodeName) % (2 ** 14);
  return `${formatIpv4((100 * 2 ** 24) + (64 * 2 ** 16) + slot * 256)}/24`;
}

/** A loopback address for the node's InternalIP (127.x.y.z, never .0 or .255), picked by name. */
export function loopbackAddress(nodeName: string): string {
  const hash = fnv1a(nodeName);
  const a = (hash >>> 16) & 255;
  const b = (hash >>> 8) & 255;
  const c = 1 + ((hash & 255) % 254);
  return `127.${a}.${b}.${c}`;
}

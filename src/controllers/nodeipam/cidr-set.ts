// The pod CIDRs of one cluster CIDR (upstream's nodeipam/ipam/cidrset): the cluster range cut
// into subnets of `maskSize` bits, handed out lowest-free-after-the-last first, occupied again
// from existing nodes at start, released when a node goes. IPv4 only. Pure.

interface Ipv4Cidr {
  readonly base: number;
  readonly prefix: number;
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function formatIpv4(value: number): string {
  return [Math.floor(value / 2 ** 24) % 256, Math.floor(value / 2 ** 16) % 256, Math.floor(value / 256) % 256, value % 256].join('.');
}

/** `10.42.0.0/16` → base and prefix (host bits must be clear unless `loose`); undefined when not IPv4 CIDR. */
export function parseCidr(text: string, loose = false): Ipv4Cidr | undefined {
  const [ip, bits, ...rest] = text.trim().split('/');
  if (ip === undefined || bits === undefined || rest.length > 0 || !/^\d{1,2}$/.test(bits) || Number(bits) > 32) return undefined;
  const address = parseIpv4(ip);
  if (address === undefined) return undefined;
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const base = address - (address % size);
  if (!loose && base !== address) return undefined;
  return { base, prefix };
}

export class CidrSetFullError extends Error {
  constructor(cluster: string) {
    super(`CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range ${cluster}`);
    this.name = 'CidrSetFullError';
  }
}

export class CidrSet {
  readonly clusterCidr: string;
  readonly maskSize: number;
  readonly #cluster: Ipv4Cidr;
  readonly #count: number;
  readonly #used = new Set<number>();
  #next = 0;

  constructor(clusterCidr: string, maskSize: number) {
    const cluster = parseCidr(clusterCidr, true);
    if (cluster === undefined) throw new Error(`--cluster-cidr ${clusterCidr}: not an IPv4 CIDR`);
    if (!Number.isInteger(maskSize) || maskSize < cluster.prefix || maskSize > 32) {
      throw new Error(`--node-cidr-mask-size ${maskSize} must be between the cluster prefix /${cluster.prefix} and /32`);
    }
    if (maskSize - cluster.prefix > 16) throw new Error(`--node-cidr-mask-size ${maskSize}: at most 2^16 node CIDRs per cluster CIDR`);
    this.clusterCidr = clusterCidr;
    this.maskSize = maskSize;
    this.#cluster = cluster;
    this.#count = 2 ** (maskSize - cluster.prefix);
  }

  /** The next free subnet, as `a.b.c.d/mask`; throws CidrSetFullError when none is left. */
  allocateNext(): string {
    for (let tried = 0; tried < this.#count; tried++) {
      const index = (this.#next + tried) % this.#count;
      if (this.#used.has(index)) continue;
      this.#used.add(index);
      this.#next = (index + 1) % this.#count;
      return this.#format(index);
    }
    throw new CidrSetFullError(this.clusterCidr);
  }

  /** Marks `cidr` (a subnet of this set's size inside the cluster range) used; false when it is not one. */
  occupy(cidr: string): boolean {
    const index = this.#indexOf(cidr);
    if (index === undefined) return false;
    this.#used.add(index);
    return true;
  }

  release(cidr: string): void {
    const index = this.#indexOf(cidr);
    if (index !== undefined) this.#used.delete(index);
  }

  isUsed(cidr: string): boolean {
    const index = this.#indexOf(cidr);
    return index !== undefined && this.#used.has(index);
  }

  get usedCount(): number {
    return this.#used.size;
  }

  #format(index: number): string {
    return `${formatIpv4(this.#cluster.base + index * 2 ** (32 - this.maskSize))}/${this.maskSize}`;
  }

  #indexOf(cidr: string): number | undefined {
    const parsed = parseCidr(cidr);
    if (parsed === undefined || parsed.prefix !== this.maskSize) return undefined;
    const offset = parsed.base - this.#cluster.base;
    if (offset < 0 || offset >= 2 ** (32 - this.#cluster.prefix)) return undefined;
    return offset / 2 ** (32 - this.maskSize);
  }
}

// The cluster IP and node port allocators of Services (upstream's ipallocator and
// portallocator with their repair controllers). The Services in the store are the durable
// record: the server builds a ServiceAllocators from the stored list at start, and calls
// repair() with a fresh list now and then to free what failed or deleted Services left behind.
// Not coordinated across API servers: each one holds its own view (see the strategy's notes).

import { fail, ok, type Result } from '../../../../api/result.ts';
import type { Service } from '../../../../api/types/core/v1/index.ts';
import { ipv4ToNumber, numberToIPv4, parseIP, parseIPv4CIDR, type IPv4CIDR } from './ip.ts';
import { RangeAllocator, type Owner, type RepairReport } from './range-allocator.ts';

export const DEFAULT_SERVICE_CIDR = '10.43.0.0/16';
export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

export const ERR_FULL = 'range is full';
export const ERR_IP_ALLOCATED = 'provided IP is already allocated';
export const ERR_PORT_ALLOCATED = 'provided port is already allocated';

export interface ServiceAllocatorOptions {
  /** --service-cidr; IPv4 only. */
  readonly serviceCIDR?: string;
  /** --service-node-port-range, "first-last". */
  readonly nodePortRange?: string;
  /** Where scans start, in [0, 1); tests fix it. */
  readonly random?: () => number;
}

export interface PortRange {
  readonly base: number;
  readonly size: number;
  /** "30000-32767", as upstream's error messages print it. */
  readonly text: string;
}

export function parsePortRange(text: string): PortRange | undefined {
  const match = /^([0-9]+)-([0-9]+)$/.exec(text.trim());
  if (match === null) return undefined;
  const first = Number(match[1]);
  const last = Number(match[2]);
  if (first < 1 || last > 65535 || last < first) return undefined;
  return { base: first, size: last - first + 1, text: `${first}-${last}` };
}

/** The key a Service holds its IPs and ports under. */
export function serviceOwner(svc: Service): Owner {
  return `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
}

// Upstream's static sub-range sizes: min(max(16, size/16), 256) for IPs and
// min(max(16, size/32), 128) for ports; nothing for tiny ranges.
function staticBand(size: number, step: number, max: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / step)), max);
}

export class ServiceAllocators {
  readonly cidr: IPv4CIDR;
  readonly nodePorts: PortRange;
  readonly #ips: RangeAllocator;
  readonly #ports: RangeAllocator;

  /** Builds the allocators and records what the given Services already hold. */
  constructor(existing: readonly Service[], options: ServiceAllocatorOptions = {}) {
    const cidr = parseIPv4CIDR(options.serviceCIDR ?? DEFAULT_SERVICE_CIDR);
    if (cidr === undefined) throw new Error(`invalid service CIDR ${options.serviceCIDR ?? ''}: an IPv4 CIDR is required`);
    const ports = parsePortRange(options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE);
    if (ports === undefined) throw new Error(`invalid node port range ${options.nodePortRange ?? ''}`);
    this.cidr = cidr;
    this.nodePorts = ports;
    // The network and broadcast addresses are never handed out; slot 0 is the first host
    // address, kept for the kubernetes Service.
    const hosts = cidr.size > 2 ? cidr.size - 2 : 0;
    const random = options.random ?? Math.random;
    this.#ips = new RangeAllocator(hosts, { staticBand: staticBand(cidr.size, 16, 256), reserved: [0], random });
    this.#ports = new RangeAllocator(ports.size, { staticBand: staticBand(ports.size, 32, 128), random });
    this.repair(existing);
  }

  /** The kubernetes Service's address: the first host address of the range (10.43.0.1). */
  get kubernetesIP(): string {
    return numberToIPv4(this.cidr.base + 1);
  }

  #ipSlot(ip: string): number | undefined {
    const parsed = parseIP(ip);
    if (parsed?.family !== 'IPv4') return undefined;
    const slot = ipv4ToNumber(parsed) - this.cidr.base - 1;
    return slot >= 0 && slot < this.#ips.size ? slot : undefined;
  }

  /** Takes a given IP; ok(true) if newly taken, ok(false) if its owner already held it. */
  allocateIP(ip: string, owner: Owner): Result<boolean> {
    const slot = this.#ipSlot(ip);
    if (slot === undefined) return fail(`provided IP is not in the valid range. The range of valid IPs is ${this.cidr.text}`);
    const outcome = this.#ips.claim(slot, owner);
    return outcome === 'taken' ? fail(ERR_IP_ALLOCATED) : ok(outcome === 'allocated');
  }

  allocateNextIP(owner: Owner): Result<string> {
    const slot = this.#ips.next(owner);
    return slot === undefined ? fail(ERR_FULL) : ok(numberToIPv4(this.cidr.base + 1 + slot));
  }

  releaseIP(ip: string, owner?: Owner): boolean {
    const slot = this.#ipSlot(ip);
    return slot !== undefined && this.#ips.release(slot, owner);
  }

  ipOwner(ip: string): Owner | undefined {
    const slot = this.#ipSlot(ip);
    return slot === undefined ? undefined : this.#ips.ownerOf(slot);
  }

  #portSlot(port: number): number | undefined {
    const slot = port - this.nodePorts.base;
    return Number.isInteger(slot) && slot >= 0 && slot < this.nodePorts.size ? slot : undefined;
  }

  allocateNodePort(port: number, owner: Owner): Result<boolean> {
    const slot = this.#portSlot(port);
    if (slot === undefined) return fail(`provided port is not in the valid range. The range of valid ports is ${this.nodePorts.text}`);
    const outcome = this.#ports.claim(slot, owner);
    return outcome === 'taken' ? fail(ERR_PORT_ALLOCATED) : ok(outcome === 'allocated');
  }

  allocateNextNodePort(owner: Owner): Result<number> {
    const slot = this.#ports.next(owner);
    return slot === undefined ? fail(ERR_FULL) : ok(this.nodePorts.base + slot);
  }

  releaseNodePort(port: number, owner?: Owner): boolean {
    const slot = this.#portSlot(port);
    return slot !== undefined && this.#ports.release(slot, owner);
  }

  nodePortOwner(port: number): Owner | undefined {
    const slot = this.#portSlot(port);
    return slot === undefined ? undefined : this.#ports.ownerOf(slot);
  }

  /** IPs and node ports in use. */
  get usage(): { readonly ips: number; readonly nodePorts: number } {
    return { ips: this.#ips.used, nodePorts: this.#ports.used };
  }

  /** Frees what a deleted Service held (only slots still recorded under its name). */
  release(svc: Service): void {
    const owner = serviceOwner(svc);
    for (const ip of heldIPs(svc)) this.releaseIP(ip, owner);
    for (const port of heldNodePorts(svc)) this.releaseNodePort(port, owner);
  }

  /**
   * Re-syncs with the Services that exist (upstream's repair controllers): records what they
   * hold, frees what none holds since before the previous repair, reports double claims.
   */
  repair(services: readonly Service[]): { ips: RepairReport<string>; nodePorts: RepairReport<number> } {
    const ipClaims: Array<[number, Owner]> = [];
    const portClaims: Array<[number, Owner]> = [];
    for (const svc of services) {
      const owner = serviceOwner(svc);
      for (const ip of heldIPs(svc)) {
        const slot = this.#ipSlot(ip);
        if (slot !== undefined) ipClaims.push([slot, owner]);
      }
      for (const port of heldNodePorts(svc)) {
        const slot = this.#portSlot(port);
        if (slot !== undefined) portClaims.push([slot, owner]);
      }
    }
    const ips = this.#ips.repair(ipClaims);
    const nodePorts = this.#ports.repair(portClaims);
    const ipOf = (slot: number): string => numberToIPv4(this.cidr.base + 1 + slot);
    const portOf = (slot: number): number => this.nodePorts.base + slot;
    return {
      ips: { repaired: ips.repaired.map(ipOf), released: ips.released.map(ipOf), conflicts: ips.conflicts.map((c) => ({ ...c, slot: ipOf(c.slot) })) },
      nodePorts: {
        repaired: nodePorts.repaired.map(portOf), released: nodePorts.released.map(portOf),
        conflicts: nodePorts.conflicts.map((c) => ({ ...c, slot: portOf(c.slot) })),
      },
    };
  }
}

/** The cluster IPs a Service holds ("None" and ExternalName hold none). */
export function heldIPs(svc: Service): string[] {
  if (svc.spec?.type === 'ExternalName') return [];
  const ips = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP !== undefined ? [svc.spec.clusterIP] : []);
  return ips.filter((ip) => ip !== '' && ip !== 'None');
}

/** The node ports a Service holds, its health check port included. */
export function heldNodePorts(svc: Service): number[] {
  const ports = (svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0);
  ports.push(svc.spec?.healthCheckNodePort ?? 0);
  return [...new Set(ports.filter((p) => p > 0))];
}

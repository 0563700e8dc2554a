// Cluster IP and node port allocation for a Service being created or updated (upstream's
// allocateCreate / allocateUpdate in pkg/registry/core/service/storage/alloc.go). Failures are
// thrown as upstream's Status errors; whatever this call took is given back first.
// Releases (a type change that drops node ports, say) are not done here: the update may still
// fail validation, so they are left to the allocators' repair.

import { invalid as invalidField, path, type FieldError } from '../../../../api/field-errors.ts';
import { internalError, invalid } from '../../../../api/status.ts';
import type { Service, ServiceSpec } from '../../../../api/types/core/v1/index.ts';
import { heldNodePorts, serviceOwner, type ServiceAllocators } from './allocator.ts';
import { needsHealthCheck } from './defaults.ts';
import { initIPFamilyFields } from './families.ts';
import { needsNodePort, normalizeClusterIPs } from './update-fields.ts';

const SERVICE = { group: '', kind: 'Service' };

/** What an allocation took, to give back if a later step (or validation) fails. */
export class Allocation {
  readonly #undo: Array<() => void> = [];

  record(undo: () => void): void {
    this.#undo.push(undo);
  }

  revert(): void {
    for (const undo of this.#undo.splice(0).reverse()) undo();
  }
}

function fail(svc: Service, errs: FieldError[]): never {
  throw invalid(SERVICE, svc.metadata?.name ?? '', errs);
}

function shouldAllocateNodePorts(spec: ServiceSpec): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

function allocClusterIPs(svc: Service, alloc: ServiceAllocators, txn: Allocation): void {
  const spec = (svc.spec ??= {});
  if (spec.type === 'ExternalName' || (spec.clusterIPs ?? [])[0] === 'None') return;
  const owner = serviceOwner(svc);
  const ips = [...(spec.clusterIPs ?? [])];
  (spec.ipFamilies ?? []).forEach((_family, i) => {
    const wanted = ips[i] ?? '';
    if (wanted === '') {
      const next = alloc.allocateNextIP(owner);
      if (!next.ok) throw internalError(`failed to allocate a serviceIP: ${next.error}`);
      txn.record(() => alloc.releaseIP(next.value, owner));
      ips[i] = next.value;
      return;
    }
    const taken = alloc.allocateIP(wanted, owner);
    if (!taken.ok) fail(svc, [invalidField(path('spec', 'clusterIPs'), spec.clusterIPs ?? [], `failed to allocate IP ${wanted}: ${taken.error}`)]);
    if (taken.value) txn.record(() => alloc.releaseIP(wanted, owner));
  });
  if (ips.length > 0) {
    spec.clusterIPs = ips;
    spec.clusterIP = ips[0] ?? '';
  }
}

function takePort(svc: Service, alloc: ServiceAllocators, txn: Allocation, port: number, at: number): void {
  const owner = serviceOwner(svc);
  const taken = alloc.allocateNodePort(port, owner);
  if (!taken.ok) fail(svc, [invalidField(path('spec', 'ports').index(at).child('nodePort'), port, taken.error)]);
  if (taken.value) txn.record(() => alloc.releaseNodePort(port, owner));
}

function nextPort(svc: Service, alloc: ServiceAllocators, txn: Allocation, what: string): number {
  const owner = serviceOwner(svc);
  const next = alloc.allocateNextNodePort(owner);
  if (!next.ok) throw internalError(`failed to allocate a ${what}: ${next.error}`);
  txn.record(() => alloc.releaseNodePort(next.value, owner));
  return next.value;
}

// Ports sharing a number (TCP and UDP 53, say) share one node port.
function initNodePorts(svc: Service, alloc: ServiceAllocators, txn: Allocation): void {
  const spec = svc.spec ?? {};
  const ports = spec.ports ?? [];
  const byPort = new Map<number, number>();
  ports.forEach((port, i) => {
    const requested = port.nodePort ?? 0;
    if (requested === 0 && !shouldAllocateNodePorts(spec)) return;
    const shared = byPort.get(port.port);
    if (shared === undefined) {
      const wanted = ports.slice(i).find((p) => p.port === port.port && (p.nodePort ?? 0) !== 0)?.nodePort ?? 0;
      const nodePort = wanted !== 0 ? wanted : nextPort(svc, alloc, txn, 'nodePort');
      if (wanted !== 0) takePort(svc, alloc, txn, wanted, i);
      port.nodePort = nodePort;
      byPort.set(port.port, nodePort);
    } else if (requested !== shared) {
      if (requested === 0) port.nodePort = shared;
      else takePort(svc, alloc, txn, requested, i);
    }
  });
}

function allocHealthCheckPort(svc: Service, alloc: ServiceAllocators, txn: Allocation): void {
  const spec = svc.spec ?? {};
  const requested = spec.healthCheckNodePort ?? 0;
  if (requested === 0) {
    spec.healthCheckNodePort = nextPort(svc, alloc, txn, 'HealthCheck NodePort');
    return;
  }
  const owner = serviceOwner(svc);
  const taken = alloc.allocateNodePort(requested, owner);
  if (!taken.ok) throw internalError(`failed to allocate requested HealthCheck NodePort ${requested}: ${taken.error}`);
  if (taken.value) txn.record(() => alloc.releaseNodePort(requested, owner));
}

/** Allocates for a new Service; on failure nothing stays taken. */
export function allocateCreate(svc: Service, alloc: ServiceAllocators, txn: Allocation): void {
  normalizeClusterIPs(svc, undefined);
  const errs = initIPFamilyFields(svc, undefined, ['IPv4']);
  if (errs.length > 0) fail(svc, errs);
  try {
    allocClusterIPs(svc, alloc, txn);
    if (needsNodePort(svc.spec ?? {})) initNodePorts(svc, alloc, txn);
    if (needsHealthCheck(svc.spec ?? {})) allocHealthCheckPort(svc, alloc, txn);
  } catch (error) {
    txn.revert();
    throw error;
  }
}

/** Allocates what an update newly needs (a type change, new ports); on failure nothing stays taken. */
export function allocateUpdate(svc: Service, old: Service, alloc: ServiceAllocators, txn: Allocation): void {
  const errs = initIPFamilyFields(svc, old, ['IPv4']);
  if (errs.length > 0) fail(svc, errs);
  const spec = svc.spec ?? {};
  const was = old.spec ?? {};
  try {
    if (was.type === 'ExternalName' && spec.type !== 'ExternalName') allocClusterIPs(svc, alloc, txn);
    if (needsNodePort(spec)) {
      const before = new Set(heldNodePorts(old));
      const taken = new Set<number>();
      (spec.ports ?? []).forEach((port, i) => {
        const nodePort = port.nodePort ?? 0;
        if (nodePort === 0 && !shouldAllocateNodePorts(spec)) return;
        if (nodePort === 0) port.nodePort = nextPort(svc, alloc, txn, 'nodePort');
        else if (!before.has(nodePort) && !taken.has(nodePort)) takePort(svc, alloc, txn, nodePort, i);
        taken.add(port.nodePort ?? 0);
      });
    }
    if (!needsHealthCheck(was) && needsHealthCheck(spec)) allocHealthCheckPort(svc, alloc, txn);
  } catch (error) {
    txn.revert();
    throw error;
  }
}

// How an incoming Service is reconciled with what it asked for and what it already has
// (upstream's normalizeClusterIPs, patchAllocatedValues and dropTypeDependentFields): clients
// may send clusterIP alone (old clients) or omit allocated values on update, and a type
// change wipes fields the new type cannot have when the user left them as they were.

import type { Service, ServiceSpec } from '../../../../api/types/core/v1/index.ts';
import { needsHealthCheck } from './defaults.ts';

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameClusterIPs(a: ServiceSpec, b: ServiceSpec): boolean {
  return (a.clusterIP ?? '') === (b.clusterIP ?? '') && sameList(a.clusterIPs, b.clusterIPs);
}

export function needsClusterIP(spec: ServiceSpec): boolean {
  return spec.type !== 'ExternalName';
}

export function needsNodePort(spec: ServiceSpec): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer';
}

function setList(spec: ServiceSpec, ips: string[] | undefined): void {
  if (ips === undefined || ips.length === 0) delete spec.clusterIPs;
  else spec.clusterIPs = ips;
}

/** Keeps clusterIP and clusterIPs in step; `old` is undefined on create. */
export function normalizeClusterIPs(svc: Service, old: Service | undefined): void {
  const spec = (svc.spec ??= {});
  const clusterIP = spec.clusterIP ?? '';
  if (old === undefined) {
    // An old client set only the singular field.
    if (clusterIP !== '' && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [clusterIP];
    return;
  }
  const was = old.spec ?? {};
  if ((was.clusterIPs ?? []).length > 0 && (spec.clusterIPs ?? []).length === 0 && (was.clusterIP ?? '') === clusterIP) {
    setList(spec, was.clusterIPs);
  }
  if ((was.clusterIP ?? '') !== clusterIP) {
    if ((was.clusterIP ?? '') !== '' && clusterIP === '') {
      if (sameList(was.clusterIPs, spec.clusterIPs) || (spec.clusterIPs ?? []).length === 0) delete spec.clusterIPs;
    }
    if (clusterIP !== '' && sameList(was.clusterIPs, spec.clusterIPs)) spec.clusterIPs = [clusterIP];
  }
}

/** Carries over what was allocated when an update leaves it out, so re-applying a manifest works. */
export function patchAllocatedValues(svc: Service, old: Service): void {
  const spec = (svc.spec ??= {});
  const was = old.spec ?? {};
  if (needsClusterIP(was) && needsClusterIP(spec)) {
    if ((spec.clusterIP ?? '') === '' && was.clusterIP !== undefined) spec.clusterIP = was.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (was.clusterIPs ?? []).length > 0) setList(spec, was.clusterIPs);
  }
  if (needsNodePort(was) && needsNodePort(spec)) {
    const used = (s: ServiceSpec): Set<number> => new Set((s.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p !== 0));
    const oldUsed = used(was);
    const kept = new Set([...used(spec)].filter((p) => oldUsed.has(p)));
    const byName = new Map((was.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const port of spec.ports ?? []) {
      if ((port.nodePort ?? 0) !== 0) continue;
      const previous = byName.get(port.name ?? '') ?? 0;
      if (previous !== 0 && !kept.has(previous)) port.nodePort = previous;
    }
  }
  if (needsHealthCheck(was) && needsHealthCheck(spec) && (spec.healthCheckNodePort ?? 0) === 0 && was.healthCheckNodePort !== undefined) {
    spec.healthCheckNodePort = was.healthCheckNodePort;
  }
}

/** Wipes what a type change makes meaningless, when the user did not also change it. */
export function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = (svc.spec ??= {});
  const was = old.spec ?? {};
  if (needsClusterIP(was) && !needsClusterIP(spec)) {
    if (sameClusterIPs(was, spec)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(was.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (was.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(was) && !needsNodePort(spec)) {
    const before = new Set((was.ports ?? []).map((p) => p.nodePort ?? 0));
    if ((spec.ports ?? []).every((p) => (p.nodePort ?? 0) === 0 || before.has(p.nodePort ?? 0))) {
      for (const port of spec.ports ?? []) delete port.nodePort;
    }
  }
  if (needsHealthCheck(was) && !needsHealthCheck(spec) && spec.healthCheckNodePort === was.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (was.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === was.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (spec.loadBalancerClass === was.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (needsNodePort(was) && !needsNodePort(spec) && spec.externalTrafficPolicy === was.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  if (spec.type !== 'LoadBalancer' && svc.status?.loadBalancer !== undefined) svc.status = { ...svc.status, loadBalancer: {} };
}

// Service defaults (upstream's SetDefaults_Service in pkg/apis/core/v1/defaults.go). IP
// families and the cluster IP are not defaults: allocation decides them (families.ts,
// allocation.ts), since they depend on the cluster's configuration.

import type { Service, ServiceSpec } from '../../../../api/types/core/v1/index.ts';

/** kube-proxy's default ClientIP affinity timeout: 3 hours. */
export const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

/** Reachable from outside the cluster: NodePort, LoadBalancer, or ClusterIP with external IPs. */
export function externallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
}

/** LoadBalancer Services with externalTrafficPolicy Local get a health check node port. */
export function needsHealthCheck(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

/** The types that carry a cluster IP (even "None") and an internal traffic policy. */
export const CLUSTER_IP_TYPES: readonly string[] = ['ClusterIP', 'NodePort', 'LoadBalancer'];

export function defaultService(svc: Service): void {
  const spec: ServiceSpec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.internalTrafficPolicy === undefined && CLUSTER_IP_TYPES.includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    defaultIngressIPMode(svc);
  }
}

/** Load balancer ingress points with an IP default to ipMode VIP (LoadBalancerIPMode, GA in 1.32). */
export function defaultIngressIPMode(svc: Service): void {
  for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
    if ((ingress.ip ?? '') !== '' && ingress.ipMode === undefined) ingress.ipMode = 'VIP';
  }
}

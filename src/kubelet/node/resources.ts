// Where a kubelet's objects live on the API server, and the time formats it writes. Shared by
// the real node agent and the simulated one.

import type { ResourceType } from '../../client/rest/types.ts';

export const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
export const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods', namespaced: true };
export const LEASES: ResourceType = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };
export const NAMESPACES: ResourceType = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };

/** The namespace node heartbeat leases live in. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** metav1.Time: RFC 3339 to the second. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

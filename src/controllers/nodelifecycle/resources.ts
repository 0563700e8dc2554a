// The resources the node lifecycle controller reads and writes, and the time formats it writes.

import type { ResourceType } from '../../client/rest/types.ts';

export const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
export const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods', namespaced: true };
export const LEASES: ResourceType = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** metav1.Time: RFC 3339 to the second. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

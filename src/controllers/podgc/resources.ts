import type { ResourceType } from '../../client/rest/types.ts';

export const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
export const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods', namespaced: true };

/** metav1.Time: RFC 3339 to the second. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Where the workload controllers' resources live on the API server.

import type { ResourceType } from '../../client/rest/types.ts';

export const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods', namespaced: true };
export const REPLICA_SETS: ResourceType = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true };
export const DEPLOYMENTS: ResourceType = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };

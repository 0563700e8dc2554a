// The API resources the scheduler reads and writes.

import type { ResourceType } from '../client/rest/types.ts';

export const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods', namespaced: true };
export const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
export const NAMESPACES: ResourceType = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
export const EVENTS: ResourceType = { group: '', version: 'v1', resource: 'events', namespaced: true };
export const SERVICES: ResourceType = { group: '', version: 'v1', resource: 'services', namespaced: true };
export const REPLICATION_CONTROLLERS: ResourceType = { group: '', version: 'v1', resource: 'replicationcontrollers', namespaced: true };
export const REPLICA_SETS: ResourceType = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true };
export const STATEFUL_SETS: ResourceType = { group: 'apps', version: 'v1', resource: 'statefulsets', namespaced: true };
export const PDBS: ResourceType = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true };
export const LEASES: ResourceType = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };
export const PVCS: ResourceType = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespaced: true };
export const PVS: ResourceType = { group: '', version: 'v1', resource: 'persistentvolumes', namespaced: false };
export const STORAGE_CLASSES: ResourceType = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', namespaced: false };

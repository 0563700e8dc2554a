import type { ResourceType } from '../../client/rest/types.ts';

export const NAMESPACES: ResourceType = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
export const SERVICE_ACCOUNTS: ResourceType = { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true };
export const CONFIG_MAPS: ResourceType = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

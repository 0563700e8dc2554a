import type { ResourceType } from '../../client/rest/types.ts';

export const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };

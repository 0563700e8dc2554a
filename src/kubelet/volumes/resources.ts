// Where the objects volumes are made from live on the API server.

import type { ResourceType } from '../../client/rest/types.ts';

const core = (resource: string, namespaced: boolean): ResourceType => ({ group: '', version: 'v1', resource, namespaced });

export const CONFIG_MAPS = core('configmaps', true);
export const SECRETS = core('secrets', true);
export const SERVICE_ACCOUNTS = core('serviceaccounts', true);
export const PERSISTENT_VOLUME_CLAIMS = core('persistentvolumeclaims', true);
export const PERSISTENT_VOLUMES = core('persistentvolumes', false);
export const NODES = core('nodes', false);

// What the API server creates at start when it is missing (upstream's bootstrap controllers):
// the system namespaces. Creating what already exists is not an error.

import { isAlreadyExists } from '../../api/status-predicates.ts';
import type { Namespace } from '../../api/types/core/v1/index.ts';
import { SYSTEM_NAMESPACES } from './core/namespaces/strategy.ts';
import type { ResourceRegistry } from './registry.ts';
import type { ApiObject } from './resource.ts';

export interface BootstrapObject {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespace: string;
  readonly object: ApiObject;
}

export function systemObjects(): BootstrapObject[] {
  return SYSTEM_NAMESPACES.map((name): BootstrapObject => ({
    group: '', version: 'v1', resource: 'namespaces', namespace: '',
    object: { metadata: { name } } satisfies Namespace as ApiObject,
  }));
}

export async function ensureObjects(registry: ResourceRegistry, objects: readonly BootstrapObject[]): Promise<void> {
  for (const item of objects) {
    const store = registry.find(item.group, item.version, item.resource);
    if (store === undefined) throw new Error(`bootstrap: ${item.group}/${item.version} ${item.resource} is not served`);
    try {
      await store.create({ namespace: item.namespace, dryRun: false }, item.object);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
}

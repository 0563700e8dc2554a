// What the API server creates at start when it is missing (upstream's bootstrap controllers):
// the system namespaces. Creating what already exists is not an error.

import { isAlreadyExists } from '../../api/status-predicates.ts';
import type { Namespace } from '../../api/types/core/v1/index.ts';
import { SYSTEM_NAMESPACES } from './core/namespaces/strategy.ts';
import { kubernetesService } from './core/services/kubernetes-service.ts';
import { systemPriorityClasses } from './scheduling/priorityclasses/strategy.ts';
import type { ResourceRegistry } from './registry.ts';
import type { ApiObject } from './resource.ts';

export interface BootstrapObject {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespace: string;
  readonly object: ApiObject;
}

/** The system namespaces, the two system priority classes, and the `kubernetes` Service. */
export function systemObjects(options: { apiServerPort: number; serviceCIDR?: string }): BootstrapObject[] {
  return [
    ...SYSTEM_NAMESPACES.map((name): BootstrapObject => ({
      group: '', version: 'v1', resource: 'namespaces', namespace: '',
      object: { metadata: { name } } satisfies Namespace as ApiObject,
    })),
    ...systemPriorityClasses.map((pc): BootstrapObject => ({
      group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespace: '', object: pc as ApiObject,
    })),
    {
      group: '', version: 'v1', resource: 'services', namespace: 'default',
      object: kubernetesService({ apiServerPort: options.apiServerPort, ...(options.serviceCIDR === undefined ? {} : { serviceCIDR: options.serviceCIDR }) }) as ApiObject,
    },
  ];
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

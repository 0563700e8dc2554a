// Admission that needs other objects: upstream's NamespaceLifecycle. Objects may be created
// only in a namespace that exists and is not being deleted, and the system namespaces may
// never be deleted.

import { forbidden, notFound } from '../../api/status.ts';
import type { Namespace } from '../../api/types/core/v1/index.ts';
import type { WatchCache } from '../../storage/cache/watch-cache.ts';
import type { Admission } from './generic-store.ts';
import { IMMORTAL_NAMESPACES } from './core/namespaces/strategy.ts';
import { keys, type ApiObject, type ResourceDef } from './resource.ts';

const NAMESPACES = { group: '', resource: 'namespaces', namespaced: false } as const;

export function namespaceLifecycle(cache: WatchCache): Admission {
  return {
    async admitCreate(def: ResourceDef, object: ApiObject): Promise<void> {
      if (!def.namespaced) return;
      const name = object.metadata?.namespace ?? '';
      let ns = cache.get(keys.object(NAMESPACES, undefined, name))?.object as Namespace | undefined;
      if (ns === undefined) {
        // The namespace may have been created a moment ago: catch up once before refusing.
        await cache.waitUntilFresh();
        ns = cache.get(keys.object(NAMESPACES, undefined, name))?.object as Namespace | undefined;
      }
      if (ns === undefined) throw notFound({ group: '', resource: 'namespaces' }, name);
      if (ns.status?.phase === 'Terminating' || ns.metadata?.deletionTimestamp !== undefined) {
        throw forbidden({ group: def.group, resource: def.resource }, object.metadata?.name ?? '',
          `unable to create new content in namespace ${name} because it is being terminated`);
      }
    },
    async admitDelete(def: ResourceDef, object: ApiObject): Promise<void> {
      if (def.group === '' && def.resource === 'namespaces' && IMMORTAL_NAMESPACES.includes(object.metadata?.name ?? '')) {
        throw forbidden({ group: '', resource: 'namespaces' }, object.metadata?.name ?? '', 'this namespace may not be deleted');
      }
    },
  };
}

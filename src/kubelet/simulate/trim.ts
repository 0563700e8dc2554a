// Pods as the simulated nodes keep them: without metadata.managedFields, which no part of a
// kubelet reads (its status patches are built from its own status) and which is a good part of
// every cached pod; upstream's kube-scheduler and kube-controller-manager trim their informer
// caches the same way. 10,000 pods sit in the cache of one simulate process.

import type { Pod } from '../../api/types/core/v1/index.ts';
import type { ListerWatcher } from '../../client/informers/list-watch.ts';
import type { WatchEvent } from '../../client/rest/types.ts';

function trim(pod: Pod): Pod {
  if (pod.metadata?.managedFields !== undefined) delete pod.metadata.managedFields;
  return pod;
}

/** `lw` with managedFields dropped from every listed and watched pod (the objects are fresh from the wire, ours to change). */
export function withoutManagedFields(lw: ListerWatcher<Pod>): ListerWatcher<Pod> {
  return {
    list: async (options) => {
      const list = await lw.list(options);
      for (const pod of list.items) trim(pod);
      return list;
    },
    watch: (options) => ({
      async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<Pod>, void, undefined> {
        for await (const event of lw.watch(options)) {
          if (event.type !== 'ERROR') trim(event.object);
          yield event;
        }
      },
    }),
  };
}

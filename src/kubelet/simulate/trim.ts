// Pods as the simulated nodes keep them: without metadata.managedFields, which no part of a
// kubelet reads (its status patches are built from its own status) and which is a good part of
// every cached pod; upstream's kube-scheduler and kube-controller-manager trim their informer
// caches the same way. 10,000 pods sit in the cache of one simulate process.

import type { Pod } from '../../api/types/core/v1/index.ts';
import type { ListerWatcher } from '../../client/informers/list-watch.ts';
import { trimManagedFields } from '../../client/informers/shared-informer.ts';
import type { WatchEvent } from '../../client/rest/types.ts';

/** `lw` with managedFields dropped from every listed and watched pod (the objects are fresh from the wire, ours to change). */
export function withoutManagedFields(lw: ListerWatcher<Pod>): ListerWatcher<Pod> {
  return {
    list: async (options) => {
      const list = await lw.list(options);
      for (const pod of list.items) trimManagedFields(pod);
      return list;
    },
    // A plain iterator over the inner one, not an async generator: one promise per event
    // instead of a generator's hops, for every pod event of every simulated node.
    watch: (options) => ({
      [Symbol.asyncIterator](): AsyncIterator<WatchEvent<Pod>> {
        // The client cuts managedFields from each event's text, so they are never decoded;
        // trimManagedFields below stays for a ListerWatcher that ignores the option.
        const inner = lw.watch({ ...options, dropManagedFields: true })[Symbol.asyncIterator]();
        const done: IteratorResult<WatchEvent<Pod>> = { done: true, value: undefined };
        return {
          next: () => inner.next().then((r) => {
            if (r.done !== true && r.value.type !== 'ERROR') trimManagedFields(r.value.object);
            return r;
          }),
          // Stopping early closes the inner watch (its stream).
          return: async () => (inner.return === undefined ? done : inner.return()),
        };
      },
    }),
  };
}

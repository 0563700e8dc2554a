// One pod informer for every simulated node in the process: it watches all pods bound to a node
// (fieldSelector spec.nodeName!=) and hands each node's pods to that node's PodLifecycle, as if
// each kubelet had its own watch with spec.nodeName=<node>. A pod's nodeName never changes once
// set, so a pod belongs to one node for its whole life. Handlers are told synchronously, in the
// informer's order; a handler added late is first told of the node's pods already cached.

import type { Pod } from '../../api/types/core/v1/index.ts';
import type { HandlerRegistration, ResourceEventHandler, SharedInformer } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../../client/informers/store.ts';
import type { PodSource } from '../pods/lifecycle.ts';

const NODE_INDEX = 'simulate/nodeName';

function nodeOf(obj: Pod | DeletedFinalStateUnknown<Pod>): string {
  const pod = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
  return pod.spec?.nodeName ?? '';
}

export class NodePodSources {
  readonly #informer: SharedInformer<Pod>;
  readonly #handlers = new Map<string, Set<ResourceEventHandler<Pod>>>();
  readonly #registration: HandlerRegistration;

  /** Registers on `informer`; call before it runs, so no event is missed. */
  constructor(informer: SharedInformer<Pod>) {
    this.#informer = informer;
    informer.addIndexers({ [NODE_INDEX]: (pod) => (pod.spec?.nodeName ?? '') === '' ? [] : [pod.spec?.nodeName ?? ''] });
    const each = (node: string, call: (h: ResourceEventHandler<Pod>) => void): void => {
      for (const h of this.#handlers.get(node) ?? []) call(h);
    };
    this.#registration = informer.addEventHandler({
      onAdd: (pod, initial) => each(nodeOf(pod), (h) => h.onAdd?.(pod, initial)),
      onUpdate: (old, pod) => each(nodeOf(pod), (h) => h.onUpdate?.(old, pod)),
      onDelete: (obj) => each(nodeOf(obj), (h) => h.onDelete?.(obj)),
    });
  }

  /** The pods of `nodeName`, as that node's kubelet would watch them. */
  forNode(nodeName: string): PodSource {
    const informer = this.#informer;
    const list = (): Pod[] => informer.indexer.byIndex(NODE_INDEX, nodeName);
    return {
      waitForSync: (signal) => informer.waitForSync(signal),
      list,
      addEventHandler: (handler) => {
        let set = this.#handlers.get(nodeName);
        if (set === undefined) this.#handlers.set(nodeName, set = new Set());
        set.add(handler);
        for (const pod of list()) handler.onAdd?.(pod, true);
        return {
          hasSynced: () => this.#registration.hasSynced(),
          remove: () => {
            set.delete(handler);
            if (set.size === 0) this.#handlers.delete(nodeName);
          },
        };
      },
    };
  }
}

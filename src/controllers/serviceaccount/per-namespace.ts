// The shape both controllers here share (upstream's serviceaccounts and root-ca-cert-publisher):
// one object that must exist in every active namespace. A namespace appearing, or the object
// changing or going away, enqueues the namespace; sync(namespace) makes it right.

import type { Namespace } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { waitForCacheSync } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../../client/informers/store.ts';
import type { KubeObject } from '../../client/rest/types.ts';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.ts';
import { runWorkers } from '../../client/workqueue/run-workers.ts';
import type { ControllerContext } from '../controller.ts';

export interface PerNamespaceSpec<T extends KubeObject> {
  readonly namespaces: SharedInformer<Namespace>;
  readonly objects: SharedInformer<T>;
  /** The one name this controller owns in each namespace. */
  readonly objectName: string;
  readonly workers: number;
  readonly sync: (namespace: string, signal: AbortSignal) => Promise<void>;
}

/** Runs a per-namespace controller until `signal` aborts. */
export async function runPerNamespace<T extends KubeObject>(context: ControllerContext, spec: PerNamespaceSpec<T>, signal: AbortSignal): Promise<void> {
  const queue = new RateLimitingQueue<string>({ clock: context.clock });
  const nsName = (ns: Namespace): string => ns.metadata?.name ?? '';
  const onObject = (obj: T | DeletedFinalStateUnknown<T>): void => {
    const o = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
    if (o.metadata?.name === spec.objectName) queue.add(o.metadata.namespace ?? '');
  };
  const nsReg = spec.namespaces.addEventHandler({ onAdd: (ns) => queue.add(nsName(ns)), onUpdate: (_o, ns) => queue.add(nsName(ns)) });
  const objReg = spec.objects.addEventHandler({ onUpdate: (_o, obj) => onObject(obj), onDelete: onObject });
  try {
    if (!(await waitForCacheSync(signal, spec.namespaces, spec.objects))) return;
    await runWorkers(queue, spec.workers, spec.sync, signal);
  } finally {
    nsReg.remove();
    objReg.remove();
    queue.shutDown();
  }
}

/** Whether objects may be created in the namespace: it exists and is not terminating. */
export function isActive(ns: Namespace | undefined): boolean {
  return ns !== undefined && ns.metadata?.deletionTimestamp === undefined && ns.status?.phase !== 'Terminating';
}

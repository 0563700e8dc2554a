// Informer events into the cache and the queue (upstream's eventhandlers.go): assigned pods go
// to the cache, pending pods of our profiles to the queue (and their nominations, set by
// preemption, to the nominator); a node added or changed in a way
// that matters, or a pod assigned or deleted, moves unschedulable pods back to be retried.

import type { Node, Pod } from '../api/types/core/v1/index.ts';
import type { SharedInformer } from '../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../client/informers/store.ts';
import type { Cache } from './framework/cache.ts';
import type { Nominator } from './framework/nominator.ts';
import type { SchedulingQueue } from './framework/queue.ts';

function unwrap<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}

export function isAssigned(pod: Pod): boolean {
  return (pod.spec?.nodeName ?? '') !== '';
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Fields of a Node whose change may make a pod fit (not heartbeats). */
function nodeSchedulingView(n: Node): string {
  return JSON.stringify([n.metadata?.labels, n.spec?.taints, n.spec?.unschedulable, n.status?.allocatable,
    n.status?.conditions?.map((c) => [c.type, c.status]), n.status?.images?.length]);
}

export function registerHandlers(pods: SharedInformer<Pod>, nodes: SharedInformer<Node>, cache: Cache, queue: SchedulingQueue,
  responsible: (pod: Pod) => boolean, nominator: Nominator): void {
  pods.addEventHandler({
    onAdd(pod) {
      if (isAssigned(pod)) {
        nominator.delete(pod);
        if (isTerminal(pod)) return;
        cache.addPod(pod);
        queue.moveAllToActiveOrBackoff();
      } else if (responsible(pod) && !isTerminal(pod) && !pod.metadata?.deletionTimestamp) {
        nominator.set(pod);
        queue.add(pod);
      }
    },
    onUpdate(oldPod, pod) {
      if (isAssigned(pod)) {
        if (!isAssigned(oldPod)) {
          queue.delete(oldPod);
          nominator.delete(oldPod);
        }
        if (isTerminal(pod)) {
          cache.removePod(pod);
          queue.moveAllToActiveOrBackoff();
        } else {
          cache.updatePod(pod);
          if (!isAssigned(oldPod)) queue.moveAllToActiveOrBackoff();
        }
      } else if (responsible(pod)) {
        if (isTerminal(pod) || pod.metadata?.deletionTimestamp) {
          queue.delete(pod);
          nominator.delete(pod);
          return;
        }
        nominator.set(pod);
        if (oldPod.metadata?.resourceVersion !== pod.metadata?.resourceVersion && specOrLabelsChanged(oldPod, pod)) queue.update(pod);
      }
    },
    onDelete(obj) {
      const pod = unwrap(obj);
      if (isAssigned(pod)) {
        cache.removePod(pod);
        queue.moveAllToActiveOrBackoff();
      } else {
        queue.delete(pod);
        nominator.delete(pod);
      }
    },
  });
  nodes.addEventHandler({
    onAdd(node) {
      cache.addNode(node);
      queue.moveAllToActiveOrBackoff();
    },
    onUpdate(oldNode, node) {
      cache.addNode(node);
      if (nodeSchedulingView(oldNode) !== nodeSchedulingView(node)) queue.moveAllToActiveOrBackoff();
    },
    onDelete(obj) {
      cache.removeNode(unwrap(obj).metadata?.name ?? '');
    },
  });
}

/** Status-only updates (our own condition patches) must not requeue the pod at once. */
function specOrLabelsChanged(a: Pod, b: Pod): boolean {
  return JSON.stringify([a.spec, a.metadata?.labels, a.metadata?.annotations]) !== JSON.stringify([b.spec, b.metadata?.labels, b.metadata?.annotations]);
}

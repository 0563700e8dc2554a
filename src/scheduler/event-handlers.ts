// Informer events into the cache and the queue (upstream's eventhandlers.go): assigned pods go
// to the cache, pending pods of our profiles to the queue (and their nominations, set by
// preemption, to the nominator); a node added or changed in a way
// that matters, or a pod assigned or deleted, moves unschedulable pods back to be retried.

import type { Node, Pod } from '../api/types/core/v1/index.ts';
import type { SharedInformer } from '../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../client/informers/store.ts';
import type { KubeObject } from '../client/rest/types.ts';
import type { Cache } from './framework/cache.ts';
import { nodeChanges, type ClusterEvent } from './framework/cluster-events.ts';
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

/** The informers of the objects the volume plugins read. */
export interface VolumeInformers {
  readonly claims: SharedInformer<KubeObject>;
  readonly volumes: SharedInformer<KubeObject>;
  readonly classes: SharedInformer<KubeObject>;
}

export function registerHandlers(pods: SharedInformer<Pod>, nodes: SharedInformer<Node>, cache: Cache, queue: SchedulingQueue,
  responsible: (pod: Pod) => boolean, nominator: Nominator, volumes?: VolumeInformers): void {
  // A claim, volume or class added or changed may let a pod waiting on a volume plugin fit.
  const volumeEvents: [SharedInformer<KubeObject> | undefined, ClusterEvent, ClusterEvent][] = [
    [volumes?.claims, 'PvcAdd', 'PvcUpdate'], [volumes?.volumes, 'PvAdd', 'PvUpdate'], [volumes?.classes, 'StorageClassAdd', 'StorageClassUpdate'],
  ];
  for (const [informer, added, updated] of volumeEvents) {
    informer?.addEventHandler({
      onAdd: (obj) => queue.moveAllToActiveOrBackoff(added, obj),
      onUpdate: (_old, obj) => queue.moveAllToActiveOrBackoff(updated, obj),
      onDelete: () => {},
    });
  }
  pods.addEventHandler({
    onAdd(pod) {
      if (isAssigned(pod)) {
        nominator.delete(pod);
        if (isTerminal(pod)) return;
        cache.addPod(pod);
        queue.moveAllToActiveOrBackoff('AssignedPodAdd');
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
          queue.moveAllToActiveOrBackoff('AssignedPodDelete', pod);
        } else {
          cache.updatePod(pod);
          if (!isAssigned(oldPod)) queue.moveAllToActiveOrBackoff('AssignedPodAdd');
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
        queue.moveAllToActiveOrBackoff('AssignedPodDelete', pod);
      } else {
        queue.delete(pod);
        nominator.delete(pod);
      }
    },
  });
  nodes.addEventHandler({
    onAdd(node) {
      cache.addNode(node);
      queue.moveAllToActiveOrBackoff('NodeAdd');
    },
    onUpdate(oldNode, node) {
      cache.addNode(node);
      for (const event of nodeChanges(oldNode, node)) queue.moveAllToActiveOrBackoff(event);
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

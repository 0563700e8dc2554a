// The ReplicaSet controller's pod event handlers (upstream's addPod/updatePod/deletePod):
// they only settle expectations and enqueue the keys of the ReplicaSets concerned.

import { matches } from '../../api/labels/selector.ts';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { OwnerReference } from '../../api/types/meta/v1/index.ts';
import type { UIDTrackingControllerExpectations } from '../../client/informers/expectations.ts';
import type { Lister } from '../../client/informers/lister.ts';
import type { ResourceEventHandler } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown, metaNamespaceKey } from '../../client/informers/store.ts';
import { controllerRefOf, isPodActive, isPodReady, labelsEqual, selectorOf } from './pod-utils.ts';

export interface PodHandlerDeps {
  readonly rsLister: Lister<ReplicaSet>;
  readonly expectations: UIDTrackingControllerExpectations;
  enqueue(key: string): void;
  enqueueAfter(key: string, ms: number): void;
}

/** The ReplicaSet a controller reference points at, if it exists with that UID. */
export function resolveRef(deps: PodHandlerDeps, namespace: string, ref: OwnerReference | undefined): ReplicaSet | undefined {
  if (ref?.kind !== 'ReplicaSet') return undefined;
  const rs = deps.rsLister.namespace(namespace).get(ref.name);
  return rs?.metadata?.uid === ref.uid ? rs : undefined;
}

/** ReplicaSets whose selector matches an orphan pod (upstream's GetPodReplicaSets). */
export function matchingReplicaSets(lister: Lister<ReplicaSet>, pod: Pod): ReplicaSet[] {
  if ((pod.metadata?.labels ?? undefined) === undefined) return [];
  return lister.namespace(pod.metadata?.namespace ?? '').list().filter((rs) => {
    const sel = selectorOf(rs.spec?.selector);
    return sel !== undefined && matches(sel, pod.metadata?.labels);
  });
}

function podKey(pod: Pod): string {
  return metaNamespaceKey(pod);
}

/**
 * Whether an update of a pod (same controller, same labels) can change what the ReplicaSet's
 * sync computes: whether the pod counts as active (phase, deletion), whether it is ready and
 * since when (readyReplicas, availableReplicas with minReadySeconds).
 */
export function changesForReplicaSet(old: Pod, cur: Pod): boolean {
  const ready = (p: Pod): string => {
    const c = p.status?.conditions?.find((x) => x.type === 'Ready');
    return `${c?.status ?? ''}@${c?.lastTransitionTime ?? ''}`;
  };
  return isPodActive(old) !== isPodActive(cur) || ready(old) !== ready(cur);
}

export function podEventHandler(deps: PodHandlerDeps): ResourceEventHandler<Pod> {
  const ns = (pod: Pod): string => pod.metadata?.namespace ?? '';
  const onDelete = (obj: Pod | DeletedFinalStateUnknown<Pod>): void => {
    const pod = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
    const rs = resolveRef(deps, ns(pod), controllerRefOf(pod));
    if (rs === undefined) return;
    const key = metaNamespaceKey(rs);
    deps.expectations.deletionObservedOf(key, podKey(pod));
    deps.enqueue(key);
  };
  return {
    onAdd(pod) {
      if (pod.metadata?.deletionTimestamp !== undefined) {
        onDelete(pod);
        return;
      }
      const ref = controllerRefOf(pod);
      if (ref !== undefined) {
        const rs = resolveRef(deps, ns(pod), ref);
        if (rs === undefined) return;
        const key = metaNamespaceKey(rs);
        deps.expectations.creationObserved(key);
        deps.enqueue(key);
        return;
      }
      for (const rs of matchingReplicaSets(deps.rsLister, pod)) deps.enqueue(metaNamespaceKey(rs));
    },
    onUpdate(old, cur) {
      if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
      const labelsChanged = !labelsEqual(old.metadata?.labels, cur.metadata?.labels);
      if (cur.metadata?.deletionTimestamp !== undefined) {
        // A graceful delete shows as an update: count it now so a replacement is made at once.
        onDelete(cur);
        if (labelsChanged) onDelete(old);
        return;
      }
      const oldRef = controllerRefOf(old);
      const curRef = controllerRefOf(cur);
      const refChanged = oldRef?.uid !== curRef?.uid;
      if (refChanged && oldRef !== undefined) {
        const rs = resolveRef(deps, ns(old), oldRef);
        if (rs !== undefined) deps.enqueue(metaNamespaceKey(rs));
      }
      if (curRef !== undefined) {
        const rs = resolveRef(deps, ns(cur), curRef);
        if (rs === undefined) return;
        // Nothing the sync reads changed (a binding, a status write that leaves readiness as it
        // was): the sync would end as the last one did, so it is not asked for. At 10,000 pods a
        // sync costs milliseconds and each pod is updated several times on its way to Running.
        if (!refChanged && !labelsChanged && !changesForReplicaSet(old, cur)) return;
        const key = metaNamespaceKey(rs);
        deps.enqueue(key);
        const minReady = rs.spec?.minReadySeconds ?? 0;
        // Availability comes with time, not with an event: look again once it is due.
        if (minReady > 0 && !isPodReady(old) && isPodReady(cur)) deps.enqueueAfter(key, minReady * 1000 + 1000);
        return;
      }
      if (labelsChanged || refChanged) {
        for (const rs of matchingReplicaSets(deps.rsLister, cur)) deps.enqueue(metaNamespaceKey(rs));
      }
    },
    onDelete,
  };
}

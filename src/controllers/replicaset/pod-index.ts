// Pods by controller: an index on the shared pod informer, so a ReplicaSet's sync looks at the
// pods it controls and the orphans of its namespace (the only pods ClaimObjects can keep, adopt
// or release) instead of every pod of the namespace. A pod controlled by someone else is ignored
// by the claim either way, so the answer is the same; the cost is that of the ReplicaSet's own
// pods (a 10,000-pod namespace no longer costs every sync of every ReplicaSet 10,000 pods).

import type { Pod } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { controllerRefOf } from './pod-utils.ts';

export const BY_CONTROLLER = 'replicaset/namespace-controllerUID';

/** `namespace/uid` of the pod's controller; `namespace/` for an orphan. */
function indexValue(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${controllerRefOf(pod)?.uid ?? ''}`;
}

/** Adds the index once, whoever asks first (before the informer runs, or at once over its cache). */
export function indexPodsByController(informer: SharedInformer<Pod>): void {
  if (informer.indexer.hasIndex(BY_CONTROLLER)) return;
  informer.addIndexers({ [BY_CONTROLLER]: (pod) => [indexValue(pod)] });
}

/** Pods of `namespace` whose controller reference has `uid`. */
export function podsControlledBy(informer: SharedInformer<Pod>, namespace: string, uid: string): Pod[] {
  return uid === '' ? [] : informer.indexer.byIndex(BY_CONTROLLER, `${namespace}/${uid}`);
}

/** Pods of `namespace` that have no controller. */
export function orphanPods(informer: SharedInformer<Pod>, namespace: string): Pod[] {
  return informer.indexer.byIndex(BY_CONTROLLER, `${namespace}/`);
}

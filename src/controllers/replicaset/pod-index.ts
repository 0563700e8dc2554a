// Pods by controller: an index on the shared pod informer, so a ReplicaSet's sync finds the
// orphans of its namespace (the only pods besides its own that ClaimObjects can adopt) and, to
// spread a scale-down, the pods of its sibling ReplicaSets, instead of walking every pod of the
// namespace. Its own pods' counts come from the pod tally (pod-tally.ts).

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

// Pods by node: an index on the shared pod informer, added once whoever asks first.

import type { Pod } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';

export const BY_NODE = 'spec.nodeName';

export function indexPodsByNode(informer: SharedInformer<Pod>): void {
  if (informer.indexer.hasIndex(BY_NODE)) return;
  informer.addIndexers({ [BY_NODE]: (pod) => (pod.spec?.nodeName ? [pod.spec.nodeName] : []) });
}

export function podsOnNode(informer: SharedInformer<Pod>, nodeName: string): Pod[] {
  return informer.indexer.byIndex(BY_NODE, nodeName);
}

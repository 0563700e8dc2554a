// NodeName: a pod that names its node (spec.nodeName set before scheduling) fits only there.

import { unresolvable, success } from '../../framework/status.ts';
import type { FilterPlugin } from '../../framework/types.ts';

export const NODE_NAME = 'NodeName';
export const REASON_NODE_NAME = 'node(s) didn\'t match the requested node name';

export function nodeName(): FilterPlugin {
  return {
    name: NODE_NAME,
    filter(_state, pod, node) {
      const wanted = pod.spec?.nodeName ?? '';
      return wanted === '' || wanted === node.name ? success() : unresolvable(REASON_NODE_NAME);
    },
  };
}

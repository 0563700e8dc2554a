// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
// node.kubernetes.io/unschedulable:NoSchedule taint.

import { unresolvable, success } from '../../framework/status.ts';
import type { FilterPlugin } from '../../framework/types.ts';
import { tolerates } from '../helpers/node-selector.ts';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };

export function nodeUnschedulable(): FilterPlugin {
  return {
    name: NODE_UNSCHEDULABLE,
    filter(_state, pod, node) {
      if (!node.unschedulable) return success();
      const ok = (pod.spec?.tolerations ?? []).some((t) => tolerates(t, TAINT));
      return ok ? success() : unresolvable(REASON_UNSCHEDULABLE);
    },
  };
}

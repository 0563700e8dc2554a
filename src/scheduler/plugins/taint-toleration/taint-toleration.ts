// TaintToleration: Filter rejects nodes with a NoSchedule or NoExecute taint the pod does not
// tolerate; Score prefers nodes with fewer untolerated PreferNoSchedule taints (reversed).

import type { Taint, Toleration } from '../../../api/types/core/v1/index.ts';
import { success, unresolvable } from '../../framework/status.ts';
import type { FilterPlugin, ScorePlugin } from '../../framework/types.ts';
import { defaultNormalizeScore } from '../helpers/normalize.ts';
import { tolerates, untoleratedTaint } from '../helpers/node-selector.ts';

export const TAINT_TOLERATION = 'TaintToleration';
const FILTERED_EFFECTS: readonly string[] = ['NoSchedule', 'NoExecute'];

export function taintToleration(): FilterPlugin & ScorePlugin {
  return {
    name: TAINT_TOLERATION,
    filter(_state, pod, node) {
      if (!node.hasTaints) return success();
      const taint = untoleratedTaint(node.taints, pod.spec?.tolerations ?? [], FILTERED_EFFECTS);
      if (taint === undefined) return success();
      return unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
    },
    score(_state, pod, node) {
      if (!node.hasTaints) return 0;
      const prefer = (pod.spec?.tolerations ?? []).filter((t: Toleration) => !t.effect || t.effect === 'PreferNoSchedule');
      return node.taints.filter((taint: Taint) => taint.effect === 'PreferNoSchedule' && !prefer.some((t) => tolerates(t, taint))).length;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(scores, true);
    },
  };
}

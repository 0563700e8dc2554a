// NodeAffinity: Filter enforces spec.nodeSelector and required node affinity; Score adds the
// weights of the preferred terms a node matches, normalized so the best node gets 100.
// PreFilter narrows the nodes when every required term names nodes by metadata.name.

import { success, unresolvable } from '../../framework/status.ts';
import type { FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework/types.ts';
import { defaultNormalizeScore } from '../helpers/normalize.ts';
import { matchesRequiredNodeAffinity, matchesTerm } from '../helpers/node-selector.ts';

export const NODE_AFFINITY = 'NodeAffinity';
export const REASON_NODE_AFFINITY = 'node(s) didn\'t match Pod\'s node affinity/selector';

export function nodeAffinity(): PreFilterPlugin & FilterPlugin & ScorePlugin {
  return {
    name: NODE_AFFINITY,
    preFilter(_state, pod) {
      const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
      if (terms.length === 0) return { status: success() };
      const names = new Set<string>();
      for (const t of terms) {
        const byName = (t.matchFields ?? []).find((f) => f.key === 'metadata.name' && f.operator === 'In');
        if (byName === undefined) return { status: success() };
        for (const v of byName.values ?? []) names.add(v);
      }
      return { status: success(), nodeNames: names };
    },
    filter(_state, pod, node) {
      if (pod.spec?.nodeSelector === undefined && pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution == null) return success();
      return matchesRequiredNodeAffinity(pod, node.node) ? success() : unresolvable(REASON_NODE_AFFINITY);
    },
    score(_state, pod, node) {
      if (pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution === undefined) return 0;
      let total = 0;
      for (const t of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        if (t.weight !== 0 && matchesTerm(t.preference, node.node)) total += t.weight;
      }
      return total;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(scores, false);
    },
  };
}

// NodeAffinity: Filter enforces spec.nodeSelector and required node affinity; Score adds the
// weights of the preferred terms a node matches, normalized so the best node gets 100.
// PreFilter narrows the nodes when every required term names nodes by metadata.name.

import { skip, success, unresolvable } from '../../framework/status.ts';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/types.ts';
import { defaultNormalizeScore } from '../helpers/normalize.ts';
import { matchesRequiredNodeAffinity, matchesTerm } from '../helpers/node-selector.ts';

export const NODE_AFFINITY = 'NodeAffinity';
export const REASON_NODE_AFFINITY = 'node(s) didn\'t match Pod\'s node affinity/selector';

export function nodeAffinity(): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: NODE_AFFINITY,
    preFilter(_state, pod) {
      // As upstream: nothing to check without a nodeSelector or required node affinity.
      const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if ((required === undefined || required === null) && (pod.spec?.nodeSelector === undefined || pod.spec.nodeSelector === null)) return { status: skip() };
      const terms = required?.nodeSelectorTerms ?? [];
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
      return matchesRequiredNodeAffinity(pod, node.node) ? success() : unresolvable(REASON_NODE_AFFINITY);
    },
    // As upstream: without preferred terms every node scores 0, so Score is skipped.
    preScore(_state, pod) {
      return (pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length === 0 ? skip() : success();
    },
    score(_state, pod, node) {
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

// InterPodAffinity. Filter (required terms): the node's domain must hold a pod matching each
// affinity term (unless no pod anywhere matches and the pod matches its own terms: the first of
// a group), must hold no pod matching an anti-affinity term, and no existing pod's required
// anti-affinity may select this pod in the node's domain. Score (preferred terms, and existing
// pods' terms about this pod): weights summed per topology domain, normalized min..max to 0..100.

import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { skip, success, unresolvable, unschedulable } from '../../framework/status.ts';
import { MAX_NODE_SCORE, type FilterPlugin, type Handle, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../framework/types.ts';
import { podTerms, termMatches, tpKey, type AffinityTerm, type PodTerms } from './terms.ts';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const REASON_EXISTING_ANTI_AFFINITY = 'node(s) didn\'t satisfy existing pods anti-affinity rules';
export const REASON_AFFINITY = 'node(s) didn\'t match pod affinity rules';
export const REASON_ANTI_AFFINITY = 'node(s) didn\'t match pod anti-affinity rules';
const PRE_FILTER = 'PreFilterInterPodAffinity';
const PRE_SCORE = 'PreScoreInterPodAffinity';

interface FilterState {
  readonly terms: PodTerms;
  readonly existingAnti: Map<string, number>;
  readonly affinity: Map<string, number>;
  readonly anti: Map<string, number>;
}

function bump(m: Map<string, number>, key: string, by: number): void {
  m.set(key, (m.get(key) ?? 0) + by);
}

function allMatch(terms: readonly AffinityTerm[], pod: Pod, handle: Handle): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, handle));
}

export function interPodAffinity(rawArgs: unknown, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const hardWeight = (rawArgs as { hardPodAffinityWeight?: number } | undefined)?.hardPodAffinityWeight ?? 1;
  return {
    name: INTER_POD_AFFINITY,
    preFilter(state, pod) {
      const terms = podTerms(pod);
      const s: FilterState = { terms, existingAnti: new Map(), affinity: new Map(), anti: new Map() };
      const ownTerms = terms.affinity.length > 0 || terms.antiAffinity.length > 0;
      // Without terms of its own, only nodes whose pods have (anti-)affinity can matter.
      for (const n of ownTerms ? state.snapshot.nodes : state.snapshot.havePodsWithAffinity()) {
        const labels = n.labels;
        for (const existing of n.podsWithAffinity) {
          for (const t of podTerms(existing.pod).antiAffinity) {
            const v = labels[t.topologyKey];
            if (v !== undefined && termMatches(t, pod, handle)) bump(s.existingAnti, tpKey(t.topologyKey, v), 1);
          }
        }
        if (!ownTerms) continue;
        for (const existing of n.pods) {
          if (allMatch(terms.affinity, existing.pod, handle)) {
            for (const t of terms.affinity) {
              const v = labels[t.topologyKey];
              if (v !== undefined) bump(s.affinity, tpKey(t.topologyKey, v), 1);
            }
          }
          for (const t of terms.antiAffinity) {
            const v = labels[t.topologyKey];
            if (v !== undefined && termMatches(t, existing.pod, handle)) bump(s.anti, tpKey(t.topologyKey, v), 1);
          }
        }
      }
      state.write(PRE_FILTER, s);
      if (s.existingAnti.size === 0 && terms.affinity.length === 0 && terms.antiAffinity.length === 0) return { status: skip() };
      return { status: success() };
    },
    filter(state, pod, node) {
      const s = state.read<FilterState>(PRE_FILTER);
      if (s === undefined) return success();
      const labels = node.labels;
      for (const [k, v] of Object.entries(labels)) {
        if ((s.existingAnti.get(tpKey(k, v)) ?? 0) > 0) return unschedulable(REASON_EXISTING_ANTI_AFFINITY);
      }
      let podsExist = true;
      for (const t of s.terms.affinity) {
        const v = labels[t.topologyKey];
        if (v === undefined) return unresolvable(REASON_AFFINITY);
        if ((s.affinity.get(tpKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
      }
      if (!podsExist && !(s.affinity.size === 0 && allMatch(s.terms.affinity, pod, handle))) return unresolvable(REASON_AFFINITY);
      for (const t of s.terms.antiAffinity) {
        const v = labels[t.topologyKey];
        if (v !== undefined && (s.anti.get(tpKey(t.topologyKey, v)) ?? 0) > 0) return unschedulable(REASON_ANTI_AFFINITY);
      }
      return success();
    },
    preScore(state, pod, _nodes) {
      const terms = podTerms(pod);
      const hasPreferred = terms.preferredAffinity.length > 0 || terms.preferredAntiAffinity.length > 0;
      const scores = new Map<string, number>();
      const topologyKeys = new Set<string>();
      const add = (node: NodeInfo, key: string, w: number): void => {
        const v = node.labels[key];
        if (v === undefined || w === 0) return;
        topologyKeys.add(key);
        bump(scores, tpKey(key, v), w);
      };
      for (const n of hasPreferred ? state.snapshot.nodes : state.snapshot.havePodsWithAffinity()) {
        for (const existing of hasPreferred ? n.pods : n.podsWithAffinity) {
          for (const t of terms.preferredAffinity) if (termMatches(t, existing.pod, handle)) add(n, t.topologyKey, t.weight);
          for (const t of terms.preferredAntiAffinity) if (termMatches(t, existing.pod, handle)) add(n, t.topologyKey, -t.weight);
          if (existing.pod.spec?.affinity === undefined) continue;
          const et = podTerms(existing.pod);
          for (const t of et.affinity) if (termMatches(t, pod, handle)) add(n, t.topologyKey, hardWeight);
          for (const t of et.preferredAffinity) if (termMatches(t, pod, handle)) add(n, t.topologyKey, t.weight);
          for (const t of et.preferredAntiAffinity) if (termMatches(t, pod, handle)) add(n, t.topologyKey, -t.weight);
        }
      }
      if (scores.size === 0) return skip();
      state.write(PRE_SCORE, { scores, topologyKeys });
      return success();
    },
    score(state: CycleState, _pod, node) {
      const s = state.read<{ scores: Map<string, number>; topologyKeys: Set<string> }>(PRE_SCORE);
      if (s === undefined) return 0;
      let total = 0;
      for (const key of s.topologyKeys) {
        const v = node.labels[key];
        if (v !== undefined) total += s.scores.get(tpKey(key, v)) ?? 0;
      }
      return total;
    },
    normalizeScore(_state, _pod, scores) {
      let min = Infinity;
      let max = -Infinity;
      for (const s of scores) {
        min = Math.min(min, s.score);
        max = Math.max(max, s.score);
      }
      const diff = max - min;
      for (const s of scores) s.score = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (s.score - min)) / diff) : 0;
    },
  };
}

// PodTopologySpread. Filter (DoNotSchedule constraints): placing the pod on the node must keep
// matchNum(node's domain) + self - min(matchNum over domains) ≤ maxSkew, where the minimum is 0
// while fewer than minDomains domains exist. Score (ScheduleAnyway constraints): fewer matching
// pods in the node's domains is better; raw scores are weighted by log(domains + 2) and
// normalized so the emptiest node gets 100 and nodes missing a topology key get 0.

import type { Selector } from '../../../api/labels/selector.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { matches } from '../../../api/labels/selector.ts';
import type { Pod, TopologySpreadConstraint } from '../../../api/types/core/v1/index.ts';
import { skip, success, unresolvable, unschedulable } from '../../framework/status.ts';
import { MAX_NODE_SCORE, type FilterPlugin, type Handle, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../framework/types.ts';
import { countMatching, hasAllKeys, nodeCounts, podConstraints, SYSTEM_DEFAULT_CONSTRAINTS, type Constraint } from './constraints.ts';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
export const REASON_CONSTRAINTS = 'node(s) didn\'t match pod topology spread constraints';
export const REASON_MISSING_LABEL = 'node(s) didn\'t match pod topology spread constraints (missing required label)';
const HOSTNAME = 'kubernetes.io/hostname';
const PRE_FILTER = 'PreFilterPodTopologySpread';
const PRE_SCORE = 'PreScorePodTopologySpread';
const DEFAULT_SELECTOR = 'PodTopologySpreadDefaultSelector';

export interface SpreadArgs {
  readonly defaultConstraints?: readonly TopologySpreadConstraint[];
  readonly defaultingType?: 'System' | 'List';
}

/** A Handle that can also tell the selector of a pod's owners (for default constraints). */
export interface SpreadHandle extends Handle {
  defaultSpreadSelector?(pod: Pod): Selector | undefined;
}

interface FilterState {
  readonly constraints: Constraint[];
  /** Per constraint: domain value → matching pods. */
  readonly counts: Map<string, number>[];
}

interface ScoreState {
  readonly constraints: Constraint[];
  readonly counts: Map<string, number>[];
  readonly weights: number[];
}

export function podTopologySpread(rawArgs: unknown, h: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const args = rawArgs as SpreadArgs | undefined;
  const handle = h as SpreadHandle;
  const defaults = args?.defaultingType === 'List' ? args.defaultConstraints ?? [] : args?.defaultConstraints ?? SYSTEM_DEFAULT_CONSTRAINTS;
  // The owners' selector costs lookups and parsing: asked for only when some default constraint
  // of the action applies (the system defaults are all ScheduleAnyway), at most once a cycle.
  const hasDefault = {
    DoNotSchedule: defaults.some((c) => c.whenUnsatisfiable === 'DoNotSchedule'),
    ScheduleAnyway: defaults.some((c) => c.whenUnsatisfiable === 'ScheduleAnyway'),
  };
  const constraintsOf = (state: CycleState, pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] => {
    if ((pod.spec?.topologySpreadConstraints ?? []).length > 0 || !hasDefault[action]) return podConstraints(pod, action, defaults, undefined);
    let selector = state.read<{ value: Selector | undefined }>(DEFAULT_SELECTOR);
    if (selector === undefined) {
      selector = { value: handle.defaultSpreadSelector?.(pod) };
      state.write(DEFAULT_SELECTOR, selector);
    }
    return podConstraints(pod, action, defaults, selector.value);
  };
  return {
    name: POD_TOPOLOGY_SPREAD,
    preFilter(state, pod) {
      const constraints = constraintsOf(state, pod, 'DoNotSchedule');
      if (constraints.length === 0) return { status: skip() };
      const counts = constraints.map(() => new Map<string, number>());
      const ns = pod.metadata?.namespace ?? '';
      for (const n of state.snapshot.nodes) {
        if (!hasAllKeys(n, constraints)) continue;
        constraints.forEach((c, i) => {
          if (!nodeCounts(pod, c, n)) return;
          const v = n.labels[c.topologyKey] ?? '';
          counts[i]?.set(v, (counts[i]?.get(v) ?? 0) + countMatching(n, c, ns));
        });
      }
      state.write(PRE_FILTER, { constraints, counts } satisfies FilterState);
      return { status: success() };
    },
    filter(state, pod, node) {
      const s = state.read<FilterState>(PRE_FILTER);
      if (s === undefined) return success();
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i];
        const counts = s.counts[i];
        if (c === undefined || counts === undefined) continue;
        const v = node.labels[c.topologyKey];
        if (v === undefined) return unresolvable(REASON_MISSING_LABEL);
        let min = counts.size === 0 ? 0 : Math.min(...counts.values());
        if (counts.size < c.minDomains) min = 0;
        const self = matches(c.selector, pod.metadata?.labels ?? {}) ? 1 : 0;
        if ((counts.get(v) ?? 0) + self - min > c.maxSkew) return unschedulable(REASON_CONSTRAINTS);
      }
      return success();
    },
    preScore(state, pod, nodes) {
      const constraints = constraintsOf(state, pod, 'ScheduleAnyway');
      if (constraints.length === 0) return skip();
      const domains = constraints.map(() => new Set<string>());
      let scored = false;
      for (const n of nodes) {
        if (!hasAllKeys(n, constraints)) continue;
        scored = true;
        for (let i = 0; i < constraints.length; i++) (domains[i] as Set<string>).add(n.labels[(constraints[i] as Constraint).topologyKey] ?? '');
      }
      // No node has every topology key (a cluster without zone labels, under the system
      // defaults): each would score 0 after normalizing, which is what skipping Score adds.
      if (!scored) return skip();
      const counts = constraints.map(() => new Map<string, number>());
      const ns = pod.metadata?.namespace ?? '';
      for (const n of state.snapshot.nodes) {
        if (!hasAllKeys(n, constraints)) continue;
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i] as Constraint;
          const v = n.labels[c.topologyKey] ?? '';
          if (c.topologyKey !== HOSTNAME && !(domains[i] as Set<string>).has(v)) continue;
          if (!nodeCounts(pod, c, n)) continue;
          const m = counts[i] as Map<string, number>;
          m.set(v, (m.get(v) ?? 0) + countMatching(n, c, ns));
        }
      }
      const weights = domains.map((d) => Math.log(d.size + 2));
      state.write(PRE_SCORE, { constraints, counts, weights } satisfies ScoreState);
      return success();
    },
    score(state, _pod, node) {
      const s = state.read<ScoreState>(PRE_SCORE);
      if (s === undefined || !hasAllKeys(node, s.constraints)) return -1;
      let total = 0;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as Constraint;
        const v = node.labels[c.topologyKey] ?? '';
        const cnt = s.counts[i]?.get(v) ?? 0;
        total += cnt * (s.weights[i] ?? 1) + (c.maxSkew - 1);
      }
      return Math.round(total);
    },
    normalizeScore(_state, _pod, scores) {
      // -1 marks a node without every topology key: it scores 0.
      const valid = scores.filter((s) => s.score >= 0);
      if (valid.length === 0) {
        for (const s of scores) s.score = 0;
        return;
      }
      const min = Math.min(...valid.map((s) => s.score));
      const max = Math.max(...valid.map((s) => s.score));
      for (const s of scores) {
        if (s.score < 0) s.score = 0;
        else s.score = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - s.score)) / max);
      }
    },
  };
}

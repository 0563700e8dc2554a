// NodeResourcesFit: Filter checks the pod's requests (init containers, sidecars and overhead
// included) against what is left of the node's allocatable, plus the pod count; Score applies
// the configured strategy (LeastAllocated by default) to non-zero requests.

import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { podRequests, CPU, MEMORY, PODS, type Resources } from '../../framework/resources.ts';
import { success, unschedulable } from '../../framework/status.ts';
import type { FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework/types.ts';
import { DEFAULT_RESOURCES, strategyScore, type ScoringStrategy } from './scorers.ts';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const STATE_KEY = 'PreFilterNodeResourcesFit';

export interface FitArgs {
  readonly ignoredResources?: readonly string[];
  readonly scoringStrategy?: Partial<{ type: ScoringStrategy['type']; resources: ScoringStrategy['resources']; requestedToCapacityRatio: { shape: { utilization: number; score: number }[] } }>;
}

export function strategyFromArgs(args: FitArgs | undefined): ScoringStrategy {
  const s = args?.scoringStrategy;
  const resources = s?.resources ?? DEFAULT_RESOURCES;
  if (s?.type === 'MostAllocated') return { type: 'MostAllocated', resources };
  if (s?.type === 'RequestedToCapacityRatio') {
    return { type: 'RequestedToCapacityRatio', resources, shape: s.requestedToCapacityRatio?.shape ?? [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }] };
  }
  return { type: 'LeastAllocated', resources };
}

function requestsOf(state: CycleState, pod: Pod): Resources {
  return state.read<Resources>(STATE_KEY) ?? podRequests(pod);
}

export function nodeResourcesFit(rawArgs: unknown): PreFilterPlugin & FilterPlugin & ScorePlugin {
  const args = rawArgs as FitArgs | undefined;
  const ignored = new Set(args?.ignoredResources ?? []);
  const strategy = strategyFromArgs(args);
  return {
    name: NODE_RESOURCES_FIT,
    preFilter(state, pod) {
      state.write(STATE_KEY, podRequests(pod));
      return { status: success() };
    },
    filter(state, pod, node) {
      const req = requestsOf(state, pod);
      const reasons: string[] = [];
      const allowedPods = node.allocatable[PODS] ?? 0;
      if (node.pods.length + 1 > allowedPods) reasons.push('Too many pods');
      for (const [name, amount] of Object.entries(req)) {
        if (amount <= 0 || name === PODS || ignored.has(name)) continue;
        const free = (node.allocatable[name] ?? 0) - (node.requested[name] ?? 0);
        if (amount > free) reasons.push(`Insufficient ${name}`);
      }
      return reasons.length === 0 ? success() : unschedulable(...reasons);
    },
    score(state, pod, node) {
      const nonZero = podRequests(pod, true);
      const req = strategy.resources.map((r) => {
        const own = r.name === CPU || r.name === MEMORY ? nonZero[r.name] ?? 0 : requestsOf(state, pod)[r.name] ?? 0;
        const used = r.name === CPU || r.name === MEMORY ? node.nonZeroRequested[r.name] ?? 0 : node.requested[r.name] ?? 0;
        return own + used;
      });
      return strategyScore(strategy, req, strategy.resources.map((r) => node.allocatable[r.name] ?? 0));
    },
  };
}

// NodeResourcesFit: Filter checks the pod's requests (init containers, sidecars and overhead
// included) against what is left of the node's allocatable, plus the pod count; Score applies
// the configured strategy (LeastAllocated by default) to non-zero requests.

import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { podRequests, CPU, MEMORY, PODS } from '../../framework/resources.ts';
import { success, unschedulable } from '../../framework/status.ts';
import type { FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework/types.ts';
import { DEFAULT_RESOURCES, resourceScore, type ScoringStrategy } from './scorers.ts';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const STATE_KEY = 'PreFilterNodeResourcesFit';
const SCORE_KEY = 'PreScoreNodeResourcesFit';

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

/** What PreFilter works out once per cycle: the requests Filter checks, as parallel lists. */
interface FitState {
  readonly names: readonly string[];
  readonly amounts: readonly number[];
}

/** The pod's own share of each scored resource (non-zero defaults for cpu and memory), once per cycle. */
interface ScoreState {
  readonly own: readonly number[];
}

function computeFitState(pod: Pod, ignored: ReadonlySet<string>): FitState {
  const checked = Object.entries(podRequests(pod)).filter(([name, amount]) => amount > 0 && name !== PODS && !ignored.has(name));
  return { names: checked.map(([name]) => name), amounts: checked.map(([, amount]) => amount) };
}

/** PreFilter's result, or (Filter run without PreFilter) worked out now and kept. */
function fitState(state: CycleState, pod: Pod, ignored: ReadonlySet<string>): FitState {
  let s = state.read<FitState>(STATE_KEY);
  if (s === undefined) {
    s = computeFitState(pod, ignored);
    state.write(STATE_KEY, s);
  }
  return s;
}

export function nodeResourcesFit(rawArgs: unknown): PreFilterPlugin & FilterPlugin & ScorePlugin {
  const args = rawArgs as FitArgs | undefined;
  const ignored = new Set(args?.ignoredResources ?? []);
  const strategy = strategyFromArgs(args);
  const names = strategy.resources.map((r) => r.name);
  const weights = strategy.resources.map((r) => r.weight);
  const nonZeroKind = names.map((name) => name === CPU || name === MEMORY);
  const scoreState = (state: CycleState, pod: Pod): ScoreState => {
    let s = state.read<ScoreState>(SCORE_KEY);
    if (s === undefined) {
      const nonZero = podRequests(pod, true);
      const req = podRequests(pod);
      s = { own: names.map((name, i) => (nonZeroKind[i] ? nonZero[name] : req[name]) ?? 0) };
      state.write(SCORE_KEY, s);
    }
    return s;
  };
  return {
    name: NODE_RESOURCES_FIT,
    preFilter(state, pod) {
      state.write(STATE_KEY, computeFitState(pod, ignored));
      return { status: success() };
    },
    filter(state, pod, node) {
      const s = fitState(state, pod, ignored);
      let reasons: string[] | undefined;
      if (node.podCount + 1 > node.allowedPodNumber) reasons = ['Too many pods'];
      for (let i = 0; i < s.names.length; i++) {
        const name = s.names[i] as string;
        const free = name === CPU ? node.allocatableMilliCPU - node.requestedMilliCPU
          : name === MEMORY ? node.allocatableMemory - node.requestedMemory
            : (node.allocatable[name] ?? 0) - (node.requested[name] ?? 0);
        if ((s.amounts[i] as number) > free) (reasons ??= []).push(`Insufficient ${name}`);
      }
      return reasons === undefined ? success() : unschedulable(...reasons);
    },
    score(state, pod, node) {
      // The weighted average over the scored resources; those the node lacks are left out.
      const { own } = scoreState(state, pod);
      let total = 0;
      let weightSum = 0;
      for (let i = 0; i < names.length; i++) {
        const name = names[i] as string;
        const cap = name === CPU ? node.allocatableMilliCPU : name === MEMORY ? node.allocatableMemory : node.allocatable[name] ?? 0;
        if (cap === 0) continue;
        const used = name === CPU ? node.nonZeroMilliCPU : name === MEMORY ? node.nonZeroMemory : node.requested[name] ?? 0;
        const req = (own[i] as number) + used;
        const w = weights[i] as number;
        total += resourceScore(strategy, req, cap) * w;
        weightSum += w;
      }
      return weightSum === 0 ? 0 : Math.trunc(total / weightSum);
    },
  };
}

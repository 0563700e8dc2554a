// NodeResourcesFit: Filter checks the pod's requests (init containers, sidecars and overhead
// included) against what is left of the node's allocatable, plus the pod count; Score applies
// the configured strategy (LeastAllocated by default) to non-zero requests.

import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { podRequests, CPU, MEMORY, PODS } from '../../framework/resources.ts';
import { success, unschedulable } from '../../framework/status.ts';
import type { FilterPlugin, PreFilterPlugin, ScorePlugin } from '../../framework/types.ts';
import { DEFAULT_RESOURCES, strategyScore, type ScoringStrategy } from './scorers.ts';

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

/** What PreFilter works out once per cycle: the requests Filter checks, as a list. */
interface FitState {
  readonly checked: readonly (readonly [string, number])[];
}

/** The pod's own share of each scored resource (non-zero defaults for cpu and memory), once per cycle. */
interface ScoreState {
  readonly own: readonly number[];
}

function computeFitState(pod: Pod, ignored: ReadonlySet<string>): FitState {
  return { checked: Object.entries(podRequests(pod)).filter(([name, amount]) => amount > 0 && name !== PODS && !ignored.has(name)) };
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
  const nonZeroKind = strategy.resources.map((r) => r.name === CPU || r.name === MEMORY);
  const scoreState = (state: CycleState, pod: Pod): ScoreState => {
    let s = state.read<ScoreState>(SCORE_KEY);
    if (s === undefined) {
      const nonZero = podRequests(pod, true);
      const req = podRequests(pod);
      s = { own: strategy.resources.map((r, i) => (nonZeroKind[i] ? nonZero[r.name] : req[r.name]) ?? 0) };
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
      const { checked } = fitState(state, pod, ignored);
      let reasons: string[] | undefined;
      const allowedPods = node.allocatable[PODS] ?? 0;
      if (node.pods.length + 1 > allowedPods) reasons = ['Too many pods'];
      for (const [name, amount] of checked) {
        const free = (node.allocatable[name] ?? 0) - (node.requested[name] ?? 0);
        if (amount > free) (reasons ??= []).push(`Insufficient ${name}`);
      }
      return reasons === undefined ? success() : unschedulable(...reasons);
    },
    score(state, pod, node) {
      const { own } = scoreState(state, pod);
      const req: number[] = [];
      const alloc: number[] = [];
      strategy.resources.forEach((r, i) => {
        const used = nonZeroKind[i] ? node.nonZeroRequested[r.name] ?? 0 : node.requested[r.name] ?? 0;
        req.push((own[i] ?? 0) + used);
        alloc.push(node.allocatable[r.name] ?? 0);
      });
      return strategyScore(strategy, req, alloc);
    },
  };
}

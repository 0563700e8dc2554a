// NodeResourcesBalancedAllocation: prefers nodes where, with the pod added, the used fractions
// of cpu and memory are close to each other: (1 - standard deviation) × 100. Best-effort pods
// (no requests at all) skip it.

import { CPU, MEMORY, podRequests } from '../../framework/resources.ts';
import { skip, success } from '../../framework/status.ts';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../../framework/types.ts';
import { DEFAULT_RESOURCES, type ResourceSpec } from './scorers.ts';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
const STATE_KEY = 'PreScoreNodeResourcesBalancedAllocation';

/** The score of the first `count` fractions (all of them by default). */
export function balancedScore(fractions: readonly number[], count = fractions.length): number {
  let std = 0;
  if (count === 2) {
    std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  } else if (count > 2) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += fractions[i] ?? 0;
    const mean = sum / count;
    let sq = 0;
    for (let i = 0; i < count; i++) sq += ((fractions[i] ?? 0) - mean) ** 2;
    std = Math.sqrt(sq / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function balancedAllocation(rawArgs: unknown): PreScorePlugin & ScorePlugin {
  const resources = (rawArgs as { resources?: ResourceSpec[] } | undefined)?.resources ?? DEFAULT_RESOURCES;
  const names = resources.map((r) => r.name);
  // Scratch space reused by every Score call (they never overlap: scoring is synchronous).
  const fractions: number[] = [];
  return {
    name: BALANCED_ALLOCATION,
    preScore(state, pod) {
      const req = podRequests(pod);
      const own = names.map((name) => req[name] ?? 0);
      if (own.every((v) => v === 0)) return skip();
      state.write(STATE_KEY, own);
      return success();
    },
    score(state, pod, node) {
      const own = state.read<readonly number[]>(STATE_KEY) ?? names.map((name) => podRequests(pod)[name] ?? 0);
      let count = 0;
      for (let i = 0; i < names.length; i++) {
        const name = names[i] as string;
        const cap = name === CPU ? node.allocatableMilliCPU : name === MEMORY ? node.allocatableMemory : node.allocatable[name] ?? 0;
        if (cap === 0) continue;
        const used = name === CPU ? node.requestedMilliCPU : name === MEMORY ? node.requestedMemory : node.requested[name] ?? 0;
        fractions[count++] = Math.min(1, (used + (own[i] as number)) / cap);
      }
      return balancedScore(fractions, count);
    },
  };
}

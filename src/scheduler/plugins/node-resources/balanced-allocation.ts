// NodeResourcesBalancedAllocation: prefers nodes where, with the pod added, the used fractions
// of cpu and memory are close to each other: (1 - standard deviation) × 100. Best-effort pods
// (no requests at all) skip it.

import { podRequests } from '../../framework/resources.ts';
import { skip, success } from '../../framework/status.ts';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../../framework/types.ts';
import { DEFAULT_RESOURCES, type ResourceSpec } from './scorers.ts';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

export function balancedScore(fractions: readonly number[]): number {
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function balancedAllocation(rawArgs: unknown): PreScorePlugin & ScorePlugin {
  const resources = (rawArgs as { resources?: ResourceSpec[] } | undefined)?.resources ?? DEFAULT_RESOURCES;
  return {
    name: BALANCED_ALLOCATION,
    preScore(_state, pod) {
      const req = podRequests(pod);
      return resources.every((r) => (req[r.name] ?? 0) === 0) ? skip() : success();
    },
    score(_state, pod, node) {
      const req = podRequests(pod);
      const fractions: number[] = [];
      for (const r of resources) {
        const cap = node.allocatable[r.name] ?? 0;
        if (cap === 0) continue;
        fractions.push(Math.min(1, ((node.requested[r.name] ?? 0) + (req[r.name] ?? 0)) / cap));
      }
      return balancedScore(fractions);
    },
  };
}

// The resource scoring strategies of NodeResourcesFit (upstream's scoringStrategy): per
// resource a 0..100 score from requested and allocatable, averaged by the resources' weights.
// Resources the node does not have (allocatable 0) are left out.

import { MAX_NODE_SCORE } from '../../framework/types.ts';

export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

export interface UtilizationShapePoint {
  readonly utilization: number;
  /** 0..10, scaled to 0..100. */
  readonly score: number;
}

export type ScoringStrategy =
  | { readonly type: 'LeastAllocated'; readonly resources: readonly ResourceSpec[] }
  | { readonly type: 'MostAllocated'; readonly resources: readonly ResourceSpec[] }
  | { readonly type: 'RequestedToCapacityRatio'; readonly resources: readonly ResourceSpec[]; readonly shape: readonly UtilizationShapePoint[] };

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

export function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function mostRequested(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

/** Piecewise-linear in utilization (percent), through the shape's points. */
export function shapeScore(shape: readonly UtilizationShapePoint[], requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  const u = Math.min(100, Math.trunc((requested * 100) / capacity));
  const pts = shape.map((p) => ({ x: p.utilization, y: p.score * (MAX_NODE_SCORE / 10) }));
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first === undefined || last === undefined) return 0;
  if (u <= first.x) return first.y;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (a === undefined || b === undefined) continue;
    if (u <= b.x) return Math.trunc(a.y + ((b.y - a.y) * (u - a.x)) / (b.x - a.x));
  }
  return last.y;
}

/** One resource's 0..100 score under the strategy. */
export function resourceScore(s: ScoringStrategy, requested: number, capacity: number): number {
  return s.type === 'LeastAllocated' ? leastRequested(requested, capacity) : s.type === 'MostAllocated' ? mostRequested(requested, capacity) : shapeScore(s.shape, requested, capacity);
}

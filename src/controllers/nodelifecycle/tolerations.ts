// When a pod must leave a node with NoExecute taints (upstream's taint eviction controller):
// at once if some NoExecute taint is not tolerated; never if every matching toleration is
// forever (no tolerationSeconds); otherwise after the shortest tolerationSeconds of the
// tolerations in use, counted from when the controller first saw the pod tainted. Pure.

import type { Pod, Taint, Toleration } from '../../api/types/core/v1/index.ts';

/** toleration.ToleratesTaint: key (empty with Exists matches all), operator, value and effect. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && (toleration.effect as string) !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

export type EvictionDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'now' }
  | { readonly kind: 'after'; readonly delayMs: number };

/** What the node's NoExecute taints mean for `pod`. */
export function evictionDecision(pod: Pod, taints: readonly Taint[]): EvictionDecision {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return { kind: 'none' };
  const tolerations = pod.spec?.tolerations ?? [];
  let minSeconds = Infinity;
  for (const taint of noExecute) {
    const used = tolerations.filter((t) => tolerates(t, taint));
    if (used.length === 0) return { kind: 'now' };
    for (const t of used) {
      const seconds = t.tolerationSeconds;
      if (seconds !== undefined && seconds !== null) minSeconds = Math.min(minSeconds, Math.max(0, seconds));
    }
  }
  if (minSeconds === Infinity) return { kind: 'none' };
  return minSeconds <= 0 ? { kind: 'now' } : { kind: 'after', delayMs: minSeconds * 1000 };
}

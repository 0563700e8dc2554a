// Node selection rules shared by NodeAffinity, PodTopologySpread and preemption: a pod's
// nodeSelector and required node affinity, and taint toleration (upstream's component-helpers).

import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from '../../../api/types/core/v1/index.ts';

const INTEGER = /^[+-]?\d{1,19}$/;

export function matchesRequirement(r: NodeSelectorRequirement, values: Readonly<Record<string, string>>): boolean {
  const v = values[r.key];
  const list = r.values ?? [];
  switch (r.operator) {
    case 'In': return v !== undefined && list.includes(v);
    case 'NotIn': return v === undefined || !list.includes(v);
    case 'Exists': return v !== undefined;
    case 'DoesNotExist': return v === undefined;
    case 'Gt':
    case 'Lt': {
      // Both sides must be whole decimal integers (Go's strconv.ParseInt): "12abc" is no number.
      const b = list[0] ?? '';
      if (v === undefined || list.length !== 1 || !INTEGER.test(v) || !INTEGER.test(b)) return false;
      return r.operator === 'Gt' ? BigInt(v) > BigInt(b) : BigInt(v) < BigInt(b);
    }
    default: return false;
  }
}

/** A term matches when all its expressions and fields do; an empty term matches nothing. */
export function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  const fieldValues = { 'metadata.name': node.metadata?.name ?? '' };
  return exprs.every((r) => matchesRequirement(r, labels)) && fields.every((r) => matchesRequirement(r, fieldValues));
}

export function matchesAnyTerm(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => matchesTerm(t, node));
}

/** The pod's nodeSelector and requiredDuringScheduling node affinity both hold on the node. */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined || required === null) return true;
  return matchesAnyTerm(required.nodeSelectorTerms ?? [], node);
}

/** upstream's ToleratesTaint: an empty effect or key matches any; an empty operator means Equal. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal': return (t.value ?? '') === (taint.value ?? '');
    case 'Exists': return true;
    default: return false;
  }
}

/** The first taint with one of `effects` that no toleration tolerates. */
export function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

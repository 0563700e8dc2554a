// Pod affinity terms made ready to match (upstream's framework.AffinityTerm): the label selector
// (with matchLabelKeys/mismatchLabelKeys taken from the pod that owns the term), and the
// namespaces it covers: the listed ones plus those matching namespaceSelector, or the owner's
// own namespace when neither is given.

import { addRequirements, fromLabelSelector, matches, NOTHING, type Selector } from '../../../api/labels/selector.ts';
import type { Pod, PodAffinityTerm } from '../../../api/types/core/v1/index.ts';
import type { Handle } from '../../framework/types.ts';

export interface AffinityTerm {
  readonly selector: Selector;
  readonly namespaces: ReadonlySet<string>;
  /** undefined: no namespace selector; NOTHING-free selector otherwise. */
  readonly namespaceSelector: Selector | undefined;
  readonly topologyKey: string;
  readonly weight: number;
}

function selectorOf(ls: PodAffinityTerm['labelSelector']): Selector {
  const r = fromLabelSelector(ls as Parameters<typeof fromLabelSelector>[0]);
  return r.ok ? r.value : NOTHING;
}

export function affinityTerm(owner: Pod, term: PodAffinityTerm, weight = 1): AffinityTerm {
  let selector = selectorOf(term.labelSelector);
  const labels = owner.metadata?.labels ?? {};
  if (term.labelSelector !== undefined && term.labelSelector !== null) {
    for (const key of term.matchLabelKeys ?? []) {
      const v = labels[key];
      if (v !== undefined) selector = addRequirements(selector, { key, operator: 'in', values: [v] });
    }
    for (const key of term.mismatchLabelKeys ?? []) {
      const v = labels[key];
      if (v !== undefined) selector = addRequirements(selector, { key, operator: 'notin', values: [v] });
    }
  }
  const namespaces = new Set(term.namespaces ?? []);
  const nsSel = term.namespaceSelector === undefined || term.namespaceSelector === null ? undefined : selectorOf(term.namespaceSelector);
  if (namespaces.size === 0 && nsSel === undefined) namespaces.add(owner.metadata?.namespace ?? '');
  return { selector, namespaces, namespaceSelector: nsSel, topologyKey: term.topologyKey, weight };
}

/** Does the term (of some pod) select `pod`? */
export function termMatches(term: AffinityTerm, pod: Pod, handle: Handle): boolean {
  const ns = pod.metadata?.namespace ?? '';
  let nsOk = term.namespaces.has(ns);
  if (!nsOk && term.namespaceSelector !== undefined) {
    nsOk = matches(term.namespaceSelector, handle.namespace(ns)?.metadata?.labels ?? {});
  }
  return nsOk && matches(term.selector, pod.metadata?.labels ?? {});
}

export interface PodTerms {
  readonly affinity: AffinityTerm[];
  readonly antiAffinity: AffinityTerm[];
  readonly preferredAffinity: AffinityTerm[];
  readonly preferredAntiAffinity: AffinityTerm[];
}

export function podTerms(pod: Pod): PodTerms {
  const a = pod.spec?.affinity;
  return {
    affinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
    antiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t)),
    preferredAffinity: (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t.podAffinityTerm, t.weight)),
    preferredAntiAffinity: (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t.podAffinityTerm, t.weight)),
  };
}

/** "key=value", the counting key of a topology domain. */
export function tpKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

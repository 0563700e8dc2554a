// The selector PodTopologySpread's default constraints count with (upstream's
// helper.DefaultSelector): the requirements of every Service whose selector matches the pod,
// plus the selectors of the ReplicaSet or StatefulSet that owns it. NOTHING when none apply.

import { addRequirements, EVERYTHING, fromLabelSelector, matches, NOTHING, selectorFromSet, type Selector } from '../api/labels/selector.ts';
import type { Pod, Service } from '../api/types/core/v1/index.ts';
import type { Lister } from '../client/informers/lister.ts';
import type { KubeObject } from '../client/rest/types.ts';

interface WithSelector extends KubeObject {
  spec?: { selector?: unknown };
}

export interface SelectorListers {
  readonly services: Lister<Service>;
  readonly replicaSets: Lister<WithSelector>;
  readonly statefulSets: Lister<WithSelector>;
}

function merge(into: Selector, add: Selector): Selector {
  if (add.kind === 'nothing') return into;
  if (add.requirements.length === 0) return into;
  // Both are sorted by key: adding to no requirements gives `add` itself.
  return into.kind === 'requirements' && into.requirements.length === 0 ? add : addRequirements(into, ...add.requirements);
}

/**
 * The last owner whose selector was parsed, and the result: its pods come one after another,
 * and an object's selector never changes (informers replace objects, never mutate them).
 */
let lastOwner: WithSelector | undefined;
let lastOwnerSelector: ReturnType<typeof fromLabelSelector> | undefined;

function ownerSelector(owner: WithSelector): ReturnType<typeof fromLabelSelector> {
  if (owner !== lastOwner || lastOwnerSelector === undefined) {
    lastOwnerSelector = fromLabelSelector(owner.spec?.selector as Parameters<typeof fromLabelSelector>[0]);
    lastOwner = owner;
  }
  return lastOwnerSelector;
}

export function defaultSelector(pod: Pod, l: SelectorListers): Selector {
  const ns = pod.metadata?.namespace ?? '';
  const labels = pod.metadata?.labels ?? {};
  let sel: Selector = EVERYTHING;
  let found = false;
  for (const svc of l.services.namespace(ns).list()) {
    const s = svc.spec?.selector;
    if (s === undefined || Object.keys(s).length === 0) continue;
    const set = selectorFromSet(s);
    if (!matches(set, labels)) continue;
    sel = merge(sel, set);
    found = true;
  }
  for (const ref of pod.metadata?.ownerReferences ?? []) {
    if (ref.controller !== true) continue;
    const lister = ref.kind === 'ReplicaSet' ? l.replicaSets : ref.kind === 'StatefulSet' ? l.statefulSets : undefined;
    const owner = lister?.namespace(ns).get(ref.name);
    if (owner === undefined) continue;
    const r = ownerSelector(owner);
    if (!r.ok) continue;
    sel = merge(sel, r.value);
    found = true;
  }
  return found ? sel : NOTHING;
}

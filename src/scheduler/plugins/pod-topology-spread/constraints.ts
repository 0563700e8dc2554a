// The topology spread constraints that apply to a pod (upstream's podtopologyspread/common.go):
// its own, or the profile's default constraints (whose selector comes from the pod's owning
// Services, ReplicaSets, StatefulSets and ReplicationControllers) when it has none. Also which
// nodes count as domains under nodeAffinityPolicy (Honor by default) and nodeTaintsPolicy
// (Ignore by default).

import { addRequirements, fromLabelSelector, matches, NOTHING, type Selector } from '../../../api/labels/selector.ts';
import type { Pod, TopologySpreadConstraint } from '../../../api/types/core/v1/index.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { matchesRequiredNodeAffinity, untoleratedTaint } from '../helpers/node-selector.ts';

export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly honorAffinity: boolean;
  readonly honorTaints: boolean;
}

export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

function build(pod: Pod, c: TopologySpreadConstraint, selector: Selector): Constraint {
  let sel = selector;
  const labels = pod.metadata?.labels ?? {};
  for (const key of c.matchLabelKeys ?? []) {
    const v = labels[key];
    if (v !== undefined) sel = addRequirements(sel, { key, operator: 'in', values: [v] });
  }
  return {
    maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: sel, minDomains: c.minDomains ?? 1,
    honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor', honorTaints: c.nodeTaintsPolicy === 'Honor',
  };
}

/**
 * The constraints of `action`; `defaults` apply only when the pod has no constraints at all,
 * with `defaultSelector` (undefined or NOTHING: the defaults are skipped).
 */
export function podConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway', defaults: readonly TopologySpreadConstraint[],
  defaultSelector: Selector | undefined): Constraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0) {
    return own.filter((c) => c.whenUnsatisfiable === action).map((c) => {
      const r = fromLabelSelector(c.labelSelector as Parameters<typeof fromLabelSelector>[0]);
      return build(pod, c, r.ok ? r.value : NOTHING);
    });
  }
  if (defaultSelector === undefined || defaultSelector.kind === 'nothing') return [];
  return defaults.filter((c) => c.whenUnsatisfiable === action).map((c) => build(pod, c, defaultSelector));
}

/** Is the node one of the domains counted for `c` (policies, and has the topology key)? */
export function nodeCounts(pod: Pod, c: Constraint, node: NodeInfo): boolean {
  if (c.honorAffinity && !matchesRequiredNodeAffinity(pod, node.node)) return false;
  if (c.honorTaints && untoleratedTaint(node.node.spec?.taints ?? [], pod.spec?.tolerations ?? [], ['NoSchedule', 'NoExecute']) !== undefined) return false;
  return true;
}

export function hasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  // A plain loop: this runs for every node, several times a cycle.
  for (let i = 0; i < constraints.length; i++) {
    if (node.labels[(constraints[i] as Constraint).topologyKey] === undefined) return false;
  }
  return true;
}

/** Pods on the node in the pod's namespace, not terminating, matching the selector. */
export function countMatching(node: NodeInfo, c: Constraint, namespace: string): number {
  let n = 0;
  for (const p of node.pods) {
    const meta = p.pod.metadata;
    if ((meta?.namespace ?? '') !== namespace || meta?.deletionTimestamp) continue;
    if (matches(c.selector, meta?.labels ?? {})) n++;
  }
  return n;
}

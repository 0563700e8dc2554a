// The node health rules of upstream's node lifecycle controller (tryUpdateNodeHealth and the
// tainting passes), as pure functions of what was observed and `now`. A node is healthy while
// its kubelet's heartbeats keep arriving: the Ready condition's heartbeat or the node's Lease
// renewTime changing. The time of a heartbeat is when *we* saw it change, never the kubelet's
// clock, so clock skew between machines does not matter.

import type { Lease } from '../../api/types/coordination/v1/index.ts';
import type { Node, NodeCondition, Taint } from '../../api/types/core/v1/index.ts';
import { formatTime } from './resources.ts';

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
/** The conditions the kubelet owns and the controller turns Unknown when it goes silent. */
export const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export interface NodeHealth {
  /** When we last saw a heartbeat (ms, our clock). */
  readonly probeTimestamp: number;
  readonly readyHeartbeat: string | undefined;
  readonly leaseRenewTime: string | undefined;
}

export function readyCondition(node: Node | undefined): NodeCondition | undefined {
  return node?.status?.conditions?.find((c) => c.type === 'Ready');
}

/**
 * The health record after observing `node` and its `lease` at `now`: the probe time moves to
 * `now` when this is the first observation or when either heartbeat changed.
 */
export function observeHealth(previous: NodeHealth | undefined, node: Node, lease: Lease | undefined, now: number): NodeHealth {
  const readyHeartbeat = readyCondition(node)?.lastHeartbeatTime;
  const leaseRenewTime = lease?.spec?.renewTime;
  if (previous === undefined) return { probeTimestamp: now, readyHeartbeat, leaseRenewTime };
  const beat = previous.readyHeartbeat !== readyHeartbeat || (leaseRenewTime !== undefined && previous.leaseRenewTime !== leaseRenewTime);
  return { probeTimestamp: beat ? now : previous.probeTimestamp, readyHeartbeat, leaseRenewTime };
}

/**
 * The conditions to write once the grace period has passed without a heartbeat: every
 * kubelet-owned condition not yet Unknown becomes Unknown (reason NodeStatusUnknown, or
 * NodeStatusNeverUpdated for one the kubelet never posted). Undefined when nothing changes.
 */
export function silentNodeConditions(node: Node, health: NodeHealth, gracePeriodMs: number, now: number): NodeCondition[] | undefined {
  if (now <= health.probeTimestamp + gracePeriodMs) return undefined;
  const stamp = formatTime(now);
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of KUBELET_CONDITIONS) {
    const i = conditions.findIndex((c) => c.type === type);
    const old = conditions[i];
    if (old === undefined) {
      conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata?.creationTimestamp ?? stamp, lastTransitionTime: stamp });
      changed = true;
    } else if (old.status !== 'Unknown') {
      conditions[i] = { ...old, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: stamp };
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

/** The NoSchedule and NoExecute taint keys the Ready condition calls for (none while Ready=True). */
export function healthTaintKey(node: Node): string | undefined {
  const ready = readyCondition(node);
  if (ready === undefined || ready.status === 'Unknown') return TAINT_UNREACHABLE;
  if (ready.status === 'False') return TAINT_NOT_READY;
  return undefined;
}

function isHealthTaint(taint: Taint): boolean {
  return (taint.key === TAINT_UNREACHABLE || taint.key === TAINT_NOT_READY) && (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute');
}

/**
 * The node's taints with the health taints made to match its Ready condition. NoSchedule
 * always follows at once; the NoExecute taint is added only when `addNoExecute` (the zone's rate
 * limiter allowed it) but is removed or swapped at once, and `dropNoExecute` removes it (every
 * zone is fully disrupted: the control plane is more likely cut off than every node dead).
 * Undefined when nothing changes.
 */
export function reconcileHealthTaints(node: Node, addNoExecute: boolean, now: number, dropNoExecute = false): Taint[] | undefined {
  const key = healthTaintKey(node);
  const current = node.spec?.taints ?? [];
  const hasNoExecute = current.some((t) => t.key === key && t.effect === 'NoExecute');
  const wantNoExecute = key !== undefined && !dropNoExecute && (hasNoExecute || addNoExecute);
  const next = current.filter((t) => !isHealthTaint(t) || (t.key === key && (t.effect === 'NoSchedule' || wantNoExecute)));
  if (key !== undefined && !next.some((t) => t.key === key && t.effect === 'NoSchedule')) next.push({ key, effect: 'NoSchedule' });
  if (wantNoExecute && !next.some((t) => t.key === key && t.effect === 'NoExecute')) next.push({ key, effect: 'NoExecute', timeAdded: formatTime(now) });
  const same = next.length === current.length && next.every((t, i) => t === current[i]);
  return same ? undefined : next;
}

/** Whether the node needs a NoExecute health taint it does not have yet. */
export function wantsNoExecuteTaint(node: Node): boolean {
  const key = healthTaintKey(node);
  return key !== undefined && !(node.spec?.taints ?? []).some((t) => t.key === key && t.effect === 'NoExecute');
}

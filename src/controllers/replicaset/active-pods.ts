// Which pods a ReplicaSet deletes first when it has too many (upstream 1.33's
// ActivePodsWithRanks with the PodDeletionCost and LogarithmicScaleDown gates on). The pods
// earliest in the order are the cheapest to lose: not yet scheduled, not yet running, not
// ready, cheaper by annotation, doubled up on a node, ready for less time, restarting more,
// newer.

import type { Pod } from '../../api/types/core/v1/index.ts';
import { creationMs, isPodActive, isPodReady, maxContainerRestarts, podReadyTime } from './pod-utils.ts';

/** The annotation users set to steer scale-down (lower goes first). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function phaseOrdinal(pod: Pod): number {
  return PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;
}

function deletionCost(pod: Pod): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (text === undefined || !/^[-+]?\d+$/.test(text.trim())) return 0;
  return Number(text.trim());
}

/** floor(log2(age in ns)), or -1 for no age: timestamps a factor of two apart rank apart. */
function logRank(t: number, nowMs: number): number {
  const ns = (nowMs - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Negative when a's time should go first: unset < later < earlier (upstream's afterOrZero). */
function compareTimes(a: number | undefined, b: number | undefined, nowMs: number | undefined, uidA: string, uidB: string): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (nowMs === undefined) return a > b ? -1 : 1;
  const diff = logRank(a, nowMs) - logRank(b, nowMs);
  if (diff === 0) return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
  return diff;
}

/**
 * A pod with what the deletion order compares, read once: a scale-down sorts thousands of pods,
 * and parsing timestamps and annotations inside the comparator did it O(n log n) times.
 */
export interface RankedPod {
  readonly pod: Pod;
  /** How many related active pods share the pod's node; more goes first. */
  readonly rank: number;
  readonly node: string;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly uid: string;
  readonly readyMs: number | undefined;
  readonly restarts: number;
  readonly createdMs: number | undefined;
}

export function rankedPod(pod: Pod, rank: number): RankedPod {
  const ready = isPodReady(pod);
  return {
    pod, rank, node: pod.spec?.nodeName ?? '', phase: phaseOrdinal(pod), ready, cost: deletionCost(pod), uid: pod.metadata?.uid ?? '',
    readyMs: ready ? podReadyTime(pod) : undefined, restarts: maxContainerRestarts(pod), createdMs: creationMs(pod),
  };
}

/** A comparator over ranked pods: negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs?: number): number {
  if (a.node !== b.node && (a.node === '' || b.node === '')) return a.node === '' ? -1 : 1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready) {
    const c = compareTimes(a.readyMs, b.readyMs, nowMs, a.uid, b.uid);
    if (c !== 0) return c;
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  return compareTimes(a.createdMs, b.createdMs, nowMs, a.uid, b.uid);
}

/**
 * Ranks each pod by the number of active `related` pods on its node (upstream's
 * getPodsRankedByRelatedPodsOnSameNode): related pods are those of every ReplicaSet of the
 * same owner, so scale-down spreads what remains across nodes.
 */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => rankedPod(pod, onNode.get(pod.spec?.nodeName ?? '') ?? 0));
}

/** The `count` pods to delete first (upstream's getPodsToDelete). */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, nowMs?: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  ranked.sort((a, b) => compareForDeletion(a, b, nowMs));
  return ranked.slice(0, count).map((r) => r.pod);
}

// Which pods the pod garbage collector removes (upstream's pkg/controller/podgc), as pure
// functions over the caches' contents and `now`.

import type { Node, Pod } from '../../api/types/core/v1/index.ts';

export function isTerminated(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function created(pod: Pod): number {
  return Date.parse(pod.metadata?.creationTimestamp ?? '') || 0;
}

/**
 * gcTerminated: once more than `threshold` pods have terminated, the oldest (by creation,
 * then name) beyond the threshold go. Pods already being deleted do not count. 0 disables.
 */
export function terminatedOverThreshold(pods: readonly Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter((p) => isTerminated(p) && p.metadata?.deletionTimestamp === undefined);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  terminated.sort((a, b) => created(a) - created(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return terminated.slice(0, excess);
}

/** gcUnscheduledTerminating: pods being deleted that never reached a node have no kubelet to finish them. */
export function unscheduledTerminating(pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => p.metadata?.deletionTimestamp !== undefined && !p.spec?.nodeName);
}

/** The node names pods are bound to that the node cache does not hold. */
export function missingNodes(pods: readonly Pod[], nodeExists: (name: string) => boolean): Set<string> {
  const missing = new Set<string>();
  for (const pod of pods) {
    const name = pod.spec?.nodeName;
    if (name && !nodeExists(name)) missing.add(name);
  }
  return missing;
}

/**
 * Nodes whose kubelet will not finish a graceful deletion: out of service (the
 * node.kubernetes.io/out-of-service taint, as upstream's gcTerminating) or unreachable (the
 * NoExecute unreachable taint the lifecycle controller sets when heartbeats stop).
 */
export function nodeCannotFinishDeletion(node: Node | undefined): boolean {
  const taints = node?.spec?.taints ?? [];
  return taints.some((t) => t.key === 'node.kubernetes.io/out-of-service' || (t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute'));
}

/** Pods being deleted on such nodes whose grace period (their deletionTimestamp) has passed. */
export function terminatingPastGrace(pods: readonly Pod[], nodeOf: (name: string) => Node | undefined, now: number): Pod[] {
  return pods.filter((pod) => {
    const deletion = pod.metadata?.deletionTimestamp;
    const nodeName = pod.spec?.nodeName;
    if (deletion === undefined || !nodeName) return false;
    return now >= Date.parse(deletion) && nodeCannotFinishDeletion(nodeOf(nodeName));
  });
}

// A ReplicaSet's status computed from the pods it owns (upstream's replica_set_utils.go
// calculateStatus): counts, and the ReplicaFailure condition while creates or deletes fail.
// The counts come either from a list of pods or from the pod tally's label groups; both give
// the same figures for the same pods (status.test.ts holds them to that).

import { matches, selectorFromSet } from '../../api/labels/selector.ts';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { podFacts, type LabelGroup } from './pod-tally.ts';

export interface ManageError {
  /** Whether the failed writes were creates (FailedCreate) or deletes (FailedDelete). */
  readonly kind: 'create' | 'delete';
  readonly message: string;
}

/**
 * What status counts of a set of active owned pods, taken at one instant. Availability needs
 * the time of the status write, so with minReadySeconds the ready pods' ready times are kept.
 */
export interface PodCounts {
  readonly replicas: number;
  readonly fullyLabeled: number;
  readonly ready: number;
  /** When each ready pod became ready (undefined: not known); empty when minReadySeconds is 0. */
  readonly readySinceMs: readonly (number | undefined)[];
}

const minReadyOf = (rs: ReplicaSet): number => rs.spec?.minReadySeconds ?? 0;

/** Counts of `pods`, which must be active pods the ReplicaSet owns. */
export function countPods(rs: ReplicaSet, pods: readonly Pod[]): PodCounts {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const keepTimes = minReadyOf(rs) > 0;
  let fullyLabeled = 0;
  let ready = 0;
  const readySinceMs: (number | undefined)[] = [];
  for (const pod of pods) {
    if (matches(templateLabels, pod.metadata?.labels)) fullyLabeled++;
    const facts = podFacts(pod);
    if (!facts.ready) continue;
    ready++;
    if (keepTimes) readySinceMs.push(facts.readySinceMs);
  }
  return { replicas: pods.length, fullyLabeled, ready, readySinceMs };
}

/** Counts of the active pods of `groups`, label groups of pods the ReplicaSet owns. */
export function countGroups(rs: ReplicaSet, groups: readonly LabelGroup[]): PodCounts {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const keepTimes = minReadyOf(rs) > 0;
  let replicas = 0;
  let fullyLabeled = 0;
  let ready = 0;
  const readySinceMs: (number | undefined)[] = [];
  for (const group of groups) {
    replicas += group.active;
    if (matches(templateLabels, group.labels)) fullyLabeled += group.active;
    ready += group.activeReady;
    if (!keepTimes || group.activeReady === 0) continue;
    for (const facts of group.facts()) {
      if (facts.active && facts.ready) readySinceMs.push(facts.readySinceMs);
    }
  }
  return { replicas, fullyLabeled, ready, readySinceMs };
}

export function addCounts(a: PodCounts, b: PodCounts): PodCounts {
  return {
    replicas: a.replicas + b.replicas, fullyLabeled: a.fullyLabeled + b.fullyLabeled, ready: a.ready + b.ready,
    readySinceMs: b.readySinceMs.length === 0 ? a.readySinceMs : [...a.readySinceMs, ...b.readySinceMs],
  };
}

/**
 * Ready pods ready for at least minReadySeconds at `nowMs` (upstream's IsPodAvailable): with
 * minReadySeconds 0 every ready pod; otherwise the Ready condition turned True long enough ago.
 */
function availableOf(rs: ReplicaSet, counts: PodCounts, nowMs: number): number {
  const minReadyMs = minReadyOf(rs) * 1000;
  if (minReadyMs <= 0) return counts.ready;
  let available = 0;
  for (const since of counts.readySinceMs) {
    if (since !== undefined && since + minReadyMs <= nowMs) available++;
  }
  return available;
}

export function calculateStatus(rs: ReplicaSet, counts: PodCounts, manageError: ManageError | undefined, nowMs: number): ReplicaSetStatus {
  let conditions = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError !== undefined && failure === undefined) {
    const condition: ReplicaSetCondition = {
      type: 'ReplicaFailure', status: 'True', lastTransitionTime: new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z'),
      reason: manageError.kind === 'create' ? 'FailedCreate' : 'FailedDelete', message: manageError.message,
    };
    conditions.push(condition);
  } else if (manageError === undefined && failure !== undefined) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = {
    replicas: counts.replicas, fullyLabeledReplicas: counts.fullyLabeled, readyReplicas: counts.ready,
    availableReplicas: availableOf(rs, counts, nowMs),
  };
  if (rs.status?.observedGeneration !== undefined) status.observedGeneration = rs.status.observedGeneration;
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** True when the stored status already says the same (no write needed). */
export function statusUnchanged(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status;
  return cur !== undefined && (cur.replicas ?? 0) === next.replicas
    && (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0)
    && (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0)
    && (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0)
    && cur.observedGeneration === (rs.metadata?.generation ?? 0)
    && JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? []);
}

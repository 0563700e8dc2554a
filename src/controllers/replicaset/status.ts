// A ReplicaSet's status computed from the pods it owns (upstream's replica_set_utils.go
// calculateStatus): counts, and the ReplicaFailure condition while creates or deletes fail.

import { matches, selectorFromSet } from '../../api/labels/selector.ts';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { isPodAvailable, isPodReady } from './pod-utils.ts';

export interface ManageError {
  /** Whether the failed writes were creates (FailedCreate) or deletes (FailedDelete). */
  readonly kind: 'create' | 'delete';
  readonly message: string;
}

/** `pods` are the active pods the ReplicaSet owns. */
export function calculateStatus(rs: ReplicaSet, pods: readonly Pod[], manageError: ManageError | undefined, nowMs: number): ReplicaSetStatus {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (matches(templateLabels, pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, nowMs)) available++;
    }
  }
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
    replicas: pods.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available,
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

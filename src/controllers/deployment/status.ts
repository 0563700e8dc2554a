// A Deployment's status from its ReplicaSets (upstream's calculateStatus and
// syncRolloutStatus): counts, Available, and Progressing as the rollout moves or stalls.

import type { Deployment, DeploymentStatus, ReplicaSet, ReplicaSetCondition } from '../../api/types/apps/v1/index.ts';
import { canonicalJson } from './hash.ts';
import { maxUnavailable } from './rolling-math.ts';
import { actualReplicas, availableReplicas, readyReplicas, specReplicas } from './replica-sets.ts';
import {
  deploymentComplete, deploymentProgressing, deploymentTimedOut, getCondition, hasProgressDeadline, newCondition,
  REASON, removeCondition, setCondition,
} from './conditions.ts';

export function calculateStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const total = specReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 0,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas(newRS === undefined ? [] : [newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions !== undefined) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= (d.spec?.replicas ?? 1) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASON.minimumAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON.minimumUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

function replicaFailure(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSetCondition | undefined {
  // The new ReplicaSet's failure matters most; otherwise any old one's.
  for (const rs of newRS === undefined ? allRSs : [newRS, ...allRSs]) {
    const c = rs.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c !== undefined) return c;
  }
  return undefined;
}

/**
 * The status syncRolloutStatus would write: counts plus the Progressing condition moved on by
 * what happened since the stored status.
 */
export function rolloutStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.newRSAvailable;
  const name = newRS?.metadata?.name ?? '';
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, status)) {
      const message = newRS === undefined ? `Deployment "${d.metadata?.name ?? ''}" has successfully progressed.` : `ReplicaSet "${name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', REASON.newRSAvailable, message, nowMs));
    } else if (deploymentProgressing(d, status)) {
      const message = newRS === undefined ? `Deployment "${d.metadata?.name ?? ''}" is progressing.` : `ReplicaSet "${name}" is progressing.`;
      const condition = newCondition('Progressing', 'True', REASON.rsUpdated, message, nowMs);
      // Keep when it turned True; refresh the update time, which the deadline counts from.
      if (current !== undefined) {
        if (current.status === 'True' && current.lastTransitionTime !== undefined) condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      const message = newRS === undefined ? `Deployment "${d.metadata?.name ?? ''}" has timed out progressing.` : `ReplicaSet "${name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, message, nowMs));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure !== undefined) {
    setCondition(status, {
      type: 'ReplicaFailure', status: failure.status, lastUpdateTime: failure.lastTransitionTime ?? '',
      lastTransitionTime: failure.lastTransitionTime ?? '', reason: failure.reason ?? '', message: failure.message ?? '',
    });
  } else {
    removeCondition(status, 'ReplicaFailure');
  }
  return status;
}

/** Zero counts and empty lists dropped, as the server omits them when it stores a status. */
function normalized(status: DeploymentStatus | undefined): unknown {
  return Object.fromEntries(Object.entries(status ?? {}).filter(([k, v]) =>
    v !== undefined && !(v === 0 && k !== 'collisionCount') && !(Array.isArray(v) && v.length === 0)));
}

export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return canonicalJson(normalized(a)) === canonicalJson(normalized(b));
}

/**
 * When to look again at a rollout that may stall (upstream's requeueStuckDeployment): the ms
 * until its progress deadline passes, or undefined when it cannot time out.
 */
export function stuckRequeueAfter(d: Deployment, status: DeploymentStatus, nowMs: number): number | undefined {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || current === undefined) return undefined;
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return undefined;
  const from = Date.parse(current.lastUpdateTime ?? '');
  if (Number.isNaN(from)) return undefined;
  const after = from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - nowMs;
  return after < 1000 ? 0 : after + 1000;
}

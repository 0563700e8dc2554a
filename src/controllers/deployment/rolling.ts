// The RollingUpdate strategy (upstream's rolling.go): grow the new ReplicaSet up to
// replicas + maxSurge pods, shrink old ones while at least replicas - maxUnavailable stay
// available, one step per sync; every ReplicaSet change brings a new sync.

import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import { replicasOf } from './annotations.ts';
import { deploymentComplete } from './conditions.ts';
import { activeReplicaSets, availableForScaleDown, byCreation, specReplicas } from './replica-sets.ts';
import { desiredReplicas, maxUnavailable, newRSNewReplicas } from './rolling-math.ts';
import type { Syncer } from './syncer.ts';

export async function rolloutRolling(s: Syncer, d: Deployment, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  if (newRS === undefined) return;
  const allRSs = [...oldRSs, newRS];
  if (await reconcileNewReplicaSet(s, allRSs, newRS, d)) {
    await s.syncRolloutStatus(allRSs, newRS, d);
    return;
  }
  if (await reconcileOldReplicaSets(s, allRSs, activeReplicaSets(oldRSs), newRS, d)) {
    await s.syncRolloutStatus(allRSs, newRS, d);
    return;
  }
  if (deploymentComplete(d, d.status ?? {})) await s.cleanupDeployment(oldRSs, d);
  await s.syncRolloutStatus(allRSs, newRS, d);
}

async function reconcileNewReplicaSet(s: Syncer, allRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  const replicas = desiredReplicas(d);
  if (replicasOf(newRS) === replicas) return false;
  if (replicasOf(newRS) > replicas) return (await s.scaleIfNeeded(newRS, replicas, d)).scaled;
  return (await s.scaleIfNeeded(newRS, newRSNewReplicas(d, allRSs, newRS), d)).scaled;
}

/** How many old replicas may go now; upstream's reconcileOldReplicaSets arithmetic. */
export function maxScaledDown(allRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): number {
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  return specReplicas(allRSs) - minAvailable - newUnavailable;
}

async function reconcileOldReplicaSets(s: Syncer, allRSs: readonly ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  if (specReplicas(oldRSs) === 0) return false;
  const budget = maxScaledDown(allRSs, newRS, d);
  if (budget <= 0) return false;
  // Unhealthy replicas first: they would otherwise hold the rollout until it times out.
  const { rss, scaled: cleaned } = await cleanupUnhealthyReplicas(s, oldRSs, d, budget);
  const scaled = await scaleDownOldReplicaSets(s, [...rss, newRS], rss, d);
  return cleaned + scaled > 0;
}

async function cleanupUnhealthyReplicas(s: Syncer, oldRSs: ReplicaSet[], d: Deployment, budget: number): Promise<{ rss: ReplicaSet[]; scaled: number }> {
  const rss = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < rss.length; i++) {
    const rs = rss[i];
    if (rs === undefined || total >= budget) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const count = Math.min(budget - total, replicasOf(rs) - available);
    const target = replicasOf(rs) - count;
    // More available than asked for: the ReplicaSet was just scaled down and its status still
    // counts the pods it is deleting. Sizing it "down" to that count would scale an old
    // ReplicaSet up mid-rollout; like upstream, refuse the sync, and retry on fresher status.
    if (target > replicasOf(rs)) {
      throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata?.namespace ?? ''}/${rs.metadata?.name ?? ''} ${replicasOf(rs)} -> ${target}`);
    }
    const result = await s.scaleIfNeeded(rs, target, d);
    total += count;
    rss[i] = result.rs;
  }
  return { rss, scaled: total };
}

async function scaleDownOldReplicaSets(s: Syncer, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], d: Deployment): Promise<number> {
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const available = availableForScaleDown(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), target - total);
    await s.scaleIfNeeded(rs, replicasOf(rs) - count, d);
    total += count;
  }
  return total;
}

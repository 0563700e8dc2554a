// Resizing without a rollout (upstream's sync.go scale/isScalingEvent/sync): when
// spec.replicas changes, or while paused, the ReplicaSets keep their templates and only their
// sizes change, shared out in proportion mid-rollout.

import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import { desiredReplicasAnnotation, replicasOf } from './annotations.ts';
import { activeReplicaSets, byCreation, bySizeNewer, bySizeOlder, specReplicas } from './replica-sets.ts';
import { desiredReplicas, isRollingUpdate, maxSurge, proportion } from './rolling-math.ts';
import type { Syncer } from './syncer.ts';

/** The only active ReplicaSet, or the newest when none is active (upstream's FindActiveOrLatest). */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** The new ReplicaSet has every replica asked for and all of them available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const replicas = desiredReplicas(d);
  return desiredReplicasAnnotation(rs) === replicas && replicasOf(rs) === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * The sizes a proportional resize gives each active ReplicaSet (upstream's scale, rolling
 * branch): the difference to replicas + maxSurge is shared by each one's fraction, largest
 * first, and what rounding leaves over goes to the first.
 */
export function proportionalSizes(d: Deployment, rss: readonly ReplicaSet[]): Map<string, number> {
  const all = activeReplicaSets(rss);
  const replicas = desiredReplicas(d);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of all) {
    const share = toAdd !== 0 ? proportion(rs, d, toAdd, added) : 0;
    sizes.set(rs.metadata?.name ?? '', replicasOf(rs) + share);
    added += share;
  }
  const first = all[0];
  if (first !== undefined && toAdd !== 0) {
    const name = first.metadata?.name ?? '';
    sizes.set(name, Math.max(0, (sizes.get(name) ?? 0) + toAdd - added));
  }
  return sizes;
}

export async function scale(s: Syncer, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): Promise<void> {
  const replicas = desiredReplicas(d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only !== undefined) {
    if (replicasOf(only) !== replicas) await s.scaleIfNeeded(only, replicas, d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await s.scaleIfNeeded(old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const sizes = proportionalSizes(d, all);
  for (const rs of all) {
    await s.scaleReplicaSet(rs, sizes.get(rs.metadata?.name ?? '') ?? replicasOf(rs), d);
  }
}

/** Some active ReplicaSet was sized for a different spec.replicas (upstream's isScalingEvent). */
export async function isScalingEvent(s: Syncer, d: Deployment, rsList: readonly ReplicaSet[]): Promise<boolean> {
  const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== desiredReplicas(d);
  });
}

/** Upstream's sync: resize, prune history while paused, write status. */
export async function syncScaleOnly(s: Syncer, d: Deployment, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  await scale(s, d, newRS, oldRSs);
  if (d.spec?.paused === true) await s.cleanupDeployment(oldRSs, d);
  await s.syncDeploymentStatus(newRS === undefined ? oldRSs : [...oldRSs, newRS], newRS, d);
}

// The Recreate strategy (upstream's recreate.go): scale every old ReplicaSet to zero, wait
// until none of their pods is left running, then create and scale up the new one.

import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { controllerRefOf } from '../replicaset/pod-utils.ts';
import { replicasOf } from './annotations.ts';
import { deploymentComplete } from './conditions.ts';
import { activeReplicaSets, actualReplicas } from './replica-sets.ts';
import { desiredReplicas } from './rolling-math.ts';
import type { Syncer } from './syncer.ts';

/** True while any pod of an old ReplicaSet is not finished (Failed/Succeeded) (upstream's oldPodsRunning). */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], pods: readonly Pod[]): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata?.uid ?? ''));
  return pods.some((pod) => {
    const owner = controllerRefOf(pod)?.uid;
    if (owner === undefined || owner === newRS?.metadata?.uid || !oldUids.has(owner)) return false;
    const phase = pod.status?.phase;
    return phase !== 'Failed' && phase !== 'Succeeded';
  });
}

export async function rolloutRecreate(s: Syncer, d: Deployment, rsList: readonly ReplicaSet[], pods: readonly Pod[]): Promise<void> {
  const first = await s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  let newRS = first.newRS;
  const oldRSs = first.oldRSs;
  const allRSs = (): ReplicaSet[] => (newRS === undefined ? [...oldRSs] : [...oldRSs, newRS]);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if ((await s.scaleIfNeeded(rs, 0, d)).scaled) scaledDown = true;
  }
  if (scaledDown) {
    await s.syncRolloutStatus(allRSs(), newRS, d);
    return;
  }
  if (oldPodsRunning(newRS, oldRSs, pods)) {
    await s.syncRolloutStatus(allRSs(), newRS, d);
    return;
  }
  if (newRS === undefined) newRS = (await s.getAllReplicaSetsAndSyncRevision(d, rsList, true)).newRS;
  if (newRS !== undefined && replicasOf(newRS) !== desiredReplicas(d)) {
    const result = await s.scaleIfNeeded(newRS, desiredReplicas(d), d);
    if (result.scaled) {
      await s.syncRolloutStatus(allRSs(), newRS, d);
      return;
    }
  }
  if (deploymentComplete(d, d.status ?? {})) await s.cleanupDeployment(oldRSs, d);
  await s.syncRolloutStatus(allRSs(), newRS, d);
}

// What holds a rolling update back at one instant, from one LIST of the Deployment's ReplicaSets
// (a consistent snapshot). The deployment controller moves a rollout in two ways, each bounded by
// the rules of src/controllers/deployment (upstream's rolling.go, counting pods not yet gone):
//   scale the new ReplicaSet up     by at most min(replicas - new.spec,
//                                                  replicas + maxSurge - sum of max(spec, pods))
//   scale the old ones down         by at most min(old specs,
//                                                  sum of specs - minAvailable - (new.spec - new.available),
//                                                  sum of min(available, spec) - minAvailable)
// where minAvailable = replicas - maxUnavailable and pods = status.replicas; and no scale-down at
// all while an old ReplicaSet reports more available pods than its spec (it is still deleting
// the pods it was told to shed: upstream's cleanupUnhealthyReplicas refuses the sync then, and
// so does k8ts', until the status catches up). When neither move has
// room, the controller has done all that maxSurge and maxUnavailable allow: the rollout waits for
// pods (created or deleted by the ReplicaSet controller, scheduled, started by the kubelets,
// reported available). When one has room, the deployment controller has not yet used it.

export interface ReplicaSetState {
  /** spec.replicas: what the deployment controller asked for. */
  readonly spec: number;
  /** status.replicas: the ReplicaSet's pods that exist and are not being deleted. */
  readonly replicas: number;
  readonly available: number;
}

export interface RolloutBounds {
  readonly replicas: number;
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

export interface RolloutRoom {
  /** Pods the deployment controller could still add to the new ReplicaSet right now. */
  readonly scaleUp: number;
  /** Pods it could still take from the old ReplicaSets right now. */
  readonly scaleDown: number;
  /** Pods the ReplicaSets have yet to create or delete to match their specs. */
  readonly podsPending: number;
}

const sum = (sets: readonly ReplicaSetState[], pick: (s: ReplicaSetState) => number): number =>
  sets.reduce((n, s) => n + pick(s), 0);

export function rolloutRoom(bounds: RolloutBounds, newSet: ReplicaSetState, oldSets: readonly ReplicaSetState[]): RolloutRoom {
  const all = [newSet, ...oldSets];
  const specs = sum(all, (s) => s.spec);
  const pods = sum(all, (s) => Math.max(s.spec, s.replicas));
  const oldSpecs = sum(oldSets, (s) => s.spec);
  const minAvailable = bounds.replicas - bounds.maxUnavailable;
  const scaleUp = Math.max(0, Math.min(bounds.replicas - newSet.spec, bounds.replicas + bounds.maxSurge - pods));
  const shedding = oldSets.some((s) => s.spec > 0 && s.available > s.spec);
  const scaleDown = oldSpecs === 0 || shedding ? 0 : Math.max(0, Math.min(
    oldSpecs,
    specs - minAvailable - (newSet.spec - newSet.available),
    sum(all, (s) => Math.min(s.available, s.spec)) - minAvailable,
  ));
  return { scaleUp, scaleDown, podsPending: sum(all, (s) => Math.abs(s.spec - s.replicas)) };
}

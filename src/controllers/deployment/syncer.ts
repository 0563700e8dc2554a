// The writes a Deployment sync makes (upstream's sync.go): finding or creating the new
// ReplicaSet with its revision, resizing ReplicaSets (proportionally mid-rollout), pruning old
// ones past revisionHistoryLimit, and writing status. One Syncer serves every worker; each
// method takes the Deployment it acts for and mutates only its own copies.

import type { Clock } from '../../api/clock.ts';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceClient } from '../../client/rest/resource-client.ts';
import type { EventRecorder } from '../../client/events/recorder.ts';
import { newControllerRef } from '../replicaset/pod-utils.ts';
import { DEPLOYMENTS, REPLICA_SETS } from '../replicaset/resources.ts';
import {
  maxRevision, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, replicasAnnotationsNeedUpdate, replicasOf, revisionOf, setDeploymentRevision,
  setNewReplicaSetAnnotations, setReplicasAnnotations,
} from './annotations.ts';
import { getCondition, hasProgressDeadline, newCondition, REASON, setCondition } from './conditions.ts';
import { computeHash } from './hash.ts';
import { activeReplicaSets, byCreation, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets } from './replica-sets.ts';
import { desiredReplicas, maxSurge, newRSNewReplicas } from './rolling-math.ts';
import { calculateStatus, rolloutStatus, statusEqual, stuckRequeueAfter } from './status.ts';

function codeOf(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

export interface SyncerDeps {
  readonly client: RestClient;
  readonly clock: Clock;
  /** Looks a ReplicaSet up in the informer's cache. */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  enqueueAfter(d: Deployment, ms: number): void;
  readonly recorder?: EventRecorder;
}

export class Syncer {
  readonly #deps: SyncerDeps;
  readonly #rs: ResourceClient<ReplicaSet>;
  readonly #d: ResourceClient<Deployment>;

  constructor(deps: SyncerDeps) {
    this.#deps = deps;
    this.#rs = deps.client.resource<ReplicaSet>(REPLICA_SETS);
    this.#d = deps.client.resource<Deployment>(DEPLOYMENTS);
  }

  now(): number {
    return this.#deps.clock.now();
  }

  /** Writes d.status (and the revision annotation); d takes the saved object's resourceVersion. */
  async updateStatus(d: Deployment): Promise<void> {
    const saved = await this.#d.namespace(d.metadata?.namespace ?? '').update(d, { subresource: 'status' });
    if (d.metadata !== undefined && saved.metadata?.resourceVersion !== undefined) d.metadata.resourceVersion = saved.metadata.resourceVersion;
  }

  /**
   * Records the Deployment's revision annotation (read by kubectl rollout undo and history).
   * Upstream writes it with the status update; this API server keeps metadata as stored on
   * status writes, so it goes as a merge patch of the object itself (which, like any
   * annotation change, bumps generation; the next sync observes it).
   */
  async #saveRevision(d: Deployment, revision: string): Promise<void> {
    const patch = { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } };
    const saved = await this.#d.namespace(d.metadata?.namespace ?? '').patch(d.metadata?.name ?? '', 'merge', patch);
    if (d.metadata !== undefined && saved.metadata?.resourceVersion !== undefined) d.metadata.resourceVersion = saved.metadata.resourceVersion;
  }

  /** Writes the status when asked to, then the revision when it changed. */
  async #saveStatusAndRevision(d: Deployment, statusChanged: boolean, revisionChanged: boolean): Promise<void> {
    if (statusChanged) await this.updateStatus(d);
    if (revisionChanged) await this.#saveRevision(d, d.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
  }

  /** The new ReplicaSet (created when asked and missing) and every other one. */
  async getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: readonly ReplicaSet[], create: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
    const oldRSs = findOldReplicaSets(d, rsList);
    const newRS = await this.#getNewReplicaSet(d, rsList, oldRSs, create);
    return { newRS, oldRSs };
  }

  async #getNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    const replicas = desiredReplicas(d);
    const namespace = d.metadata?.namespace ?? '';
    if (existing !== undefined) {
      // Only the annotations and spec.minReadySeconds are changed below: a copy of those levels
      // keeps the cached object intact without cloning its whole template on every sync.
      const copy: ReplicaSet = {
        ...existing, metadata: { ...existing.metadata, annotations: { ...existing.metadata?.annotations } },
        ...(existing.spec === undefined ? {} : { spec: { ...existing.spec } }),
      };
      const annotated = setNewReplicaSetAnnotations(d, copy, newRevision, true, replicas, replicas + maxSurge(d));
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
        if (copy.spec !== undefined) copy.spec.minReadySeconds = minReady;
        return this.#rs.namespace(namespace).update(copy);
      }
      const revisionChanged = setDeploymentRevision(d, String(revisionOf(copy)));
      let statusChanged = false;
      if (hasProgressDeadline(d) && getCondition(d.status, 'Progressing') === undefined) {
        setCondition(d.status ??= {}, newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${copy.metadata?.name ?? ''}"`, this.now()));
        statusChanged = true;
      }
      await this.#saveStatusAndRevision(d, statusChanged, revisionChanged);
      return copy;
    }
    if (!create) return undefined;
    const template = structuredClone(d.spec?.template ?? {});
    const hash = computeHash(d.spec?.template ?? {}, d.status?.collisionCount);
    const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
    (template.metadata ??= {}).labels = labels;
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: `${d.metadata?.name ?? ''}-${hash}`, namespace, ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')], labels: { ...labels } },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    if (newRS.spec !== undefined) newRS.spec.replicas = count;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false, replicas, replicas + maxSurge(d));
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = await this.#rs.namespace(namespace).create(newRS);
    } catch (err) {
      if (codeOf(err) === 409) {
        const found = this.#deps.cachedReplicaSet(namespace, newRS.metadata?.name ?? '');
        if (found === undefined) throw err;
        const ref = found.metadata?.ownerReferences?.find((r) => r.controller === true);
        if (ref?.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
          created = found;
          alreadyExists = true;
        } else {
          // A hash collision: a different template already has this name. Bump and retry.
          (d.status ??= {}).collisionCount = (d.status.collisionCount ?? 0) + 1;
          await this.updateStatus(d);
          throw err;
        }
      } else {
        if (hasProgressDeadline(d)) {
          const message = `Failed to create new replica set "${newRS.metadata?.name ?? ''}": ${err instanceof Error ? err.message : String(err)}`;
          setCondition(d.status ??= {}, newCondition('Progressing', 'False', REASON.failedRSCreate, message, this.now()));
          await this.updateStatus(d).catch(() => undefined);
          this.#deps.recorder?.event(d, 'Warning', REASON.failedRSCreate, message);
        }
        throw err;
      }
    }
    if (!alreadyExists && count > 0) {
      this.#deps.recorder?.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name ?? ''} from 0 to ${count}`);
    }
    const revisionChanged = setDeploymentRevision(d, String(newRevision));
    let statusChanged = false;
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition(d.status ??= {}, newCondition('Progressing', 'True', REASON.newRSCreated, `Created new replica set "${created.metadata?.name ?? ''}"`, this.now()));
      statusChanged = true;
    }
    await this.#saveStatusAndRevision(d, statusChanged, revisionChanged);
    return created;
  }

  /** Resizes `rs` (and refreshes its size annotations); answers the saved copy and whether its size changed. */
  async scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const desired = desiredReplicas(d);
    const max = desired + maxSurge(d);
    const sizeChanges = replicasOf(rs) !== newScale;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const copy = structuredClone(rs);
    (copy.spec ??= { selector: {} }).replicas = newScale;
    setReplicasAnnotations(copy, desired, max);
    const saved = await this.#rs.namespace(rs.metadata?.namespace ?? '').update(copy);
    if (sizeChanges) {
      const direction = newScale > replicasOf(rs) ? 'up' : 'down';
      this.#deps.recorder?.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata?.name ?? ''} from ${replicasOf(rs)} to ${newScale}`);
    }
    return { scaled: sizeChanges, rs: saved };
  }

  /** Upstream's scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
  async scaleIfNeeded(rs: ReplicaSet, newScale: number, d: Deployment): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    if (replicasOf(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d);
  }

  /** Deletes the oldest empty old ReplicaSets beyond revisionHistoryLimit (upstream's cleanupDeployment). */
  async cleanupDeployment(oldRSs: readonly ReplicaSet[], d: Deployment): Promise<void> {
    const limit = d.spec?.revisionHistoryLimit;
    if (limit === undefined) return;
    const alive = oldRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    // Lowest revision first (upstream's ReplicaSetsByRevision); the first `diff` are candidates.
    const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of sorted.slice(0, diff)) {
      // Only ReplicaSets that are empty and fully reported as such may go.
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.status?.observedGeneration ?? 0) < (rs.metadata?.generation ?? 0)) continue;
      try {
        await this.#rs.namespace(rs.metadata?.namespace ?? '').delete(rs.metadata?.name ?? '');
      } catch (err) {
        if (codeOf(err) !== 404) throw err;
      }
    }
  }

  /** Writes calculateStatus when it differs (upstream's syncDeploymentStatus). */
  async syncDeploymentStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const status = calculateStatus(allRSs, newRS, d, this.now());
    if (statusEqual(d.status, status)) return;
    await this.updateStatus({ ...d, status });
  }

  /** Writes the rollout status when it differs, else arms the progress-deadline check. */
  async syncRolloutStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
    const status = rolloutStatus(allRSs, newRS, d, this.now());
    if (statusEqual(d.status, status)) {
      const after = stuckRequeueAfter(d, status, this.now());
      if (after !== undefined) this.#deps.enqueueAfter(d, after);
      return;
    }
    await this.updateStatus({ ...d, status });
  }

  /** Active ReplicaSets (upstream's FilterActiveReplicaSets), re-exported for the strategies. */
  active(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
    return activeReplicaSets(rss);
  }
}

// The writes that bring a ReplicaSet to spec.replicas (upstream's manageReplicas): creates in
// slow-start batches, deletes of the cheapest pods, each counted in expectations first so the
// controller waits to see them before acting again.

import { jsonClone } from '../../api/json-equal.ts';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { UIDTrackingControllerExpectations } from '../../client/informers/expectations.ts';
import { metaNamespaceKey } from '../../client/informers/store.ts';
import type { ResourceClient } from '../../client/rest/resource-client.ts';
import { podsToDelete } from './active-pods.ts';
import type { EventRecorder } from '../../client/events/recorder.ts';
import { newControllerRef } from './pod-utils.ts';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start.ts';
import type { ManageError } from './status.ts';

/** Upstream's BurstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

/**
 * The active pods a ReplicaSet owns: their number, and the pods themselves, listed only when
 * some must be deleted (listing is O(pods); most syncs create or do nothing).
 */
export interface ActivePods {
  readonly count: number;
  list(): readonly Pod[];
}

/** An ActivePods over pods already in hand. */
export function activePodsOf(pods: readonly Pod[]): ActivePods {
  return { count: pods.length, list: () => pods };
}

export interface ManageDeps {
  readonly pods: ResourceClient<Pod>;
  readonly expectations: UIDTrackingControllerExpectations;
  relatedPods(): Pod[];
  readonly nowMs: number;
  readonly recorder?: EventRecorder;
}

/** A pod built from the template, controlled by `rs` (upstream's GetPodFromTemplate). */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const template = rs.spec?.template;
  const meta = template?.metadata;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata?.name ?? ''}-`,
      namespace: rs.metadata?.namespace ?? '',
      ...(meta?.labels === undefined ? {} : { labels: { ...meta.labels } }),
      ...(meta?.annotations === undefined ? {} : { annotations: { ...meta.annotations } }),
      ...(meta?.finalizers === undefined ? {} : { finalizers: [...meta.finalizers] }),
      ownerReferences: [newControllerRef(rs, 'apps/v1', 'ReplicaSet')],
    },
    // jsonClone: a fifth of structuredClone's time for a pod spec, and the spec is JSON anyway.
    spec: jsonClone(template?.spec ?? { containers: [] }),
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isCode(err: unknown, code: number): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** Creates or deletes pods; answers the failure to report in status, if any. */
export async function manageReplicas(rs: ReplicaSet, key: string, pods: ActivePods, deps: ManageDeps): Promise<ManageError | undefined> {
  const want = rs.spec?.replicas ?? 1;
  const diff = pods.count - want;
  if (diff < 0) {
    const count = Math.min(-diff, BURST_REPLICAS);
    // Expect every create before the first is sent: a fast informer may see it before we return.
    deps.expectations.expectCreations(key, count);
    const result = await slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, async () => {
      try {
        const created = await deps.pods.create(podFromTemplate(rs));
        deps.recorder?.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name ?? ''}`);
      } catch (err) {
        // A namespace being deleted refuses creates; that is not the ReplicaSet's failure.
        if (isCode(err, 403) && /being terminated/.test(errorMessage(err))) return;
        deps.recorder?.event(rs, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
        throw err;
      }
    });
    const skipped = count - result.successes;
    for (let i = 0; i < skipped; i++) deps.expectations.creationObserved(key);
    return result.failed ? { kind: 'create', message: errorMessage(result.error) } : undefined;
  }
  if (diff > 0) {
    const count = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(pods.list(), deps.relatedPods(), count, deps.nowMs);
    deps.expectations.expectDeletionsOf(key, victims.map((p) => metaNamespaceKey(p)));
    const results = await Promise.allSettled(victims.map(async (pod) => {
      try {
        await deps.pods.delete(pod.metadata?.name ?? '');
        deps.recorder?.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
      } catch (err) {
        // Not deleted by us: it will not be observed as our deletion.
        deps.expectations.deletionObservedOf(key, metaNamespaceKey(pod));
        if (isCode(err, 404)) return;
        deps.recorder?.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
        throw err;
      }
    }));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    return failed === undefined ? undefined : { kind: 'delete', message: errorMessage(failed.reason) };
  }
  return undefined;
}

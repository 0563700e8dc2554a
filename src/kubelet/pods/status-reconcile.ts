// What the kubelet compares, now and then, between the status it last wrote and the pod as the
// API shows it (upstream's status manager needsReconcile, run by its periodic syncBatch): when
// someone else changed what the kubelet owns (the node lifecycle controller marks the pods of a
// node that went silent Ready=False), the kubelet writes its own status again, so a node that
// comes back brings its pods back to Ready. Only what the kubelet owns is compared: the phase and
// the status of the conditions it writes; other writers' conditions (readiness gates,
// DisruptionTarget) are theirs.

import type { PodStatus } from '../../api/types/core/v1/index.ts';

/** How often the written statuses are compared with the API's (upstream's syncPeriod, 10 s). */
export const STATUS_RECONCILE_MS = 10_000;

/** Conditions the kubelet itself writes. */
export const KUBELET_CONDITIONS: ReadonlySet<string> = new Set(['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled']);

/** The part of a status the kubelet owns, as a short comparable string. */
export function ownedStatusFingerprint(status: PodStatus | undefined): string {
  const conditions = (status?.conditions ?? []).filter((c) => KUBELET_CONDITIONS.has(c.type)).map((c) => `${c.type}=${c.status}`).sort();
  return `${status?.phase ?? ''};${conditions.join(',')}`;
}

/**
 * Whether the cached pod (`cached` resourceVersion) includes our last status write (`written`):
 * a cache that lags behind a busy API server must not be mistaken for someone else's change, or
 * every slow watch would have the kubelet write the same status again. k8ts resourceVersions
 * are revisions of one increasing counter (sqlite and etcd alike), so they are compared as
 * numbers; one that is not a number is only trusted when equal.
 */
export function cacheCaughtUp(cached: string | undefined, written: string | undefined): boolean {
  if (cached === undefined || written === undefined) return false;
  if (cached === written) return true;
  const [c, w] = [Number(cached), Number(written)];
  return Number.isSafeInteger(c) && Number.isSafeInteger(w) && /^\d+$/.test(cached) && /^\d+$/.test(written) && c > w;
}

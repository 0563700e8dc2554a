// Which pod updates the pod workers act on (upstream's pod config reconciles status-only
// changes without a sync): the kubelet's own status writes come back as updates of every pod it
// runs, and each would otherwise cost a sync.

import { jsonEqual } from '../../api/json-equal.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { KUBELET_CONDITIONS } from './status-reconcile.ts';

/** Metadata without what every write changes (resourceVersion, managedFields). */
function meta(p: Pod): unknown {
  return { ...p.metadata, resourceVersion: undefined, managedFields: undefined };
}

/** [type, status] of the conditions someone else owns (readiness gates, DisruptionTarget). */
function foreign(p: Pod): [string, string][] {
  const out: [string, string][] = [];
  for (const c of p.status?.conditions ?? []) if (!KUBELET_CONDITIONS.has(c.type)) out.push([c.type, c.status]);
  return out;
}

/**
 * Whether an update is worth a sync: the spec or metadata changed, or a condition the kubelet
 * does not own. Compared structurally (key order does not matter), without serializing.
 */
export function needsSync(old: Pod, pod: Pod): boolean {
  return !jsonEqual(meta(old), meta(pod)) || !jsonEqual(old.spec, pod.spec) || !jsonEqual(foreign(old), foreign(pod));
}

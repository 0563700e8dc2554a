// The in-tree plugins' queueing hints (upstream's QueueingHintFns): which events, judged by their
// object, may make a pod those plugins rejected schedulable. Only the volume plugins have any
// here; every other registered event always requeues.

import type { PersistentVolumeClaim, Pod } from '../../api/types/core/v1/index.ts';
import type { QueueingHints } from '../framework/cluster-events.ts';
import { NODE_VOLUME_LIMITS } from './node-volume-limits/node-volume-limits.ts';
import { claimNameOf } from './volume-binding/claims.ts';
import { VOLUME_BINDING } from './volume-binding/volume-binding.ts';
import { conflicts, VOLUME_RESTRICTIONS } from './volume-restrictions/volume-restrictions.ts';

/** The names of the claims the pod uses (persistentVolumeClaim and generic ephemeral volumes). */
function claimNames(pod: Pod): Set<string> {
  const out = new Set<string>();
  for (const v of pod.spec?.volumes ?? []) {
    const ref = claimNameOf(pod, v);
    if (ref !== undefined) out.add(ref.name);
  }
  return out;
}

/** A claim was added in the pod's namespace that the pod refers to. */
function claimAddedForPod(pod: Pod, obj: unknown): boolean {
  const pvc = obj as PersistentVolumeClaim;
  return pvc.metadata?.namespace === pod.metadata?.namespace && claimNames(pod).has(pvc.metadata?.name ?? '');
}

/** The deleted pod held an inline disk the pod conflicts with, or one of the pod's claims. */
function restrictionsAfterPodDelete(pod: Pod, obj: unknown): boolean {
  const deleted = obj as Pod;
  if (deleted.metadata?.namespace !== pod.metadata?.namespace) return false;
  if ((pod.spec?.volumes ?? []).some((v) => conflicts(v, deleted))) return true;
  const mine = new Set((pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim == null ? [] : [v.persistentVolumeClaim.claimName])));
  return (deleted.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim != null && mine.has(v.persistentVolumeClaim.claimName));
}

/** The deleted pod had volumes that count against a node's limits. */
function limitsAfterPodDelete(_pod: Pod, obj: unknown): boolean {
  const deleted = obj as Pod;
  if ((deleted.spec?.nodeName ?? '') === '') return false;
  return (deleted.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim != null || v.ephemeral != null
    || v.gcePersistentDisk != null || v.awsElasticBlockStore != null || v.azureDisk != null || v.cinder != null);
}

/** A PV changed: it may matter only to a pod with claims. */
function podHasClaims(pod: Pod): boolean {
  return claimNames(pod).size > 0;
}

export function inTreeQueueingHints(): QueueingHints {
  return {
    [VOLUME_RESTRICTIONS]: { AssignedPodDelete: restrictionsAfterPodDelete, PvcAdd: claimAddedForPod },
    [NODE_VOLUME_LIMITS]: { AssignedPodDelete: limitsAfterPodDelete, PvcAdd: claimAddedForPod },
    [VOLUME_BINDING]: { PvAdd: podHasClaims, PvUpdate: podHasClaims },
  };
}

// A pod's claims as VolumeBinding's PreFilter sorts them (upstream's podHasPVCs and
// GetPodVolumeClaims): first every claim must exist, not be lost or being deleted, and (for a
// generic ephemeral volume) belong to the pod; then each is fully bound, unbound with delayed
// (WaitForFirstConsumer) binding, or unbound "immediate" — which includes claims pre-bound to a
// volume by name that the PV controller has not finished binding.

import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core/v1/index.ts';
import type { VolumeListers } from '../../framework/types.ts';
import type { VolumeAssumeCache } from './assume-cache.ts';
import { claimClass, fullyBound, volumeClass } from './helpers.ts';

export interface PodClaims {
  readonly bound: PersistentVolumeClaim[];
  readonly delayed: PersistentVolumeClaim[];
  readonly immediate: PersistentVolumeClaim[];
  /** The PVs of each delayed claim's class, listed once per cycle rather than once per node. */
  readonly volumesByClass: Map<string, PersistentVolume[]>;
}

/** The claim a volume of the pod uses, if any; `ephemeral` for generic ephemeral volumes. */
export function claimNameOf(pod: Pod, vol: NonNullable<NonNullable<Pod['spec']>['volumes']>[number]): { name: string; ephemeral: boolean } | undefined {
  if (vol.persistentVolumeClaim !== undefined && vol.persistentVolumeClaim !== null) return { name: vol.persistentVolumeClaim.claimName, ephemeral: false };
  if (vol.ephemeral !== undefined && vol.ephemeral !== null) return { name: `${pod.metadata?.name ?? ''}-${vol.name}`, ephemeral: true };
  return undefined;
}

/** Why the pod cannot use its claims at all (unresolvable until a claim changes), or undefined. */
export function claimProblem(pod: Pod, v: VolumeListers): string | undefined {
  const ns = pod.metadata?.namespace ?? '';
  for (const vol of pod.spec?.volumes ?? []) {
    const ref = claimNameOf(pod, vol);
    if (ref === undefined) continue;
    const pvc = v.claim(ns, ref.name);
    if (pvc === undefined) {
      return ref.ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${ref.name}"` : `persistentvolumeclaim "${ref.name}" not found`;
    }
    if (pvc.status?.phase === 'Lost') return `persistentvolumeclaim "${ref.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${ref.name}" is being deleted`;
    if (ref.ephemeral && !(pvc.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata?.uid)) {
      return `PVC ${ns}/${ref.name} was not created for pod ${ns}/${pod.metadata?.name ?? ''} (pod is not owner)`;
    }
  }
  return undefined;
}

export function hasClaims(pod: Pod): boolean {
  return (pod.spec?.volumes ?? []).some((vol) => claimNameOf(pod, vol) !== undefined);
}

/**
 * Sorts the pod's claims, read through the assume cache (a claim assumed for provisioning is
 * still unbound). Throws, as upstream's IsDelayBindingMode errs, on a class without a binding mode.
 */
export function podClaims(pod: Pod, cache: VolumeAssumeCache, v: VolumeListers): PodClaims {
  const out: PodClaims = { bound: [], delayed: [], immediate: [], volumesByClass: new Map() };
  const ns = pod.metadata?.namespace ?? '';
  for (const vol of pod.spec?.volumes ?? []) {
    const ref = claimNameOf(pod, vol);
    if (ref === undefined) continue;
    const pvc = cache.claim(ns, ref.name);
    if (pvc === undefined) throw new Error(`error getting PVC "${ns}/${ref.name}": not found`);
    if (fullyBound(pvc)) {
      out.bound.push(pvc);
      continue;
    }
    const cls = claimClass(pvc);
    const sc = cls === '' ? undefined : v.storageClass(cls);
    if (sc !== undefined && (sc.volumeBindingMode ?? '') === '') throw new Error(`VolumeBindingMode not set for StorageClass "${cls}"`);
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer' && (pvc.spec?.volumeName ?? '') === '') out.delayed.push(pvc);
    else out.immediate.push(pvc);
  }
  if (out.delayed.length > 0) {
    for (const pvc of out.delayed) out.volumesByClass.set(claimClass(pvc), []);
    for (const pv of cache.volumes()) out.volumesByClass.get(volumeClass(pv))?.push(pv);
  }
  return out;
}

/**
 * The nodes the pod's bound volumes pin it to (upstream's GetEligibleNodes): the hostnames a
 * volume's node affinity names with `kubernetes.io/hostname In`, intersected over the volumes.
 * Undefined when no volume names hosts (or a volume is missing): every node stays a candidate.
 */
export function eligibleNodes(bound: readonly PersistentVolumeClaim[], cache: VolumeAssumeCache): Set<string> | undefined {
  let eligible: Set<string> | undefined;
  for (const pvc of bound) {
    const pv = cache.volume(pvc.spec?.volumeName ?? '');
    if (pv === undefined) return undefined;
    const hosts = new Set<string>();
    for (const term of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
      let termHosts: Set<string> | undefined;
      for (const e of term.matchExpressions ?? []) {
        if (e.key !== 'kubernetes.io/hostname' || e.operator !== 'In') continue;
        const values = new Set(e.values ?? []);
        termHosts = termHosts === undefined ? values : new Set([...termHosts].filter((h) => values.has(h)));
      }
      for (const h of termHosts ?? []) hosts.add(h);
    }
    if (hosts.size === 0) continue;
    eligible = eligible === undefined ? hosts : new Set([...eligible].filter((h) => hosts.has(h)));
  }
  return eligible;
}

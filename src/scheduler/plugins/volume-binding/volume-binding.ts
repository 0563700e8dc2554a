// VolumeBinding, as far as k8ts has volumes: PreFilter finds the pod's claims (persistentVolumeClaim
// and generic ephemeral volumes) and rejects the pod outright when one is missing, being deleted,
// lost, or unbound in Immediate mode (the PV controller binds those, not the scheduler). Filter
// checks, per node, that bound volumes are reachable from it (PV node affinity) and that each
// WaitForFirstConsumer claim has an available matching PV there or a provisioner that can make one.
// Binding delayed claims to the chosen PV (upstream's PreBind) is not done here.

import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core/v1/index.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { skip, success, unresolvable } from '../../framework/status.ts';
import type { FilterPlugin, Handle, PreFilterPlugin, VolumeListers } from '../../framework/types.ts';
import { matchesAnyTerm } from '../helpers/node-selector.ts';
import { matchingVolume } from './match.ts';

export const VOLUME_BINDING = 'VolumeBinding';
export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const REASON_BIND_CONFLICT = 'node(s) didn\'t find available persistent volumes to bind';
export const REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
const STATE_KEY = 'PreFilterVolumeBinding';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

interface Claims {
  readonly bound: PersistentVolumeClaim[];
  readonly delayed: PersistentVolumeClaim[];
}

/** The pod's claims sorted by binding state, or why the pod cannot be scheduled at all. */
export function podClaims(pod: Pod, v: VolumeListers): Claims | { readonly reason: string } | undefined {
  const ns = pod.metadata?.namespace ?? '';
  const claims: Claims = { bound: [], delayed: [] };
  let immediate = false;
  let any = false;
  for (const vol of pod.spec?.volumes ?? []) {
    const ephemeral = vol.ephemeral !== undefined && vol.ephemeral !== null;
    const name = vol.persistentVolumeClaim?.claimName ?? (ephemeral ? `${pod.metadata?.name ?? ''}-${vol.name}` : undefined);
    if (name === undefined) continue;
    any = true;
    const pvc = v.claim(ns, name);
    if (pvc === undefined) {
      return { reason: ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found` };
    }
    if (ephemeral && !(pvc.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata?.uid)) {
      return { reason: `PVC ${ns}/${name} was not created for pod ${ns}/${pod.metadata?.name ?? ''} (pod is not owner)` };
    }
    if (pvc.status?.phase === 'Lost') return { reason: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"` };
    if (pvc.metadata?.deletionTimestamp) return { reason: `persistentvolumeclaim "${name}" is being deleted` };
    if ((pvc.spec?.volumeName ?? '') !== '') {
      claims.bound.push(pvc);
      continue;
    }
    const cls = pvc.spec?.storageClassName ?? '';
    if (cls !== '' && v.storageClass(cls)?.volumeBindingMode === 'WaitForFirstConsumer') claims.delayed.push(pvc);
    else immediate = true;
  }
  if (!any) return undefined;
  if (immediate) return { reason: REASON_UNBOUND_IMMEDIATE };
  return claims;
}

function reachable(pv: PersistentVolume, node: NodeInfo): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return terms === undefined || matchesAnyTerm(terms, node.node);
}

export function volumeBinding(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: VOLUME_BINDING,
    preFilter(state: CycleState, pod: Pod) {
      const v = handle.volumes;
      if (v === undefined || (pod.spec?.volumes ?? []).length === 0) return { status: skip() };
      const claims = podClaims(pod, v);
      if (claims === undefined) return { status: skip() };
      if ('reason' in claims) return { status: unresolvable(claims.reason) };
      state.write(STATE_KEY, claims);
      return { status: success() };
    },
    filter(state, _pod, node) {
      const claims = state.read<Claims>(STATE_KEY);
      const v = handle.volumes;
      if (claims === undefined || v === undefined) return success();
      const reasons = new Set<string>();
      for (const pvc of claims.bound) {
        const pv = v.volume(pvc.spec?.volumeName ?? '');
        if (pv === undefined) reasons.add(REASON_PV_NOT_EXIST);
        else if (!reachable(pv, node)) reasons.add(REASON_NODE_CONFLICT);
      }
      // Each delayed claim needs its own volume: a PV matched by one claim is not offered to the next.
      const taken = new Set<string>();
      for (const pvc of claims.delayed) {
        const pv = matchingVolume(pvc, v.volumes(), taken, (candidate) => reachable(candidate, node));
        if (pv !== undefined) {
          taken.add(pv.metadata?.name ?? '');
          continue;
        }
        const cls = v.storageClass(pvc.spec?.storageClassName ?? '');
        const topologies = cls?.allowedTopologies ?? [];
        const provisionable = cls !== undefined && cls.provisioner !== NO_PROVISIONER
          && (topologies.length === 0 || topologies.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.values.includes(node.labels[e.key] ?? '\u0000'))));
        if (!provisionable) reasons.add(REASON_BIND_CONFLICT);
      }
      return reasons.size === 0 ? success() : unresolvable(...[...reasons].sort());
    },
  };
}

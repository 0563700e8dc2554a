// What the pod's claims need on one node (upstream's FindPodVolumes): bound claims must have
// their volume reachable from the node; each delayed claim gets an available matching volume
// there (a static binding) or, failing that, must be provisionable for the node (a dynamic
// provisioning: its class has a provisioner whose allowed topologies include the node). A claim
// already annotated with a selected node is provisioned for that node only.

import type { Node, PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core/v1/index.ts';
import type { VolumeListers } from '../../framework/types.ts';
import type { VolumeAssumeCache } from './assume-cache.ts';
import type { PodClaims } from './claims.ts';
import { ANN_SELECTED_NODE, claimClass, NO_PROVISIONER, reachableFrom } from './helpers.ts';
import { matchingVolume, requestedBytes } from './match.ts';

export const REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const REASON_BIND_CONFLICT = 'node(s) didn\'t find available persistent volumes to bind';
export const REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

export interface Binding {
  pv: PersistentVolume;
  readonly pvc: PersistentVolumeClaim;
}

/** The volume work the pod needs on one node; Reserve assumes it, PreBind writes it. */
export interface PodVolumes {
  staticBindings: Binding[];
  dynamicProvisions: PersistentVolumeClaim[];
}

export interface FindResult {
  readonly volumes: PodVolumes;
  /** Why the node does not fit, in upstream's order; empty when it does. */
  readonly reasons: string[];
}

/** Throws (an Error status upstream) on a delayed claim without a class or with a missing class. */
export function findPodVolumes(claims: PodClaims, node: Node, cache: VolumeAssumeCache, v: VolumeListers): FindResult {
  const volumes: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
  let boundOk = true;
  let pvsFound = true;
  let unboundOk = true;
  const reasons = (): string[] => [
    ...(boundOk ? [] : [REASON_NODE_CONFLICT]), ...(unboundOk ? [] : [REASON_BIND_CONFLICT]), ...(pvsFound ? [] : [REASON_PV_NOT_EXIST]),
  ];
  for (const pvc of claims.bound) {
    const pv = cache.volume(pvc.spec?.volumeName ?? '');
    if (pv === undefined) {
      pvsFound = false;
      break;
    }
    if (!reachableFrom(pv, node)) {
      boundOk = false;
      break;
    }
  }
  if (claims.delayed.length === 0) return { volumes, reasons: reasons() };
  const toMatch: PersistentVolumeClaim[] = [];
  const toProvision: PersistentVolumeClaim[] = [];
  for (const pvc of claims.delayed) {
    const selected = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (selected === undefined) {
      toMatch.push(pvc);
    } else if (selected !== node.metadata?.name) {
      unboundOk = false;
      return { volumes, reasons: reasons() };
    } else {
      toProvision.push(pvc);
    }
  }
  if (toMatch.length > 0) {
    // Smallest requests first, so each gets the smallest volume that fits it.
    toMatch.sort((a, b) => { const x = requestedBytes(a); const y = requestedBytes(b); return x < y ? -1 : x > y ? 1 : 0; });
    const chosen = new Set<string>();
    for (const pvc of toMatch) {
      const pv = matchingVolume(pvc, claims.volumesByClass.get(claimClass(pvc)) ?? [], chosen, node);
      if (pv === undefined) {
        unboundOk = false;
        toProvision.push(pvc);
        continue;
      }
      chosen.add(pv.metadata?.name ?? '');
      volumes.staticBindings.push({ pv, pvc });
    }
  }
  if (toProvision.length > 0) {
    unboundOk = true;
    for (const pvc of toProvision) {
      const name = claimClass(pvc);
      if (name === '') throw new Error(`no class for claim "${pvc.metadata?.namespace ?? ''}/${pvc.metadata?.name ?? ''}"`);
      const cls = v.storageClass(name);
      if (cls === undefined) throw new Error(`failed to find storage class "${name}"`);
      const labels = node.metadata?.labels ?? {};
      const topologies = cls.allowedTopologies ?? [];
      const allowed = topologies.length === 0
        || topologies.some((t) => (t.matchLabelExpressions ?? []).length > 0 && (t.matchLabelExpressions ?? []).every((e) => labels[e.key] !== undefined && e.values.includes(labels[e.key] ?? '')));
      if (cls.provisioner === '' || cls.provisioner === NO_PROVISIONER || !allowed) {
        unboundOk = false;
        volumes.dynamicProvisions = [];
        return { volumes, reasons: reasons() };
      }
      volumes.dynamicProvisions.push(pvc);
    }
  }
  return { volumes, reasons: reasons() };
}

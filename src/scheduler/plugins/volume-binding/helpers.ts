// Small rules about claims and volumes the binder shares (upstream's component-helpers
// storage/volume): annotations, the class of a claim or volume, when a claim counts as bound,
// whether a volume is reachable from a node, and the claimRef a volume gets when bound.

import type { Node, ObjectReference, PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core/v1/index.ts';
import { matchesAnyTerm } from '../helpers/node-selector.ts';

/** Set by the PV controller once it finished binding a claim. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** Set on a volume bound by a controller (or the scheduler), not pre-bound by a user. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** The node a claim's volume is to be provisioned for; the provisioner removes it when it fails. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The claim's class: the beta annotation wins over spec.storageClassName, as upstream. */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.[ANN_BETA_CLASS] ?? pvc.spec?.storageClassName ?? '';
}

export function volumeClass(pv: PersistentVolume): string {
  return pv.metadata?.annotations?.[ANN_BETA_CLASS] ?? pv.spec?.storageClassName ?? '';
}

/** Bound, and the PV controller has finished: spec.volumeName set and bind-completed annotated. */
export function fullyBound(pvc: PersistentVolumeClaim): boolean {
  return (pvc.spec?.volumeName ?? '') !== '' && pvc.metadata?.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}

/** The volume's claimRef names this claim (and its uid, when the ref has one). */
export function boundToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (ref === undefined || ref === null) return false;
  if (ref.name !== pvc.metadata?.name || ref.namespace !== pvc.metadata?.namespace) return false;
  return (ref.uid ?? '') === '' || ref.uid === pvc.metadata?.uid;
}

/** The volume's required node affinity admits the node (a volume without one is reachable anywhere). */
export function reachableFrom(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return terms === undefined || terms === null || matchesAnyTerm(terms, node);
}

/**
 * The volume bound to the claim (upstream's GetBindVolumeToClaim): a copy with the claimRef
 * set, and bound-by-controller annotated unless a user had pre-bound it. `changed` is false
 * when the volume already carried exactly that binding.
 */
export function bindVolumeToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): { pv: PersistentVolume; changed: boolean } {
  const preBound = boundToClaim(pv, pvc);
  const ref = pv.spec?.claimRef;
  let out: PersistentVolume = { ...pv, metadata: { ...pv.metadata }, spec: { ...pv.spec } };
  let changed = false;
  if (ref === undefined || ref === null || ref.name !== pvc.metadata?.name || ref.namespace !== pvc.metadata?.namespace || (ref.uid ?? '') !== (pvc.metadata?.uid ?? '')) {
    const claimRef: ObjectReference = {
      kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: pvc.metadata?.namespace ?? '', name: pvc.metadata?.name ?? '',
      ...(pvc.metadata?.uid === undefined ? {} : { uid: pvc.metadata.uid }),
      ...(pvc.metadata?.resourceVersion === undefined ? {} : { resourceVersion: pvc.metadata.resourceVersion }),
    };
    out = { ...out, spec: { ...out.spec, claimRef } };
    changed = true;
  }
  if (!preBound && out.metadata?.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined) {
    out = { ...out, metadata: { ...out.metadata, annotations: { ...out.metadata?.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' } } };
    changed = true;
  }
  return { pv: out, changed };
}

/** resourceVersion as a number for ordering (upstream's APIObjectVersioner); 0 when absent or not numeric. */
export function versionOf(obj: { readonly metadata?: { readonly resourceVersion?: string | undefined } | undefined }): bigint {
  const rv = obj.metadata?.resourceVersion ?? '';
  return /^\d+$/.test(rv) ? BigInt(rv) : 0n;
}

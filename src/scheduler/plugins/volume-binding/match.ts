// Which PersistentVolume a delayed claim could bind to on a node (upstream's FindMatchingVolume,
// scheduler path). A volume pre-bound to the claim decides alone: it matches if the node can
// reach it, and if not, nothing does. Otherwise the smallest volume that is Available, not
// being deleted, not claimed by another claim, large enough, of the claim's volume mode, class,
// selector and access modes, and reachable from the node.

import { fromLabelSelector, matches } from '../../../api/labels/selector.ts';
import { parseQuantity } from '../../../api/quantity.ts';
import type { Node, PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core/v1/index.ts';
import { boundToClaim, claimClass, reachableFrom, volumeClass } from './helpers.ts';

/** A storage quantity in bytes; 0 when absent or unparseable. */
export function bytes(raw: string | undefined): bigint {
  if (raw === undefined) return 0n;
  const q = parseQuantity(raw);
  return q.ok ? q.value.value() : 0n;
}

export function requestedBytes(pvc: PersistentVolumeClaim): bigint {
  return bytes(pvc.spec?.resources?.requests?.['storage'] as string | undefined);
}

/** `excluded`: volumes already chosen for the pod's other claims. */
export function matchingVolume(pvc: PersistentVolumeClaim, volumes: readonly PersistentVolume[], excluded: ReadonlySet<string>,
  node: Node): PersistentVolume | undefined {
  const spec = pvc.spec;
  const wanted = requestedBytes(pvc);
  const cls = claimClass(pvc);
  const mode = spec?.volumeMode ?? 'Filesystem';
  const selector = spec?.selector === undefined || spec.selector === null ? undefined : fromLabelSelector(spec.selector as Parameters<typeof fromLabelSelector>[0]);
  let best: PersistentVolume | undefined;
  let bestSize = 0n;
  for (const pv of volumes) {
    if (excluded.has(pv.metadata?.name ?? '')) continue;
    const ref = pv.spec?.claimRef;
    const mine = boundToClaim(pv, pvc);
    if (ref !== undefined && ref !== null && !mine) continue;
    const size = bytes(pv.spec?.capacity?.['storage'] as string | undefined);
    if (size < wanted || (pv.spec?.volumeMode ?? 'Filesystem') !== mode || pv.metadata?.deletionTimestamp) continue;
    const reachable = reachableFrom(pv, node);
    if (mine) return reachable ? pv : undefined;
    if (pv.status?.phase !== 'Available') continue;
    if (selector !== undefined && (!selector.ok || !matches(selector.value, pv.metadata?.labels ?? {}))) continue;
    if (volumeClass(pv) !== cls || !reachable) continue;
    if (!(spec?.accessModes ?? []).every((m) => (pv.spec?.accessModes ?? []).includes(m))) continue;
    if (best === undefined || size < bestSize) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}

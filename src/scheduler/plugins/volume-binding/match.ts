// Which available PersistentVolume a claim could bind to (upstream's FindMatchingVolume, the
// parts that apply here): one pre-bound to the claim wins; otherwise the smallest volume that is
// unclaimed, not being deleted, of the claim's class and volume mode, offers its access modes,
// is large enough, matches its selector, and is reachable from the node.

import { fromLabelSelector, matches } from '../../../api/labels/selector.ts';
import { parseQuantity } from '../../../api/quantity.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core/v1/index.ts';

function bytes(raw: string | undefined): bigint {
  if (raw === undefined) return 0n;
  const q = parseQuantity(raw);
  return q.ok ? q.value.value() : 0n;
}

function claimedBy(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  return ref !== undefined && ref !== null && ref.name === pvc.metadata?.name && ref.namespace === pvc.metadata?.namespace
    && (ref.uid === undefined || ref.uid === '' || ref.uid === pvc.metadata?.uid);
}

export function matchingVolume(pvc: PersistentVolumeClaim, volumes: readonly PersistentVolume[], taken: ReadonlySet<string>,
  reachable: (pv: PersistentVolume) => boolean): PersistentVolume | undefined {
  const spec = pvc.spec;
  const wanted = bytes(spec?.resources?.requests?.['storage'] as string | undefined);
  const cls = spec?.storageClassName ?? '';
  const mode = spec?.volumeMode ?? 'Filesystem';
  const selector = spec?.selector === undefined || spec.selector === null ? undefined : fromLabelSelector(spec.selector as Parameters<typeof fromLabelSelector>[0]);
  let best: PersistentVolume | undefined;
  let bestSize = 0n;
  for (const pv of volumes) {
    if (taken.has(pv.metadata?.name ?? '') || pv.metadata?.deletionTimestamp) continue;
    const size = bytes(pv.spec?.capacity?.['storage'] as string | undefined);
    const fits = (pv.spec?.storageClassName ?? '') === cls && (pv.spec?.volumeMode ?? 'Filesystem') === mode && size >= wanted
      && (spec?.accessModes ?? []).every((m) => (pv.spec?.accessModes ?? []).includes(m)) && reachable(pv);
    if (claimedBy(pv, pvc)) {
      if (fits) return pv;
      continue;
    }
    const ref = pv.spec?.claimRef;
    if ((ref !== undefined && ref !== null) || pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') continue;
    if (!fits) continue;
    if (selector !== undefined && (!selector.ok || !matches(selector.value, pv.metadata?.labels ?? {}))) continue;
    if (best === undefined || size < bestSize) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}

// VolumeRestrictions (upstream's plugin of that name), two rules:
//  - a claim with the ReadWriteOncePod access mode serves one pod in the whole cluster: while any
//    scheduled (or assumed) pod uses it, another pod using it fits nowhere (Unschedulable, so
//    preemption of that pod may help);
//  - the same GCE persistent disk, AWS EBS volume, RBD image or iSCSI target mounted inline by
//    two pods on one node conflicts, unless both mount it read-only (an EBS volume always does).

import type { Pod, Volume } from '../../../api/types/core/v1/index.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { skip, success, unresolvable, unschedulable } from '../../framework/status.ts';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/types.ts';

export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';
export const REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const STATE_KEY = 'PreFilterVolumeRestrictions';

interface State {
  /** Pods already using one of the pod's ReadWriteOncePod claims. */
  readonly conflicts: number;
}

/** The inline volume kinds whose sharing between pods on a node is checked. */
function needsCheck(v: Volume): boolean {
  return v.gcePersistentDisk != null || v.awsElasticBlockStore != null || v.rbd != null || v.iscsi != null;
}

/** Would `v` and a volume of `other` be the same disk mounted read-write by one of them? */
export function conflicts(v: Volume, other: Pod): boolean {
  for (const e of other.spec?.volumes ?? []) {
    if (v.gcePersistentDisk != null && e.gcePersistentDisk != null && v.gcePersistentDisk.pdName === e.gcePersistentDisk.pdName
      && !(v.gcePersistentDisk.readOnly === true && e.gcePersistentDisk.readOnly === true)) return true;
    if (v.awsElasticBlockStore != null && e.awsElasticBlockStore != null && v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID) return true;
    if (v.iscsi != null && e.iscsi != null && v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly === true && e.iscsi.readOnly === true)) return true;
    if (v.rbd != null && e.rbd != null) {
      const a = v.rbd;
      const b = e.rbd;
      const monitors = new Set(a.monitors ?? []);
      if ((b.monitors ?? []).some((m) => monitors.has(m)) && (a.pool ?? 'rbd') === (b.pool ?? 'rbd') && a.image === b.image
        && !(a.readOnly === true && b.readOnly === true)) return true;
    }
  }
  return false;
}

/** How many scheduled pods in the snapshot use namespace/claim for one of `claims`. */
function podsUsing(state: CycleState, namespace: string, claims: ReadonlySet<string>): number {
  let n = 0;
  for (const node of state.snapshot.nodes) {
    for (const { pod } of node.pods) {
      if ((pod.metadata?.namespace ?? '') !== namespace) continue;
      for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim != null && claims.has(v.persistentVolumeClaim.claimName)) n++;
    }
  }
  return n;
}

export function volumeRestrictions(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: VOLUME_RESTRICTIONS,
    preFilter(state, pod) {
      const volumes = pod.spec?.volumes ?? [];
      const ns = pod.metadata?.namespace ?? '';
      const rwop = new Set<string>();
      for (const v of volumes) {
        if (v.persistentVolumeClaim == null) continue;
        const name = v.persistentVolumeClaim.claimName;
        const pvc = handle.volumes?.claim(ns, name);
        if (pvc === undefined) {
          if (handle.volumes === undefined) continue;
          return { status: unresolvable(`persistentvolumeclaim "${name}" not found`) };
        }
        if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(name);
      }
      const count = rwop.size === 0 ? 0 : podsUsing(state, ns, rwop);
      if (!volumes.some(needsCheck) && count === 0) return { status: skip() };
      state.write(STATE_KEY, { conflicts: count } satisfies State);
      return { status: success() };
    },
    filter(state, pod, node: NodeInfo) {
      for (const v of pod.spec?.volumes ?? []) {
        if (!needsCheck(v)) continue;
        for (const { pod: other } of node.pods) if (conflicts(v, other)) return unschedulable(REASON_DISK_CONFLICT);
      }
      const s = state.read<State>(STATE_KEY);
      return s !== undefined && s.conflicts > 0 ? unschedulable(REASON_RWOP_CONFLICT) : success();
    },
  };
}

// VolumeZone: a pod whose bound volumes carry zone or region labels fits only on nodes in those
// zones or regions. A label value may list several zones joined by "__". Nodes without any
// zone or region label are not constrained; claims waiting for their first consumer are left
// to VolumeBinding.

import type { Pod } from '../../../api/types/core/v1/index.ts';
import { skip, success, unresolvable } from '../../framework/status.ts';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/types.ts';

export const VOLUME_ZONE = 'VolumeZone';
export const REASON_ZONE_CONFLICT = 'node(s) had no available volume zone';
const STATE_KEY = 'PreFilterVolumeZone';
const TOPOLOGY_LABELS = [
  'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone', 'topology.kubernetes.io/region',
];

interface Constraint {
  readonly key: string;
  readonly values: ReadonlySet<string>;
}

export function volumeZone(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: VOLUME_ZONE,
    preFilter(state, pod: Pod) {
      const v = handle.volumes;
      if (v === undefined) return { status: skip() };
      const ns = pod.metadata?.namespace ?? '';
      const constraints: Constraint[] = [];
      for (const vol of pod.spec?.volumes ?? []) {
        const name = vol.persistentVolumeClaim?.claimName;
        if (name === undefined) continue;
        const pvc = v.claim(ns, name);
        // A missing claim is VolumeBinding's to report.
        if (pvc === undefined) continue;
        const pvName = pvc.spec?.volumeName ?? '';
        if (pvName === '') {
          const cls = pvc.spec?.storageClassName ?? '';
          if (cls === '') return { status: unresolvable('PersistentVolumeClaim had no pv name and storageClass name') };
          if (v.storageClass(cls)?.volumeBindingMode === 'WaitForFirstConsumer') continue;
          return { status: unresolvable('PersistentVolume had no name') };
        }
        const pv = v.volume(pvName);
        // A claim bound to a missing volume is VolumeBinding's to report too.
        if (pv === undefined) continue;
        for (const key of TOPOLOGY_LABELS) {
          const value = pv.metadata?.labels?.[key];
          if (value !== undefined) constraints.push({ key, values: new Set(value.split('__')) });
        }
      }
      if (constraints.length === 0) return { status: skip() };
      state.write(STATE_KEY, constraints);
      return { status: success() };
    },
    filter(state, _pod, node) {
      const constraints = state.read<Constraint[]>(STATE_KEY);
      if (constraints === undefined) return success();
      if (!TOPOLOGY_LABELS.some((k) => node.labels[k] !== undefined)) return success();
      for (const c of constraints) {
        const value = node.labels[c.key];
        if (value === undefined || !c.values.has(value)) return unresolvable(REASON_ZONE_CONFLICT);
      }
      return success();
    },
  };
}

// Which attachable CSI volumes a pod uses, per driver (upstream's CSILimits filterAttachableVolumes):
// a claim bound to a CSI volume counts as driver/volumeHandle; an unbound claim (or one whose
// volume is not known yet) counts as a fresh volume of its class's provisioner; in-tree GCE PD,
// AWS EBS, Azure Disk and Cinder volumes count under the CSI driver they migrate to, but only when
// the node's CSINode lists the in-tree plugin as migrated.

import { createHash } from 'node:crypto';
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from '../../../api/types/core/v1/index.ts';
import type { CSINode, VolumeListers } from '../../framework/types.ts';

export const LIMIT_PREFIX = 'attachable-volumes-';
const CSI_LIMIT_PREFIX = 'attachable-volumes-csi-';
const MIGRATED_PLUGINS = 'storage.alpha.kubernetes.io/migrated-plugins';

/** In-tree plugin → its CSI driver, and how to find the in-tree volume's id in a volume source. */
const IN_TREE: readonly { plugin: string; driver: string; id: (v: Volume | NonNullable<PersistentVolume['spec']>) => string | undefined }[] = [
  { plugin: 'kubernetes.io/gce-pd', driver: 'pd.csi.storage.gke.io', id: (v) => v.gcePersistentDisk?.pdName },
  { plugin: 'kubernetes.io/aws-ebs', driver: 'ebs.csi.aws.com', id: (v) => v.awsElasticBlockStore?.volumeID },
  { plugin: 'kubernetes.io/azure-disk', driver: 'disk.csi.azure.com', id: (v) => v.azureDisk?.diskURI },
  { plugin: 'kubernetes.io/cinder', driver: 'cinder.csi.openstack.org', id: (v) => v.cinder?.volumeID },
];

/** The node allocatable name a driver's limit goes by (upstream's GetCSIAttachLimitKey). */
export function attachLimitKey(driver: string): string {
  if (CSI_LIMIT_PREFIX.length + driver.length < 63) return CSI_LIMIT_PREFIX + driver;
  const hash = createHash('sha1').update(driver).digest('hex').slice(0, 16);
  return CSI_LIMIT_PREFIX + driver.slice(0, 23) + hash;
}

function migrated(csiNode: CSINode | undefined, plugin: string): boolean {
  const list = csiNode?.metadata?.annotations?.[MIGRATED_PLUGINS];
  return list !== undefined && list.split(',').includes(plugin);
}

/** The driver and volume id of an inline or PV in-tree volume, when migration is on for it. */
function translated(source: Volume | NonNullable<PersistentVolume['spec']>, csiNode: CSINode | undefined): [string, string] | undefined {
  for (const t of IN_TREE) {
    const id = t.id(source);
    if (id === undefined) continue;
    return migrated(csiNode, t.plugin) ? [t.driver, id] : undefined;
  }
  return undefined;
}

export interface AttachableContext {
  readonly listers: VolumeListers;
  readonly csiNode: CSINode | undefined;
  /** Makes the made-up handles of not-yet-provisioned volumes unique to this scheduler. */
  readonly randomPrefix: string;
}

/** An error upstream reports as "not found": the pod waits for the claim (unresolvable). */
export class ClaimNotFound extends Error {}

/**
 * Adds the pod's attachable volumes to `into` (unique name → limit key). For the pod being
 * scheduled (`newPod`) a missing claim throws ClaimNotFound; for pods already on the node it is
 * not counted.
 */
export function addAttachable(ctx: AttachableContext, pod: Pod, newPod: boolean, into: Map<string, string>): void {
  const ns = pod.metadata?.namespace ?? '';
  for (const vol of pod.spec?.volumes ?? []) {
    let claimName: string;
    let ephemeral = false;
    if (vol.persistentVolumeClaim != null) {
      claimName = vol.persistentVolumeClaim.claimName;
    } else if (vol.ephemeral != null) {
      claimName = `${pod.metadata?.name ?? ''}-${vol.name}`;
      ephemeral = true;
    } else {
      const t = translated(vol, ctx.csiNode);
      if (t !== undefined) into.set(`${t[0]}/${t[1]}`, attachLimitKey(t[0]));
      continue;
    }
    if (claimName === '') throw new Error('PersistentVolumeClaim had no name');
    const pvc = ctx.listers.claim(ns, claimName);
    if (pvc === undefined) {
      if (newPod) throw new ClaimNotFound(`looking up PVC ${ns}/${claimName}: persistentvolumeclaim "${claimName}" not found`);
      continue;
    }
    if (ephemeral && !(pvc.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata?.uid)) {
      throw new Error(`PVC ${ns}/${claimName} was not created for pod ${ns}/${pod.metadata?.name ?? ''} (pod is not owner)`);
    }
    const info = driverInfo(ctx, pvc);
    if (info !== undefined) into.set(`${info[0]}/${info[1]}`, attachLimitKey(info[0]));
  }
}

function driverInfo(ctx: AttachableContext, pvc: PersistentVolumeClaim): [string, string] | undefined {
  const pvName = pvc.spec?.volumeName ?? '';
  const pv = pvName === '' ? undefined : ctx.listers.volume(pvName);
  if (pv === undefined) return fromClass(ctx, pvc);
  const csi = pv.spec?.csi;
  if (csi != null) return csi.driver === '' || csi.volumeHandle === '' ? undefined : [csi.driver, csi.volumeHandle];
  return pv.spec === undefined ? undefined : translated(pv.spec, ctx.csiNode);
}

/** An unbound claim: a volume its class's provisioner will make, under a made-up unique handle. */
function fromClass(ctx: AttachableContext, pvc: PersistentVolumeClaim): [string, string] | undefined {
  const name = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
  if (name === '') return undefined;
  const cls = ctx.listers.storageClass(name);
  if (cls === undefined) return undefined;
  const handle = `${ctx.randomPrefix}-${pvc.metadata?.namespace ?? ''}/${pvc.metadata?.name ?? ''}`;
  const inTree = IN_TREE.find((t) => t.plugin === cls.provisioner);
  if (inTree !== undefined) return migrated(ctx.csiNode, inTree.plugin) ? [inTree.driver, handle] : undefined;
  return [cls.provisioner, handle];
}

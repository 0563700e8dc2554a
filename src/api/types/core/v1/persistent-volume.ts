// core/v1: PersistentVolume and its sources.

import { boolean, list, map, opt, quantity, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { inlined } from '../../inlined.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { NodeSelector } from './affinity.ts';
import { PersistentVolumeAccessMode, PersistentVolumeMode, PersistentVolumePhase, PersistentVolumeReclaimPolicy } from './enums.ts';
import {
  AzureFilePersistentVolumeSource,
  CephFSPersistentVolumeSource,
  CinderPersistentVolumeSource,
  FlexPersistentVolumeSource,
  GlusterfsPersistentVolumeSource,
  ISCSIPersistentVolumeSource,
  RBDPersistentVolumeSource,
  ScaleIOPersistentVolumeSource,
  StorageOSPersistentVolumeSource,
} from './persistent-volume-legacy.ts';
import { ObjectReference, SecretReference } from './references.ts';
import {
  AWSElasticBlockStoreVolumeSource,
  AzureDiskVolumeSource,
  FCVolumeSource,
  FlockerVolumeSource,
  GCEPersistentDiskVolumeSource,
  NFSVolumeSource,
  PhotonPersistentDiskVolumeSource,
  PortworxVolumeSource,
  QuobyteVolumeSource,
  VsphereVirtualDiskVolumeSource,
} from './volume-legacy.ts';
import { HostPathVolumeSource } from './volume.ts';

/** The fields of PersistentVolumeSource, which other structs embed. */
export const persistentVolumeSourceFields = {
  gcePersistentDisk: opt(1, () => GCEPersistentDiskVolumeSource, { description: 'Deprecated: a GCE persistent disk.', omitEmpty: true }),
  awsElasticBlockStore: opt(2, () => AWSElasticBlockStoreVolumeSource, { description: 'Deprecated: an AWS EBS volume.', omitEmpty: true }),
  hostPath: opt(3, () => HostPathVolumeSource, { description: 'A directory on one node, for development and testing.', omitEmpty: true }),
  glusterfs: opt(4, () => GlusterfsPersistentVolumeSource, { description: 'Deprecated: a GlusterFS mount.', omitEmpty: true }),
  nfs: opt(5, () => NFSVolumeSource, { description: 'An NFS export.', omitEmpty: true }),
  rbd: opt(6, () => RBDPersistentVolumeSource, { description: 'Deprecated: a Ceph RBD image.', omitEmpty: true }),
  iscsi: opt(7, () => ISCSIPersistentVolumeSource, { description: 'An iSCSI disk.', omitEmpty: true }),
  cinder: opt(8, () => CinderPersistentVolumeSource, { description: 'Deprecated: an OpenStack Cinder volume.', omitEmpty: true }),
  cephfs: opt(9, () => CephFSPersistentVolumeSource, { description: 'Deprecated: a CephFS mount.', omitEmpty: true }),
  fc: opt(10, () => FCVolumeSource, { description: 'A Fibre Channel disk.', omitEmpty: true }),
  flocker: opt(11, () => FlockerVolumeSource, { description: 'Deprecated: a Flocker dataset.', omitEmpty: true }),
  flexVolume: opt(12, () => FlexPersistentVolumeSource, { description: 'Deprecated: a volume mounted by a FlexVolume driver.', omitEmpty: true }),
  azureFile: opt(13, () => AzureFilePersistentVolumeSource, { description: 'Deprecated: an Azure File share.', omitEmpty: true }),
  vsphereVolume: opt(14, () => VsphereVirtualDiskVolumeSource, { description: 'Deprecated: a vSphere disk.', omitEmpty: true }),
  quobyte: opt(15, () => QuobyteVolumeSource, { description: 'Deprecated: a Quobyte mount.', omitEmpty: true }),
  azureDisk: opt(16, () => AzureDiskVolumeSource, { description: 'Deprecated: an Azure data disk.', omitEmpty: true }),
  photonPersistentDisk: opt(17, () => PhotonPersistentDiskVolumeSource, { description: 'Deprecated: a Photon Controller disk.', omitEmpty: true }),
  portworxVolume: opt(18, () => PortworxVolumeSource, { description: 'Deprecated: a Portworx volume.', omitEmpty: true }),
  scaleIO: opt(19, () => ScaleIOPersistentVolumeSource, { description: 'Deprecated: a ScaleIO volume.', omitEmpty: true }),
  local: opt(20, () => LocalVolumeSource, { description: 'A disk, partition or directory local to one node.', omitEmpty: true }),
  storageos: opt(21, () => StorageOSPersistentVolumeSource, { description: 'Deprecated: a StorageOS volume.', omitEmpty: true }),
  csi: opt(22, () => CSIPersistentVolumeSource, { description: 'A volume managed by a CSI driver.', omitEmpty: true }),
};

export const PersistentVolume = struct('io.k8s.api.core.v1.PersistentVolume', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => PersistentVolumeSpec, { description: 'The volume\'s capacity, access modes and backing storage.', omitEmpty: true }),
  status: opt(3, () => PersistentVolumeStatus, { description: 'The observed state of the volume.', omitEmpty: true }),
}, { description: 'A piece of storage in the cluster, provisioned by an administrator or dynamically.' });
export type PersistentVolume = Infer<typeof PersistentVolume>;

export const PersistentVolumeList = struct('io.k8s.api.core.v1.PersistentVolumeList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(PersistentVolume), { description: 'The PersistentVolume objects.' }),
}, { description: 'A list of PersistentVolume objects.' });
export type PersistentVolumeList = Infer<typeof PersistentVolumeList>;

export const PersistentVolumeSpec = struct('io.k8s.api.core.v1.PersistentVolumeSpec', {
  capacity: opt(1, map(quantity), { description: 'The volume\'s capacity, e.g. storage.', omitEmpty: true }),
  // PersistentVolumeSource is embedded here: flat in JSON, protobuf field 2.
  ...inlined(2, persistentVolumeSourceFields),
  accessModes: opt(3, list(PersistentVolumeAccessMode), { description: 'How the volume may be mounted, e.g. ReadWriteOnce.', listType: 'atomic', omitEmpty: true }),
  claimRef: opt(4, () => ObjectReference, { description: 'The claim this volume is bound to.', mapType: 'granular', omitEmpty: true, pointer: true }),
  persistentVolumeReclaimPolicy: opt(5, PersistentVolumeReclaimPolicy, { description: 'What happens when the claim is released: Retain, Delete or Recycle.', omitEmpty: true }),
  storageClassName: opt(6, string, { description: 'The StorageClass the volume belongs to.', omitEmpty: true }),
  mountOptions: opt(7, list(string), { description: 'Mount options used when the volume is mounted.', listType: 'atomic', omitEmpty: true }),
  volumeMode: opt(8, PersistentVolumeMode, { description: 'Filesystem or Block.', omitEmpty: true, pointer: true }),
  nodeAffinity: opt(9, () => VolumeNodeAffinity, { description: 'The nodes the volume can be reached from.', omitEmpty: true, pointer: true }),
  volumeAttributesClassName: opt(10, string, { description: 'The VolumeAttributesClass the volume belongs to.', omitEmpty: true, pointer: true }),
}, { description: 'The properties and backing storage of a PersistentVolume.' });
export type PersistentVolumeSpec = Infer<typeof PersistentVolumeSpec>;

export const PersistentVolumeSource = struct('io.k8s.api.core.v1.PersistentVolumeSource', persistentVolumeSourceFields, { description: 'The storage behind a PersistentVolume; exactly one source is set.' });
export type PersistentVolumeSource = Infer<typeof PersistentVolumeSource>;

export const VolumeNodeAffinity = struct('io.k8s.api.core.v1.VolumeNodeAffinity', {
  required: opt(1, () => NodeSelector, { description: 'Nodes must match this selector.', omitEmpty: true, pointer: true }),
}, { description: 'The nodes a volume can be used from.' });
export type VolumeNodeAffinity = Infer<typeof VolumeNodeAffinity>;

export const PersistentVolumeStatus = struct('io.k8s.api.core.v1.PersistentVolumeStatus', {
  phase: opt(1, PersistentVolumePhase, { description: 'Pending, Available, Bound, Released or Failed.', omitEmpty: true }),
  message: opt(2, string, { description: 'A human-readable note on the volume\'s state.', omitEmpty: true }),
  reason: opt(3, string, { description: 'A short CamelCase reason for a failure.', omitEmpty: true }),
  lastPhaseTransitionTime: opt(4, time, { description: 'When the phase last changed.', omitEmpty: true, pointer: true }),
}, { description: 'The observed state of a PersistentVolume.' });
export type PersistentVolumeStatus = Infer<typeof PersistentVolumeStatus>;

export const LocalVolumeSource = struct('io.k8s.api.core.v1.LocalVolumeSource', {
  path: req(1, string, { description: 'The path on the node.' }),
  fsType: opt(2, string, { description: 'The filesystem type, for block devices.', omitEmpty: true, pointer: true }),
}, { description: 'Storage attached directly to one node.' });
export type LocalVolumeSource = Infer<typeof LocalVolumeSource>;

export const CSIPersistentVolumeSource = struct('io.k8s.api.core.v1.CSIPersistentVolumeSource', {
  driver: req(1, string, { description: 'The CSI driver\'s name.' }),
  volumeHandle: req(2, string, { description: 'The driver\'s ID of the volume.' }),
  readOnly: opt(3, boolean, { description: 'Publish the volume read-only.', omitEmpty: true }),
  fsType: opt(4, string, { description: 'The filesystem type.', omitEmpty: true }),
  volumeAttributes: opt(5, map(string), { description: 'Properties passed as is to the driver.', omitEmpty: true }),
  controllerPublishSecretRef: opt(6, () => SecretReference, { description: 'The Secret passed to ControllerPublishVolume and ControllerUnpublishVolume.', omitEmpty: true, pointer: true }),
  nodeStageSecretRef: opt(7, () => SecretReference, { description: 'The Secret passed to NodeStageVolume.', omitEmpty: true, pointer: true }),
  nodePublishSecretRef: opt(8, () => SecretReference, { description: 'The Secret passed to NodePublishVolume.', omitEmpty: true, pointer: true }),
  controllerExpandSecretRef: opt(9, () => SecretReference, { description: 'The Secret passed to ControllerExpandVolume.', omitEmpty: true, pointer: true }),
  nodeExpandSecretRef: opt(10, () => SecretReference, { description: 'The Secret passed to NodeExpandVolume.', omitEmpty: true, pointer: true }),
}, { description: 'A PersistentVolume managed by a CSI driver.' });
export type CSIPersistentVolumeSource = Infer<typeof CSIPersistentVolumeSource>;

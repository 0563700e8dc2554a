// core/v1: Pod volume sources for in-tree storage plugins, most of them deprecated.

import { boolean, int32, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { AzureDataDiskCachingMode, AzureDataDiskKind } from './enums.ts';
import { LocalObjectReference } from './references.ts';

export const GCEPersistentDiskVolumeSource = struct('io.k8s.api.core.v1.GCEPersistentDiskVolumeSource', {
  pdName: req(1, string, { description: 'The disk name.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  partition: opt(3, int32, { description: 'The partition to mount.', omitEmpty: true }),
  readOnly: opt(4, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A GCE persistent disk.' });
export type GCEPersistentDiskVolumeSource = Infer<typeof GCEPersistentDiskVolumeSource>;

export const AWSElasticBlockStoreVolumeSource = struct('io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource', {
  volumeID: req(1, string, { description: 'The EBS volume ID.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  partition: opt(3, int32, { description: 'The partition to mount.', omitEmpty: true }),
  readOnly: opt(4, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'An AWS EBS volume.' });
export type AWSElasticBlockStoreVolumeSource = Infer<typeof AWSElasticBlockStoreVolumeSource>;

export const GitRepoVolumeSource = struct('io.k8s.api.core.v1.GitRepoVolumeSource', {
  repository: req(1, string, { description: 'The repository URL.' }),
  revision: opt(2, string, { description: 'The commit to check out.', omitEmpty: true }),
  directory: opt(3, string, { description: 'The directory name to clone into.', omitEmpty: true }),
}, { description: 'A git repository cloned into a directory.' });
export type GitRepoVolumeSource = Infer<typeof GitRepoVolumeSource>;

export const NFSVolumeSource = struct('io.k8s.api.core.v1.NFSVolumeSource', {
  server: req(1, string, { description: 'The NFS server.' }),
  path: req(2, string, { description: 'The exported path.' }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'An NFS export.' });
export type NFSVolumeSource = Infer<typeof NFSVolumeSource>;

export const ISCSIVolumeSource = struct('io.k8s.api.core.v1.ISCSIVolumeSource', {
  targetPortal: req(1, string, { description: 'The target portal, as IP or IP:port.' }),
  iqn: req(2, string, { description: 'The target\'s iSCSI qualified name.' }),
  lun: req(3, int32, { description: 'The target LUN number.' }),
  iscsiInterface: opt(4, string, { description: 'The iSCSI interface name.', omitEmpty: true }),
  fsType: opt(5, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(6, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  portals: opt(7, list(string), { description: 'Additional target portals.', listType: 'atomic', omitEmpty: true }),
  chapAuthDiscovery: opt(8, boolean, { description: 'Use CHAP authentication for discovery.', omitEmpty: true }),
  chapAuthSession: opt(11, boolean, { description: 'Use CHAP authentication for the session.', omitEmpty: true }),
  secretRef: opt(10, () => LocalObjectReference, { description: 'The Secret with CHAP credentials.', omitEmpty: true, pointer: true }),
  initiatorName: opt(12, string, { description: 'A custom initiator name.', omitEmpty: true, pointer: true }),
}, { description: 'An iSCSI disk.' });
export type ISCSIVolumeSource = Infer<typeof ISCSIVolumeSource>;

export const GlusterfsVolumeSource = struct('io.k8s.api.core.v1.GlusterfsVolumeSource', {
  endpoints: req(1, string, { description: 'The Endpoints object listing the Gluster servers.' }),
  path: req(2, string, { description: 'The Gluster volume path.' }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A GlusterFS mount.' });
export type GlusterfsVolumeSource = Infer<typeof GlusterfsVolumeSource>;

export const RBDVolumeSource = struct('io.k8s.api.core.v1.RBDVolumeSource', {
  monitors: req(1, list(string), { description: 'The Ceph monitors.', listType: 'atomic' }),
  image: req(2, string, { description: 'The RBD image name.' }),
  fsType: opt(3, string, { description: 'The filesystem type.', omitEmpty: true }),
  pool: opt(4, string, { description: 'The RADOS pool.', omitEmpty: true }),
  user: opt(5, string, { description: 'The RADOS user.', omitEmpty: true }),
  keyring: opt(6, string, { description: 'The keyring path.', omitEmpty: true }),
  secretRef: opt(7, () => LocalObjectReference, { description: 'The Secret with the authentication key.', omitEmpty: true, pointer: true }),
  readOnly: opt(8, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A Ceph RBD image.' });
export type RBDVolumeSource = Infer<typeof RBDVolumeSource>;

export const FlexVolumeSource = struct('io.k8s.api.core.v1.FlexVolumeSource', {
  driver: req(1, string, { description: 'The driver name.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  secretRef: opt(3, () => LocalObjectReference, { description: 'The Secret passed to the driver.', omitEmpty: true, pointer: true }),
  readOnly: opt(4, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  options: opt(5, map(string), { description: 'Driver-specific options.', omitEmpty: true }),
}, { description: 'A volume mounted by a FlexVolume driver.' });
export type FlexVolumeSource = Infer<typeof FlexVolumeSource>;

export const CinderVolumeSource = struct('io.k8s.api.core.v1.CinderVolumeSource', {
  volumeID: req(1, string, { description: 'The volume ID.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  secretRef: opt(4, () => LocalObjectReference, { description: 'The Secret with OpenStack credentials.', omitEmpty: true, pointer: true }),
}, { description: 'An OpenStack Cinder volume.' });
export type CinderVolumeSource = Infer<typeof CinderVolumeSource>;

export const CephFSVolumeSource = struct('io.k8s.api.core.v1.CephFSVolumeSource', {
  monitors: req(1, list(string), { description: 'The Ceph monitors.', listType: 'atomic' }),
  path: opt(2, string, { description: 'The path within the filesystem to mount.', omitEmpty: true }),
  user: opt(3, string, { description: 'The RADOS user.', omitEmpty: true }),
  secretFile: opt(4, string, { description: 'The path of the keyring file.', omitEmpty: true }),
  secretRef: opt(5, () => LocalObjectReference, { description: 'The Secret with the authentication key.', omitEmpty: true, pointer: true }),
  readOnly: opt(6, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A CephFS mount.' });
export type CephFSVolumeSource = Infer<typeof CephFSVolumeSource>;

export const FlockerVolumeSource = struct('io.k8s.api.core.v1.FlockerVolumeSource', {
  datasetName: opt(1, string, { description: 'The dataset name.', omitEmpty: true }),
  datasetUUID: opt(2, string, { description: 'The dataset UUID.', omitEmpty: true }),
}, { description: 'A Flocker dataset.' });
export type FlockerVolumeSource = Infer<typeof FlockerVolumeSource>;

export const FCVolumeSource = struct('io.k8s.api.core.v1.FCVolumeSource', {
  targetWWNs: opt(1, list(string), { description: 'The target world wide names.', listType: 'atomic', omitEmpty: true }),
  lun: opt(2, int32, { description: 'The target LUN number.', omitEmpty: true, pointer: true }),
  fsType: opt(3, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(4, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  wwids: opt(5, list(string), { description: 'Volume world wide identifiers, instead of WWNs and LUN.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A Fibre Channel disk.' });
export type FCVolumeSource = Infer<typeof FCVolumeSource>;

export const AzureFileVolumeSource = struct('io.k8s.api.core.v1.AzureFileVolumeSource', {
  secretName: req(1, string, { description: 'The Secret holding the storage account\'s credentials.' }),
  shareName: req(2, string, { description: 'The share name.' }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'An Azure File share.' });
export type AzureFileVolumeSource = Infer<typeof AzureFileVolumeSource>;

export const VsphereVirtualDiskVolumeSource = struct('io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource', {
  volumePath: req(1, string, { description: 'The path of the disk.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  storagePolicyName: opt(3, string, { description: 'The storage policy name.', omitEmpty: true }),
  storagePolicyID: opt(4, string, { description: 'The storage policy ID.', omitEmpty: true }),
}, { description: 'A vSphere virtual disk.' });
export type VsphereVirtualDiskVolumeSource = Infer<typeof VsphereVirtualDiskVolumeSource>;

export const QuobyteVolumeSource = struct('io.k8s.api.core.v1.QuobyteVolumeSource', {
  registry: req(1, string, { description: 'The Quobyte registries, as host:port.' }),
  volume: req(2, string, { description: 'The volume name.' }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  user: opt(4, string, { description: 'The user to map access to.', omitEmpty: true }),
  group: opt(5, string, { description: 'The group to map access to.', omitEmpty: true }),
  tenant: opt(6, string, { description: 'The tenant owning the volume.', omitEmpty: true }),
}, { description: 'A Quobyte mount.' });
export type QuobyteVolumeSource = Infer<typeof QuobyteVolumeSource>;

export const AzureDiskVolumeSource = struct('io.k8s.api.core.v1.AzureDiskVolumeSource', {
  diskName: req(1, string, { description: 'The disk name.' }),
  diskURI: req(2, string, { description: 'The disk URI.' }),
  cachingMode: opt(3, AzureDataDiskCachingMode, { description: 'Host caching: None, ReadOnly or ReadWrite.', omitEmpty: true, pointer: true }),
  fsType: opt(4, string, { description: 'The filesystem type.', omitEmpty: true, pointer: true }),
  readOnly: opt(5, boolean, { description: 'Mount read-only.', omitEmpty: true, pointer: true }),
  kind: opt(6, AzureDataDiskKind, { description: 'Shared, Dedicated or Managed.', omitEmpty: true, pointer: true }),
}, { description: 'An Azure data disk.' });
export type AzureDiskVolumeSource = Infer<typeof AzureDiskVolumeSource>;

export const PhotonPersistentDiskVolumeSource = struct('io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource', {
  pdID: req(1, string, { description: 'The disk ID.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
}, { description: 'A Photon Controller disk.' });
export type PhotonPersistentDiskVolumeSource = Infer<typeof PhotonPersistentDiskVolumeSource>;

export const PortworxVolumeSource = struct('io.k8s.api.core.v1.PortworxVolumeSource', {
  volumeID: req(1, string, { description: 'The volume ID.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A Portworx volume.' });
export type PortworxVolumeSource = Infer<typeof PortworxVolumeSource>;

export const ScaleIOVolumeSource = struct('io.k8s.api.core.v1.ScaleIOVolumeSource', {
  gateway: req(1, string, { description: 'The API gateway address.' }),
  system: req(2, string, { description: 'The storage system name.' }),
  secretRef: req(3, () => LocalObjectReference, { description: 'The Secret with credentials.', pointer: true }),
  sslEnabled: opt(4, boolean, { description: 'Use SSL to talk to the gateway.', omitEmpty: true }),
  protectionDomain: opt(5, string, { description: 'The protection domain.', omitEmpty: true }),
  storagePool: opt(6, string, { description: 'The storage pool.', omitEmpty: true }),
  storageMode: opt(7, string, { description: 'ThickProvisioned or ThinProvisioned.', omitEmpty: true }),
  volumeName: opt(8, string, { description: 'The name of an existing volume.', omitEmpty: true }),
  fsType: opt(9, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(10, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A ScaleIO volume.' });
export type ScaleIOVolumeSource = Infer<typeof ScaleIOVolumeSource>;

export const StorageOSVolumeSource = struct('io.k8s.api.core.v1.StorageOSVolumeSource', {
  volumeName: opt(1, string, { description: 'The volume name.', omitEmpty: true }),
  volumeNamespace: opt(2, string, { description: 'The StorageOS namespace of the volume.', omitEmpty: true }),
  fsType: opt(3, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(4, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  secretRef: opt(5, () => LocalObjectReference, { description: 'The Secret with API credentials.', omitEmpty: true, pointer: true }),
}, { description: 'A StorageOS volume.' });
export type StorageOSVolumeSource = Infer<typeof StorageOSVolumeSource>;

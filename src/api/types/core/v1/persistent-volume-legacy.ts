// core/v1: PersistentVolume sources for in-tree storage plugins, most of them deprecated.

import { boolean, int32, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ObjectReference, SecretReference } from './references.ts';

export const GlusterfsPersistentVolumeSource = struct('io.k8s.api.core.v1.GlusterfsPersistentVolumeSource', {
  endpoints: req(1, string, { description: 'The Endpoints object listing the Gluster servers.' }),
  path: req(2, string, { description: 'The Gluster volume path.' }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  endpointsNamespace: opt(4, string, { description: 'The namespace of the Endpoints object.', omitEmpty: true, pointer: true }),
}, { description: 'A GlusterFS mount for a PersistentVolume.' });
export type GlusterfsPersistentVolumeSource = Infer<typeof GlusterfsPersistentVolumeSource>;

export const RBDPersistentVolumeSource = struct('io.k8s.api.core.v1.RBDPersistentVolumeSource', {
  monitors: req(1, list(string), { description: 'The Ceph monitors.', listType: 'atomic' }),
  image: req(2, string, { description: 'The RBD image name.' }),
  fsType: opt(3, string, { description: 'The filesystem type.', omitEmpty: true }),
  pool: opt(4, string, { description: 'The RADOS pool.', omitEmpty: true }),
  user: opt(5, string, { description: 'The RADOS user.', omitEmpty: true }),
  keyring: opt(6, string, { description: 'The keyring path.', omitEmpty: true }),
  secretRef: opt(7, () => SecretReference, { description: 'The Secret with the authentication key.', omitEmpty: true, pointer: true }),
  readOnly: opt(8, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A Ceph RBD image for a PersistentVolume.' });
export type RBDPersistentVolumeSource = Infer<typeof RBDPersistentVolumeSource>;

export const ISCSIPersistentVolumeSource = struct('io.k8s.api.core.v1.ISCSIPersistentVolumeSource', {
  targetPortal: req(1, string, { description: 'The target portal, as IP or IP:port.' }),
  iqn: req(2, string, { description: 'The target\'s iSCSI qualified name.' }),
  lun: req(3, int32, { description: 'The target LUN number.' }),
  iscsiInterface: opt(4, string, { description: 'The iSCSI interface name.', omitEmpty: true }),
  fsType: opt(5, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(6, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  portals: opt(7, list(string), { description: 'Additional target portals.', listType: 'atomic', omitEmpty: true }),
  chapAuthDiscovery: opt(8, boolean, { description: 'Use CHAP authentication for discovery.', omitEmpty: true }),
  chapAuthSession: opt(11, boolean, { description: 'Use CHAP authentication for the session.', omitEmpty: true }),
  secretRef: opt(10, () => SecretReference, { description: 'The Secret with CHAP credentials.', omitEmpty: true, pointer: true }),
  initiatorName: opt(12, string, { description: 'A custom initiator name.', omitEmpty: true, pointer: true }),
}, { description: 'An iSCSI disk for a PersistentVolume.' });
export type ISCSIPersistentVolumeSource = Infer<typeof ISCSIPersistentVolumeSource>;

export const CinderPersistentVolumeSource = struct('io.k8s.api.core.v1.CinderPersistentVolumeSource', {
  volumeID: req(1, string, { description: 'The volume ID.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  secretRef: opt(4, () => SecretReference, { description: 'The Secret with OpenStack credentials.', omitEmpty: true, pointer: true }),
}, { description: 'An OpenStack Cinder volume for a PersistentVolume.' });
export type CinderPersistentVolumeSource = Infer<typeof CinderPersistentVolumeSource>;

export const CephFSPersistentVolumeSource = struct('io.k8s.api.core.v1.CephFSPersistentVolumeSource', {
  monitors: req(1, list(string), { description: 'The Ceph monitors.', listType: 'atomic' }),
  path: opt(2, string, { description: 'The path within the filesystem to mount.', omitEmpty: true }),
  user: opt(3, string, { description: 'The RADOS user.', omitEmpty: true }),
  secretFile: opt(4, string, { description: 'The path of the keyring file.', omitEmpty: true }),
  secretRef: opt(5, () => SecretReference, { description: 'The Secret with the authentication key.', omitEmpty: true, pointer: true }),
  readOnly: opt(6, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A CephFS mount for a PersistentVolume.' });
export type CephFSPersistentVolumeSource = Infer<typeof CephFSPersistentVolumeSource>;

export const FlexPersistentVolumeSource = struct('io.k8s.api.core.v1.FlexPersistentVolumeSource', {
  driver: req(1, string, { description: 'The driver name.' }),
  fsType: opt(2, string, { description: 'The filesystem type.', omitEmpty: true }),
  secretRef: opt(3, () => SecretReference, { description: 'The Secret passed to the driver.', omitEmpty: true, pointer: true }),
  readOnly: opt(4, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  options: opt(5, map(string), { description: 'Driver-specific options.', omitEmpty: true }),
}, { description: 'A FlexVolume-driver volume for a PersistentVolume.' });
export type FlexPersistentVolumeSource = Infer<typeof FlexPersistentVolumeSource>;

export const AzureFilePersistentVolumeSource = struct('io.k8s.api.core.v1.AzureFilePersistentVolumeSource', {
  secretName: req(1, string, { description: 'The Secret holding the storage account\'s credentials.' }),
  shareName: req(2, string, { description: 'The share name.' }),
  readOnly: opt(3, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  secretNamespace: opt(4, string, { description: 'The namespace of the Secret; defaults to the pod\'s.', pointer: true }),
}, { description: 'An Azure File share for a PersistentVolume.' });
export type AzureFilePersistentVolumeSource = Infer<typeof AzureFilePersistentVolumeSource>;

export const ScaleIOPersistentVolumeSource = struct('io.k8s.api.core.v1.ScaleIOPersistentVolumeSource', {
  gateway: req(1, string, { description: 'The API gateway address.' }),
  system: req(2, string, { description: 'The storage system name.' }),
  secretRef: req(3, () => SecretReference, { description: 'The Secret with credentials.', pointer: true }),
  sslEnabled: opt(4, boolean, { description: 'Use SSL to talk to the gateway.', omitEmpty: true }),
  protectionDomain: opt(5, string, { description: 'The protection domain.', omitEmpty: true }),
  storagePool: opt(6, string, { description: 'The storage pool.', omitEmpty: true }),
  storageMode: opt(7, string, { description: 'ThickProvisioned or ThinProvisioned.', omitEmpty: true }),
  volumeName: opt(8, string, { description: 'The name of an existing volume.', omitEmpty: true }),
  fsType: opt(9, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(10, boolean, { description: 'Mount read-only.', omitEmpty: true }),
}, { description: 'A ScaleIO volume for a PersistentVolume.' });
export type ScaleIOPersistentVolumeSource = Infer<typeof ScaleIOPersistentVolumeSource>;

export const StorageOSPersistentVolumeSource = struct('io.k8s.api.core.v1.StorageOSPersistentVolumeSource', {
  volumeName: opt(1, string, { description: 'The volume name.', omitEmpty: true }),
  volumeNamespace: opt(2, string, { description: 'The StorageOS namespace of the volume.', omitEmpty: true }),
  fsType: opt(3, string, { description: 'The filesystem type.', omitEmpty: true }),
  readOnly: opt(4, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  secretRef: opt(5, () => ObjectReference, { description: 'The Secret with API credentials.', omitEmpty: true, pointer: true }),
}, { description: 'A StorageOS volume for a PersistentVolume.' });
export type StorageOSPersistentVolumeSource = Infer<typeof StorageOSPersistentVolumeSource>;

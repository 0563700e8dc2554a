// core/v1: Pod volumes and the volume sources in current use.

import { boolean, int32, int64, list, map, opt, quantity, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { inlined } from '../../inlined.ts';
import { LabelSelector, ObjectMeta } from '../../meta/v1/index.ts';
import { ObjectFieldSelector, ResourceFieldSelector } from './container.ts';
import { HostPathType, PullPolicy } from './enums.ts';
import { PersistentVolumeClaimSpec } from './persistent-volume-claim.ts';
import { LocalObjectReference, localObjectReferenceFields } from './references.ts';
import {
  AWSElasticBlockStoreVolumeSource,
  AzureDiskVolumeSource,
  AzureFileVolumeSource,
  CephFSVolumeSource,
  CinderVolumeSource,
  FCVolumeSource,
  FlexVolumeSource,
  FlockerVolumeSource,
  GCEPersistentDiskVolumeSource,
  GitRepoVolumeSource,
  GlusterfsVolumeSource,
  ISCSIVolumeSource,
  NFSVolumeSource,
  PhotonPersistentDiskVolumeSource,
  PortworxVolumeSource,
  QuobyteVolumeSource,
  RBDVolumeSource,
  ScaleIOVolumeSource,
  StorageOSVolumeSource,
  VsphereVirtualDiskVolumeSource,
} from './volume-legacy.ts';

/** The fields of VolumeSource, which other structs embed. */
export const volumeSourceFields = {
  hostPath: opt(1, () => HostPathVolumeSource, { description: 'A file or directory on the node.', omitEmpty: true }),
  emptyDir: opt(2, () => EmptyDirVolumeSource, { description: 'A temporary directory that lives as long as the pod.', omitEmpty: true }),
  gcePersistentDisk: opt(3, () => GCEPersistentDiskVolumeSource, { description: 'Deprecated: a GCE persistent disk.', omitEmpty: true }),
  awsElasticBlockStore: opt(4, () => AWSElasticBlockStoreVolumeSource, { description: 'Deprecated: an AWS EBS volume.', omitEmpty: true }),
  gitRepo: opt(5, () => GitRepoVolumeSource, { description: 'Deprecated: a git repository cloned into an empty directory.', omitEmpty: true }),
  secret: opt(6, () => SecretVolumeSource, { description: 'The keys of a Secret, as files.', omitEmpty: true }),
  nfs: opt(7, () => NFSVolumeSource, { description: 'An NFS export.', omitEmpty: true }),
  iscsi: opt(8, () => ISCSIVolumeSource, { description: 'An iSCSI disk.', omitEmpty: true }),
  glusterfs: opt(9, () => GlusterfsVolumeSource, { description: 'Deprecated: a GlusterFS mount.', omitEmpty: true }),
  persistentVolumeClaim: opt(10, () => PersistentVolumeClaimVolumeSource, { description: 'The volume bound to a PersistentVolumeClaim.', omitEmpty: true }),
  rbd: opt(11, () => RBDVolumeSource, { description: 'Deprecated: a Ceph RBD image.', omitEmpty: true }),
  flexVolume: opt(12, () => FlexVolumeSource, { description: 'Deprecated: a volume mounted by a FlexVolume driver.', omitEmpty: true }),
  cinder: opt(13, () => CinderVolumeSource, { description: 'Deprecated: an OpenStack Cinder volume.', omitEmpty: true }),
  cephfs: opt(14, () => CephFSVolumeSource, { description: 'Deprecated: a CephFS mount.', omitEmpty: true }),
  flocker: opt(15, () => FlockerVolumeSource, { description: 'Deprecated: a Flocker dataset.', omitEmpty: true }),
  downwardAPI: opt(16, () => DownwardAPIVolumeSource, { description: 'Pod information, as files.', omitEmpty: true }),
  fc: opt(17, () => FCVolumeSource, { description: 'A Fibre Channel disk.', omitEmpty: true }),
  azureFile: opt(18, () => AzureFileVolumeSource, { description: 'Deprecated: an Azure File share.', omitEmpty: true }),
  configMap: opt(19, () => ConfigMapVolumeSource, { description: 'The keys of a ConfigMap, as files.', omitEmpty: true }),
  vsphereVolume: opt(20, () => VsphereVirtualDiskVolumeSource, { description: 'Deprecated: a vSphere disk.', omitEmpty: true }),
  quobyte: opt(21, () => QuobyteVolumeSource, { description: 'Deprecated: a Quobyte mount.', omitEmpty: true }),
  azureDisk: opt(22, () => AzureDiskVolumeSource, { description: 'Deprecated: an Azure data disk.', omitEmpty: true }),
  photonPersistentDisk: opt(23, () => PhotonPersistentDiskVolumeSource, { description: 'Deprecated: a Photon Controller disk.', omitEmpty: true }),
  projected: opt(26, () => ProjectedVolumeSource, { description: 'Several sources projected into one directory.', omitEmpty: true }),
  portworxVolume: opt(24, () => PortworxVolumeSource, { description: 'Deprecated: a Portworx volume.', omitEmpty: true }),
  scaleIO: opt(25, () => ScaleIOVolumeSource, { description: 'Deprecated: a ScaleIO volume.', omitEmpty: true }),
  storageos: opt(27, () => StorageOSVolumeSource, { description: 'Deprecated: a StorageOS volume.', omitEmpty: true }),
  csi: opt(28, () => CSIVolumeSource, { description: 'An ephemeral volume provided by a CSI driver.', omitEmpty: true }),
  ephemeral: opt(29, () => EphemeralVolumeSource, { description: 'A volume backed by a PersistentVolumeClaim that lives and dies with the pod.', omitEmpty: true }),
  image: opt(30, () => ImageVolumeSource, { description: 'The contents of an OCI image or artifact, read-only.', omitEmpty: true }),
};

export const Volume = struct('io.k8s.api.core.v1.Volume', {
  name: req(1, string, { description: 'The volume\'s name, unique within the pod.' }),
  // VolumeSource is embedded here: flat in JSON, protobuf field 2.
  ...inlined(2, volumeSourceFields),
}, { description: 'A named volume that a pod\'s containers can mount.' });
export type Volume = Infer<typeof Volume>;

export const VolumeSource = struct('io.k8s.api.core.v1.VolumeSource', volumeSourceFields, { description: 'Where a volume\'s data comes from; exactly one source is set.' });
export type VolumeSource = Infer<typeof VolumeSource>;

export const HostPathVolumeSource = struct('io.k8s.api.core.v1.HostPathVolumeSource', {
  path: req(1, string, { description: 'The path on the node.' }),
  type: opt(2, HostPathType, { description: 'What must exist at the path, or be created: e.g. Directory, DirectoryOrCreate, File.', omitEmpty: true, pointer: true }),
}, { description: 'A path on the node mapped into a pod.' });
export type HostPathVolumeSource = Infer<typeof HostPathVolumeSource>;

export const EmptyDirVolumeSource = struct('io.k8s.api.core.v1.EmptyDirVolumeSource', {
  medium: opt(1, string, { description: 'The storage medium: empty for the node\'s default, or Memory for tmpfs.', omitEmpty: true }),
  sizeLimit: opt(2, quantity, { description: 'The most storage the directory may use.', omitEmpty: true, pointer: true }),
}, { description: 'A temporary directory that starts empty and is removed with the pod.' });
export type EmptyDirVolumeSource = Infer<typeof EmptyDirVolumeSource>;

export const SecretVolumeSource = struct('io.k8s.api.core.v1.SecretVolumeSource', {
  secretName: opt(1, string, { description: 'The Secret\'s name, in the pod\'s namespace.', omitEmpty: true }),
  items: opt(2, () => list(KeyToPath), { description: 'Which keys to project and where; all keys when empty.', listType: 'atomic', omitEmpty: true }),
  defaultMode: opt(3, int32, { description: 'The permission bits of the created files.', omitEmpty: true, pointer: true }),
  optional: opt(4, boolean, { description: 'Whether the Secret or its keys may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'A Secret presented as files.' });
export type SecretVolumeSource = Infer<typeof SecretVolumeSource>;

export const KeyToPath = struct('io.k8s.api.core.v1.KeyToPath', {
  key: req(1, string, { description: 'The key to project.' }),
  path: req(2, string, { description: 'The relative file path to write it to.' }),
  mode: opt(3, int32, { description: 'The permission bits of the file.', omitEmpty: true, pointer: true }),
}, { description: 'Where one key is written in a volume.' });
export type KeyToPath = Infer<typeof KeyToPath>;

export const ConfigMapVolumeSource = struct('io.k8s.api.core.v1.ConfigMapVolumeSource', {
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, localObjectReferenceFields),
  items: opt(2, list(KeyToPath), { description: 'Which keys to project and where; all keys when empty.', listType: 'atomic', omitEmpty: true }),
  defaultMode: opt(3, int32, { description: 'The permission bits of the created files.', omitEmpty: true, pointer: true }),
  optional: opt(4, boolean, { description: 'Whether the ConfigMap or its keys may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'A ConfigMap presented as files.' });
export type ConfigMapVolumeSource = Infer<typeof ConfigMapVolumeSource>;

export const PersistentVolumeClaimVolumeSource = struct('io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource', {
  claimName: req(1, string, { description: 'The claim\'s name.' }),
  readOnly: opt(2, boolean, { description: 'Mount the volume read-only.', omitEmpty: true }),
}, { description: 'A reference to a PersistentVolumeClaim in the pod\'s namespace.' });
export type PersistentVolumeClaimVolumeSource = Infer<typeof PersistentVolumeClaimVolumeSource>;

export const DownwardAPIVolumeSource = struct('io.k8s.api.core.v1.DownwardAPIVolumeSource', {
  items: opt(1, () => list(DownwardAPIVolumeFile), { description: 'The files to create.', listType: 'atomic', omitEmpty: true }),
  defaultMode: opt(2, int32, { description: 'The permission bits of the created files.', omitEmpty: true, pointer: true }),
}, { description: 'Pod information presented as files.' });
export type DownwardAPIVolumeSource = Infer<typeof DownwardAPIVolumeSource>;

export const DownwardAPIVolumeFile = struct('io.k8s.api.core.v1.DownwardAPIVolumeFile', {
  path: req(1, string, { description: 'The relative file path.' }),
  fieldRef: opt(2, () => ObjectFieldSelector, { description: 'A field of the pod to write.', omitEmpty: true, pointer: true }),
  resourceFieldRef: opt(3, () => ResourceFieldSelector, { description: 'A container resource request or limit to write.', omitEmpty: true, pointer: true }),
  mode: opt(4, int32, { description: 'The permission bits of the file.', omitEmpty: true, pointer: true }),
}, { description: 'One file with pod information.' });
export type DownwardAPIVolumeFile = Infer<typeof DownwardAPIVolumeFile>;

export const ProjectedVolumeSource = struct('io.k8s.api.core.v1.ProjectedVolumeSource', {
  sources: opt(1, () => list(VolumeProjection), { description: 'The sources.', listType: 'atomic' }),
  defaultMode: opt(2, int32, { description: 'The permission bits of the created files.', omitEmpty: true, pointer: true }),
}, { description: 'Several volume sources projected into one directory.' });
export type ProjectedVolumeSource = Infer<typeof ProjectedVolumeSource>;

export const VolumeProjection = struct('io.k8s.api.core.v1.VolumeProjection', {
  secret: opt(1, () => SecretProjection, { description: 'Keys of a Secret.', omitEmpty: true, pointer: true }),
  downwardAPI: opt(2, () => DownwardAPIProjection, { description: 'Pod information.', omitEmpty: true, pointer: true }),
  configMap: opt(3, () => ConfigMapProjection, { description: 'Keys of a ConfigMap.', omitEmpty: true, pointer: true }),
  serviceAccountToken: opt(4, () => ServiceAccountTokenProjection, { description: 'A service account token.', omitEmpty: true, pointer: true }),
  clusterTrustBundle: opt(5, () => ClusterTrustBundleProjection, { description: 'Certificates from ClusterTrustBundle objects.', omitEmpty: true, pointer: true }),
}, { description: 'One source of a projected volume; exactly one member is set.' });
export type VolumeProjection = Infer<typeof VolumeProjection>;

export const SecretProjection = struct('io.k8s.api.core.v1.SecretProjection', {
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, localObjectReferenceFields),
  items: opt(2, list(KeyToPath), { description: 'Which keys to project and where; all keys when empty.', listType: 'atomic', omitEmpty: true }),
  optional: opt(4, boolean, { description: 'Whether the Secret or its keys may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'Keys of a Secret in a projected volume.' });
export type SecretProjection = Infer<typeof SecretProjection>;

export const DownwardAPIProjection = struct('io.k8s.api.core.v1.DownwardAPIProjection', {
  items: opt(1, list(DownwardAPIVolumeFile), { description: 'The files to create.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Pod information in a projected volume.' });
export type DownwardAPIProjection = Infer<typeof DownwardAPIProjection>;

export const ConfigMapProjection = struct('io.k8s.api.core.v1.ConfigMapProjection', {
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, localObjectReferenceFields),
  items: opt(2, list(KeyToPath), { description: 'Which keys to project and where; all keys when empty.', listType: 'atomic', omitEmpty: true }),
  optional: opt(4, boolean, { description: 'Whether the ConfigMap or its keys may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'Keys of a ConfigMap in a projected volume.' });
export type ConfigMapProjection = Infer<typeof ConfigMapProjection>;

export const ServiceAccountTokenProjection = struct('io.k8s.api.core.v1.ServiceAccountTokenProjection', {
  audience: opt(1, string, { description: 'The audience the token is meant for.', omitEmpty: true }),
  expirationSeconds: opt(2, int64, { description: 'The requested lifetime of the token.', omitEmpty: true, pointer: true }),
  path: req(3, string, { description: 'The relative file path of the token.' }),
}, { description: 'A bound service account token written to a file and refreshed.' });
export type ServiceAccountTokenProjection = Infer<typeof ServiceAccountTokenProjection>;

export const ClusterTrustBundleProjection = struct('io.k8s.api.core.v1.ClusterTrustBundleProjection', {
  name: opt(1, string, { description: 'A bundle selected by name.', omitEmpty: true, pointer: true }),
  signerName: opt(2, string, { description: 'Bundles selected by signer name.', omitEmpty: true, pointer: true }),
  labelSelector: opt(3, LabelSelector, { description: 'With signerName, restricts the bundles by label.', omitEmpty: true, pointer: true }),
  optional: opt(5, boolean, { description: 'Whether the bundle may be missing.', omitEmpty: true, pointer: true }),
  path: req(4, string, { description: 'The relative file path.' }),
}, { description: 'Certificates from ClusterTrustBundle objects written to one file.' });
export type ClusterTrustBundleProjection = Infer<typeof ClusterTrustBundleProjection>;

export const CSIVolumeSource = struct('io.k8s.api.core.v1.CSIVolumeSource', {
  driver: req(1, string, { description: 'The CSI driver\'s name.' }),
  readOnly: opt(2, boolean, { description: 'Mount read-only.', omitEmpty: true, pointer: true }),
  fsType: opt(3, string, { description: 'The filesystem type to mount, e.g. ext4.', omitEmpty: true, pointer: true }),
  volumeAttributes: opt(4, map(string), { description: 'Properties passed as is to the driver.', omitEmpty: true }),
  nodePublishSecretRef: opt(5, () => LocalObjectReference, { description: 'A Secret with credentials for mounting.', omitEmpty: true, pointer: true }),
}, { description: 'An ephemeral volume provided by a CSI driver.' });
export type CSIVolumeSource = Infer<typeof CSIVolumeSource>;

export const EphemeralVolumeSource = struct('io.k8s.api.core.v1.EphemeralVolumeSource', {
  volumeClaimTemplate: opt(1, () => PersistentVolumeClaimTemplate, { description: 'The template for the claim.', omitEmpty: true, pointer: true }),
}, { description: 'A volume whose PersistentVolumeClaim is created with the pod and deleted with it.' });
export type EphemeralVolumeSource = Infer<typeof EphemeralVolumeSource>;

export const PersistentVolumeClaimTemplate = struct('io.k8s.api.core.v1.PersistentVolumeClaimTemplate', {
  metadata: opt(1, ObjectMeta, { description: 'Labels and annotations for the claim.', omitEmpty: true }),
  spec: req(2, () => PersistentVolumeClaimSpec, { description: 'The claim\'s spec.' }),
}, { description: 'The metadata and spec of a PersistentVolumeClaim to create.' });
export type PersistentVolumeClaimTemplate = Infer<typeof PersistentVolumeClaimTemplate>;

export const ImageVolumeSource = struct('io.k8s.api.core.v1.ImageVolumeSource', {
  reference: opt(1, string, { description: 'The image or artifact reference.', omitEmpty: true }),
  pullPolicy: opt(2, PullPolicy, { description: 'When to pull it: Always, Never or IfNotPresent.', omitEmpty: true }),
}, { description: 'An OCI image or artifact mounted as a volume.' });
export type ImageVolumeSource = Infer<typeof ImageVolumeSource>;

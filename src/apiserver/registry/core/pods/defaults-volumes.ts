// Defaults of pod volumes (upstream's SetDefaults_Volume and the defaulters of each volume
// source): a volume without a source is an emptyDir, files get mode 0644, downward API
// references read v1 fields, and the legacy plugins get their historical defaults.

import { volumeSourceFields, type Volume } from '../../../../api/types/core/v1/index.ts';
import { defaultPullPolicy, defaultResourceList } from './defaults-containers.ts';

/** 0644: the permission bits of files projected from Secrets, ConfigMaps and the downward API. */
export const DEFAULT_FILE_MODE = 0o644;

/** The volume source fields of a Volume (every field but name). */
export const VOLUME_SOURCES = Object.keys(volumeSourceFields) as ReadonlyArray<keyof typeof volumeSourceFields>;

function defaultFieldRefs(items: ReadonlyArray<{ fieldRef?: { apiVersion?: string } }> | undefined): void {
  for (const item of items ?? []) {
    if (item.fieldRef !== undefined) item.fieldRef.apiVersion ||= 'v1';
  }
}

export function defaultVolume(volume: Volume): void {
  if (VOLUME_SOURCES.every((source) => volume[source] === undefined)) volume.emptyDir = {};
  // The type is set to "" (no check) rather than left out, as upstream stores it.
  if (volume.hostPath !== undefined) volume.hostPath.type ??= '';
  if (volume.secret !== undefined) volume.secret.defaultMode ??= DEFAULT_FILE_MODE;
  if (volume.configMap !== undefined) volume.configMap.defaultMode ??= DEFAULT_FILE_MODE;
  if (volume.downwardAPI !== undefined) {
    volume.downwardAPI.defaultMode ??= DEFAULT_FILE_MODE;
    defaultFieldRefs(volume.downwardAPI.items);
  }
  if (volume.projected !== undefined) {
    volume.projected.defaultMode ??= DEFAULT_FILE_MODE;
    for (const source of volume.projected.sources ?? []) {
      defaultFieldRefs(source.downwardAPI?.items);
      // Bound service account tokens live an hour unless asked otherwise.
      if (source.serviceAccountToken !== undefined) source.serviceAccountToken.expirationSeconds ??= 3600;
    }
  }
  if (volume.iscsi !== undefined) volume.iscsi.iscsiInterface ||= 'default';
  if (volume.rbd !== undefined) {
    volume.rbd.pool ||= 'rbd';
    volume.rbd.user ||= 'admin';
    volume.rbd.keyring ||= '/etc/ceph/keyring';
  }
  if (volume.azureDisk !== undefined) {
    volume.azureDisk.cachingMode ??= 'ReadWrite';
    volume.azureDisk.fsType ??= 'ext4';
    volume.azureDisk.readOnly ??= false;
    volume.azureDisk.kind ??= 'Shared';
  }
  if (volume.scaleIO !== undefined) {
    volume.scaleIO.storageMode ||= 'ThinProvisioned';
    volume.scaleIO.fsType ||= 'xfs';
  }
  const claim = volume.ephemeral?.volumeClaimTemplate?.spec;
  if (claim !== undefined) {
    claim.volumeMode ??= 'Filesystem';
    defaultResourceList(claim.resources?.limits);
    defaultResourceList(claim.resources?.requests);
  }
  if (volume.image !== undefined) volume.image.pullPolicy ||= defaultPullPolicy(volume.image.reference ?? '');
}

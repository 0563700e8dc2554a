// Validation of pod volumes and of the mounts containers make of them (upstream's
// ValidateVolumes, validateVolumeSource, ValidateVolumeMounts, ValidateVolumeDevices).
// The sources in common use are checked field by field; the deprecated in-tree plugins only
// for the one-source rule.

import { forbidden, invalid, notFound, notSupported, required, duplicate, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { parseQuantity } from '../../../../api/quantity.ts';
import type { Container, DownwardAPIVolumeFile, KeyToPath, Volume, VolumeProjection } from '../../../../api/types/core/v1/index.ts';
import { validateObjectFieldSelector, validateResourceFieldSelector, VOLUME_FIELD_PATHS } from './validation-env.ts';
import {
  sorted, validateDNSLabel, validateFileMode, validateLocalDescendingPath, validateLocalNonReservedPath, validatePathNoBacksteps,
} from './validation-common.ts';

/** The order upstream checks sources in, with the field name it reports a second source at. */
const SOURCE_ORDER: ReadonlyArray<readonly [keyof Volume, string]> = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const HOST_PATH_TYPES = sorted(['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']);

function validateKeyToPath(item: KeyToPath, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if ((item.key ?? '') === '') errs.push(required(at.child('key')));
  if ((item.path ?? '') === '') errs.push(required(at.child('path')));
  errs.push(...validateLocalNonReservedPath(item.path ?? '', at.child('path')));
  errs.push(...validateFileMode(item.mode, at.child('mode')));
  return errs;
}

function validateDownwardAPIFile(file: DownwardAPIVolumeFile, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if ((file.path ?? '') === '') errs.push(required(at.child('path')));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', at.child('path')));
  if (file.fieldRef !== undefined) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, at.child('fieldRef')));
    if (file.resourceFieldRef !== undefined) errs.push(invalid(at, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef !== undefined) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, true, at.child('resourceFieldRef')));
  } else {
    errs.push(required(at, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateFileMode(file.mode, at.child('mode')));
  return errs;
}

function validateProjection(source: VolumeProjection, at: Path, seenPaths: Set<string>, listPath: Path): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const claimPath = (path: string, conflict: unknown): void => {
    if (path === '') return;
    if (seenPaths.has(path)) errs.push(invalid(listPath, conflict, 'conflicting duplicate paths'));
    seenPaths.add(path);
  };
  for (const kind of ['secret', 'configMap'] as const) {
    const keys = source[kind];
    if (keys === undefined) continue;
    count++;
    if ((keys.name ?? '') === '') errs.push(required(at.child(kind, 'name')));
    (keys.items ?? []).forEach((item, i) => {
      errs.push(...validateKeyToPath(item, at.child(kind, 'items').index(i)));
      claimPath(item.path ?? '', keys.name ?? '');
    });
  }
  if (source.downwardAPI !== undefined) {
    count++;
    for (const file of source.downwardAPI.items ?? []) {
      errs.push(...validateDownwardAPIFile(file, at.child('downwardAPI')));
      claimPath(file.path ?? '', file.path);
    }
  }
  const token = source.serviceAccountToken;
  if (token !== undefined) {
    count++;
    const seconds = token.expirationSeconds ?? 0;
    if (seconds < 600) errs.push(invalid(at.child('serviceAccountToken', 'expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
    if (seconds > 2 ** 32) errs.push(invalid(at.child('serviceAccountToken', 'expirationSeconds'), seconds, 'may not specify a duration larger than 2^32 seconds'));
    // Upstream reports these at the volume's path, not the source's.
    if ((token.path ?? '') === '') errs.push(required(listPath.child('path')));
    else errs.push(...validateLocalNonReservedPath(token.path, listPath.child('path')));
  }
  if (source.clusterTrustBundle !== undefined) {
    count++;
    if ((source.clusterTrustBundle.path ?? '') === '') errs.push(required(at.child('clusterTrustBundle', 'path')));
    claimPath(source.clusterTrustBundle.path ?? '', source.clusterTrustBundle.path);
  }
  if (count > 1) errs.push(forbidden(at, 'may not specify more than 1 volume type per source'));
  return errs;
}

function validateSource(volume: Volume, at: Path): FieldError[] {
  switch (true) {
    case volume.emptyDir !== undefined: {
      const limit = volume.emptyDir.sizeLimit === undefined ? undefined : parseQuantity(volume.emptyDir.sizeLimit);
      return limit?.ok === true && limit.value.sign() < 0 ? [forbidden(at.child('emptyDir', 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
    }
    case volume.hostPath !== undefined: {
      const here = at.child('hostPath');
      if ((volume.hostPath.path ?? '') === '') return [required(here.child('path'))];
      const errs = validatePathNoBacksteps(volume.hostPath.path, here.child('path'));
      const type = volume.hostPath.type;
      if (type !== undefined && !HOST_PATH_TYPES.includes(type)) errs.push(notSupported(here.child('type'), type, HOST_PATH_TYPES));
      return errs;
    }
    case volume.gitRepo !== undefined: {
      const errs = (volume.gitRepo.repository ?? '') === '' ? [required(at.child('gitRepo', 'repository'))] : [];
      return [...errs, ...validateLocalDescendingPath(volume.gitRepo.directory ?? '', at.child('gitRepo', 'directory'))];
    }
    case volume.secret !== undefined: {
      const here = at.child('secret');
      const errs = (volume.secret.secretName ?? '') === '' ? [required(here.child('secretName'))] : [];
      errs.push(...validateFileMode(volume.secret.defaultMode, here.child('defaultMode')));
      (volume.secret.items ?? []).forEach((item, i) => errs.push(...validateKeyToPath(item, here.child('items').index(i))));
      return errs;
    }
    case volume.nfs !== undefined: {
      const here = at.child('nfs');
      const errs = (volume.nfs.server ?? '') === '' ? [required(here.child('server'))] : [];
      if ((volume.nfs.path ?? '') === '') errs.push(required(here.child('path')));
      if (!(volume.nfs.path ?? '').startsWith('/')) errs.push(invalid(here.child('path'), volume.nfs.path ?? '', 'must be an absolute path'));
      return errs;
    }
    case volume.persistentVolumeClaim !== undefined:
      return (volume.persistentVolumeClaim.claimName ?? '') === '' ? [required(at.child('persistentVolumeClaim', 'claimName'))] : [];
    case volume.downwardAPI !== undefined: {
      const errs = validateFileMode(volume.downwardAPI.defaultMode, at.child('downwardAPI', 'defaultMode'));
      for (const file of volume.downwardAPI.items ?? []) errs.push(...validateDownwardAPIFile(file, at.child('downwardAPI')));
      return errs;
    }
    case volume.configMap !== undefined: {
      const here = at.child('configMap');
      const errs = (volume.configMap.name ?? '') === '' ? [required(here.child('name'))] : [];
      errs.push(...validateFileMode(volume.configMap.defaultMode, here.child('defaultMode')));
      (volume.configMap.items ?? []).forEach((item, i) => errs.push(...validateKeyToPath(item, here.child('items').index(i))));
      return errs;
    }
    case volume.projected !== undefined: {
      const here = at.child('projected');
      const errs = validateFileMode(volume.projected.defaultMode, here.child('defaultMode'));
      const seen = new Set<string>();
      (volume.projected.sources ?? []).forEach((source, i) => errs.push(...validateProjection(source, here.child('sources').index(i), seen, here)));
      return errs;
    }
    case volume.csi !== undefined:
      return (volume.csi.driver ?? '') === '' ? [required(at.child('csi', 'driver'))] : [];
    case volume.ephemeral !== undefined:
      return volume.ephemeral.volumeClaimTemplate === undefined ? [required(at.child('ephemeral', 'volumeClaimTemplate'))] : [];
    case volume.image !== undefined:
      return (volume.image.reference ?? '') === '' ? [required(at.child('image', 'reference'))] : [];
    default:
      return [];
  }
}

function validateVolumeSource(volume: Volume, at: Path): FieldError[] {
  const present = SOURCE_ORDER.filter(([field]) => volume[field] !== undefined);
  if (present.length === 0) return [required(at, 'must specify a volume type')];
  const [first] = present[0] ?? [];
  // Only the first source (in upstream's order) is checked; the others are refused.
  const only = first === undefined ? volume : ({ name: volume.name, [first]: volume[first] } as Volume);
  const errs = present.slice(1).map(([, reported]) => forbidden(at.child(reported), 'may not specify more than 1 volume type'));
  return [...validateSource(only, at), ...errs];
}

/** The volumes' errors and the volumes mounts may refer to: those without errors. */
export function validateVolumes(volumes: readonly Volume[] | undefined, at: Path): { valid: Map<string, Volume>; errs: FieldError[] } {
  const valid = new Map<string, Volume>();
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((volume, i) => {
    const here = at.index(i);
    const el = validateVolumeSource(volume, here);
    if ((volume.name ?? '') === '') el.push(required(here.child('name')));
    else el.push(...validateDNSLabel(volume.name, here.child('name')));
    if (names.has(volume.name)) el.push(duplicate(here.child('name'), volume.name));
    if (el.length === 0) {
      names.add(volume.name);
      valid.set(volume.name, volume);
    } else {
      errs.push(...el);
    }
  });
  return { valid, errs };
}

function isPersistentClaim(volume: Volume | undefined): boolean {
  return volume?.persistentVolumeClaim !== undefined || volume?.ephemeral !== undefined;
}

export function validateVolumeMounts(container: Container, volumes: ReadonlyMap<string, Volume>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  const devices = container.volumeDevices ?? [];
  const privileged = container.securityContext?.privileged === true;
  (container.volumeMounts ?? []).forEach((mount, i) => {
    const here = at.index(i);
    if ((mount.name ?? '') === '') errs.push(required(here.child('name')));
    if (!volumes.has(mount.name)) errs.push(notFound(here.child('name'), mount.name));
    if ((mount.mountPath ?? '') === '') errs.push(required(here.child('mountPath')));
    if (mountPaths.has(mount.mountPath)) errs.push(invalid(here.child('mountPath'), mount.mountPath, 'must be unique'));
    mountPaths.add(mount.mountPath);
    if (devices.some((d) => d.name === mount.name)) errs.push(invalid(here.child('name'), mount.name, 'must not already exist in volumeDevices'));
    if (devices.some((d) => d.devicePath === mount.mountPath)) errs.push(invalid(here.child('mountPath'), mount.mountPath, 'must not already exist as a path in volumeDevices'));
    if (volumes.get(mount.name)?.image !== undefined) {
      if (mount.subPath) errs.push(invalid(here.child('subPath'), mount.subPath, 'not allowed in image volume sources'));
      if (mount.subPathExpr) errs.push(invalid(here.child('subPathExpr'), mount.subPathExpr, 'not allowed in image volume sources'));
    }
    // Upstream reports the path checks at the list's path, not the entry's.
    if (mount.subPath) errs.push(...validateLocalDescendingPath(mount.subPath, at.child('subPath')));
    if (mount.subPathExpr) {
      if (mount.subPath) errs.push(invalid(here.child('subPathExpr'), mount.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(mount.subPathExpr, at.child('subPathExpr')));
    }
    if (mount.mountPropagation !== undefined) {
      const modes = ['Bidirectional', 'HostToContainer', 'None'];
      if (!modes.includes(mount.mountPropagation)) errs.push(notSupported(at.child('mountPropagation'), mount.mountPropagation, modes));
      if (mount.mountPropagation === 'Bidirectional' && !privileged) {
        errs.push(forbidden(at.child('mountPropagation'), 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    const rro = mount.recursiveReadOnly;
    if (rro === 'Enabled' || rro === 'IfPossible') {
      if (mount.readOnly !== true) errs.push(forbidden(at.child('recursiveReadOnly'), 'may only be specified when readOnly is true'));
      if (mount.mountPropagation !== undefined && mount.mountPropagation !== 'None') {
        errs.push(forbidden(at.child('recursiveReadOnly'), 'may only be specified when mountPropagation is None or not specified'));
      }
    } else if (rro !== undefined && rro !== 'Disabled') {
      errs.push(notSupported(at.child('recursiveReadOnly'), rro, ['Disabled', 'Enabled', 'IfPossible']));
    }
  });
  return errs;
}

export function validateVolumeDevices(container: Container, volumes: ReadonlyMap<string, Volume>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const paths = new Set<string>();
  const mounts = container.volumeMounts ?? [];
  (container.volumeDevices ?? []).forEach((device, i) => {
    const here = at.index(i);
    if ((device.name ?? '') === '') errs.push(required(here.child('name')));
    if (names.has(device.name)) errs.push(invalid(here.child('name'), device.name, 'must be unique'));
    const volume = volumes.get(device.name);
    if (volume !== undefined && !isPersistentClaim(volume)) {
      errs.push(invalid(here.child('name'), device.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (volume === undefined) errs.push(notFound(here.child('name'), device.name));
    if ((device.devicePath ?? '') === '') errs.push(required(here.child('devicePath')));
    if (paths.has(device.devicePath)) errs.push(invalid(here.child('devicePath'), device.devicePath, 'must be unique'));
    if (device.devicePath && validatePathNoBacksteps(device.devicePath, here).length > 0) {
      errs.push(invalid(here.child('devicePath'), device.devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(device.devicePath);
    }
    if (mounts.some((m) => m.name === device.name)) errs.push(invalid(here.child('name'), device.name, 'must not already exist in volumeMounts'));
    if (mounts.some((m) => m.mountPath === device.devicePath)) errs.push(invalid(here.child('devicePath'), device.devicePath, 'must not already exist as a path in volumeMounts'));
    if (device.name) names.add(device.name);
  });
  return errs;
}

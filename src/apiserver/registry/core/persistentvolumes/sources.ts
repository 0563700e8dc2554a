// The storage behind a PersistentVolume: exactly one source, checked in upstream's order and
// with its field names (including its quirks: "cephFS" in the one-source message). The
// sources k8ts can actually provide (hostPath, local, nfs, csi) are validated in depth; the
// legacy in-tree ones are only counted.

import { forbidden, invalid, notSupported, required, tooLong, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { CSIPersistentVolumeSource, PersistentVolumeSpec, SecretReference } from '../../../../api/types/core/v1/index.ts';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../../api/validation/names.ts';

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** Source fields in the order upstream checks them, with the name its error uses. */
export const SOURCES: ReadonlyArray<readonly [keyof PersistentVolumeSpec, string]> = [
  ['hostPath', 'hostPath'], ['gcePersistentDisk', 'gcePersistentDisk'], ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['nfs', 'nfs'], ['rbd', 'rbd'], ['quobyte', 'quobyte'], ['cephfs', 'cephFS'],
  ['iscsi', 'iscsi'], ['cinder', 'cinder'], ['fc', 'fc'], ['flexVolume', 'flexVolume'], ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'], ['scaleIO', 'scaleIO'], ['local', 'local'], ['storageos', 'storageos'], ['csi', 'csi'],
];

function noBacksteps(value: string, at: Path): FieldError[] {
  return value.replaceAll('\\', '/').split('/').includes('..') ? [invalid(at, value, "must not contain '..'")] : [];
}

function validateSecretRef(ref: SecretReference | undefined, at: Path): FieldError[] {
  if (ref === undefined) return [];
  const errs: FieldError[] = [];
  const name = ref.name ?? '';
  const namespace = ref.namespace ?? '';
  if (name === '') errs.push(required(at.child('name')));
  else errs.push(...isDNS1123Subdomain(name).map((m) => invalid(at.child('name'), name, m)));
  if (namespace === '') errs.push(required(at.child('namespace')));
  else errs.push(...isDNS1123Label(namespace).map((m) => invalid(at.child('namespace'), namespace, m)));
  return errs;
}

function validateCSI(csi: CSIPersistentVolumeSource, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const driver = csi.driver;
  if (driver === '') errs.push(required(at.child('driver')));
  if (driver.length > 63) errs.push(tooLong(at.child('driver'), 63));
  errs.push(...isDNS1123Subdomain(driver.toLowerCase()).map((m) => invalid(at.child('driver'), driver, m)));
  if (csi.volumeHandle === '') errs.push(required(at.child('volumeHandle')));
  for (const ref of ['controllerPublishSecretRef', 'nodeStageSecretRef', 'nodePublishSecretRef', 'controllerExpandSecretRef', 'nodeExpandSecretRef'] as const) {
    errs.push(...validateSecretRef(csi[ref], at.child(ref)));
  }
  return errs;
}

function validateSource(spec: PersistentVolumeSpec, field: keyof PersistentVolumeSpec, specPath: Path): FieldError[] {
  const at = specPath.child(field);
  if (field === 'hostPath' && spec.hostPath !== undefined) {
    const { path: p, type } = spec.hostPath;
    if (p === '') return [required(at.child('path'))];
    const errs = noBacksteps(p, at.child('path'));
    if (type !== undefined && !HOST_PATH_TYPES.includes(type)) errs.push(notSupported(at.child('type'), type, HOST_PATH_TYPES));
    return errs;
  }
  if (field === 'nfs' && spec.nfs !== undefined) {
    const errs: FieldError[] = [];
    if (spec.nfs.server === '') errs.push(required(at.child('server')));
    if (spec.nfs.path === '') errs.push(required(at.child('path')));
    if (!spec.nfs.path.startsWith('/')) errs.push(invalid(at.child('path'), spec.nfs.path, 'must be an absolute path'));
    return errs;
  }
  if (field === 'local' && spec.local !== undefined) {
    const errs = spec.local.path === '' ? [required(at.child('path'))] : noBacksteps(spec.local.path, at.child('path'));
    if (spec.nodeAffinity === undefined) errs.push(required(specPath.child('nodeAffinity'), 'Local volume requires node affinity'));
    return errs;
  }
  if (field === 'csi' && spec.csi !== undefined) return validateCSI(spec.csi, at);
  return [];
}

/** Exactly one source, each valid; the spec's path is `at`. */
export function validateVolumeSources(spec: PersistentVolumeSpec, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [field, name] of SOURCES) {
    if (spec[field] === undefined) continue;
    // Upstream never refuses a FlexVolume as a second source.
    if (count > 0 && field !== 'flexVolume') {
      errs.push(forbidden(at.child(name), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSource(spec, field, at));
  }
  if (count === 0) errs.push(required(at, 'must specify a volume type'));
  return errs;
}

/** The source fields of a spec, for the immutability check. */
export function sourceFields(spec: PersistentVolumeSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field] of SOURCES) if (spec[field] !== undefined) out[field] = spec[field];
  return out;
}

// Access modes, shared by PersistentVolumes and PersistentVolumeClaims: validation as upstream
// (ReadWriteOncePod stands alone) and kubectl's short form (RWO, ROX, RWX, RWOP).

import { forbidden, notSupported, type FieldError, type Path } from '../../../../api/field-errors.ts';

/** In upstream's sorted order, as its "supported values" lists them. */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export function validateAccessModes(modes: readonly string[], at: Path): FieldError[] {
  const errs: FieldError[] = [];
  let pod = false;
  let other = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(at, mode, ACCESS_MODES));
    else if (mode === 'ReadWriteOncePod') pod = true;
    else other = true;
  }
  if (pod && other) errs.push(forbidden(at, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

const SHORT: ReadonlyArray<readonly [string, string]> = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];

/** "RWO,ROX": each mode once, in upstream's fixed order. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return SHORT.filter(([mode]) => set.has(mode)).map(([, short]) => short).join(',');
}

/** The storage class: the beta annotation wins over the field, as upstream's helpers read it. */
export function storageClassOf(meta: { annotations?: Record<string, string> } | undefined, field: string | undefined): string {
  return meta?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? field ?? '';
}

import type { StorageClass } from '../../../../api/types/storage/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { AGE_COLUMN } from '../../apps/replicasets/template-columns.ts';

export const IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** Whether the class is the default one (the GA or the beta annotation set to "true"). */
export function isDefaultClass(sc: StorageClass): boolean {
  const annotations = sc.metadata?.annotations ?? {};
  return annotations[IS_DEFAULT_CLASS_ANNOTATION] === 'true' || annotations[BETA_IS_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/** kubectl get sc: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE. */
export const storageClassPrinter: Printer<StorageClass> = {
  columns: [
    NAME_COLUMN,
    column('Provisioner', 'string', 'The volume plugin or CSI driver that provisions volumes.'),
    column('ReclaimPolicy', 'string', 'Delete or Retain, for volumes provisioned by this class.'),
    column('VolumeBindingMode', 'string', 'Immediate or WaitForFirstConsumer.'),
    column('AllowVolumeExpansion', 'string', 'Whether volumes of this class may be expanded.'),
    AGE_COLUMN,
  ],
  cells: (sc, now) => [
    `${sc.metadata?.name ?? ''}${isDefaultClass(sc) ? ' (default)' : ''}`,
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    age(sc.metadata?.creationTimestamp, now),
  ],
};

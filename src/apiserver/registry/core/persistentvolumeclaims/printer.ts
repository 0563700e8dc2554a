// `kubectl get persistentvolumeclaims` columns (upstream's printPersistentVolumeClaim):
// capacity and access modes are the bound volume's, empty until the claim is bound.

import type { PersistentVolumeClaim } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';
import { accessModesString, storageClassOf } from '../persistentvolumes/access-modes.ts';
import { quantityOf } from '../resourcequotas/resource-names.ts';

export const persistentVolumeClaimPrinter: Printer<PersistentVolumeClaim> = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The phase of the claim.'),
    column('Volume', 'string', 'The volume the claim is bound to.'),
    column('Capacity', 'string', 'The capacity of the bound volume.'),
    column('Access Modes', 'string', 'The access modes of the bound volume: RWO, ROX, RWX, RWOP.'),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    column('VolumeMode', 'string', 'Filesystem or Block.', { priority: 1 }),
  ],
  cells: (pvc, now) => {
    const spec = pvc.spec ?? {};
    const bound = (spec.volumeName ?? '') !== '';
    return [
      pvc.metadata?.name ?? '',
      pvc.metadata?.deletionTimestamp !== undefined ? 'Terminating' : (pvc.status?.phase ?? ''),
      spec.volumeName ?? '',
      bound ? (quantityOf(pvc.status?.capacity?.['storage'])?.toString() ?? '0') : '',
      bound ? accessModesString(pvc.status?.accessModes) : '',
      storageClassOf(pvc.metadata, spec.storageClassName),
      spec.volumeAttributesClassName ?? '<unset>',
      age(pvc.metadata?.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

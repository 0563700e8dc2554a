// StorageClasses: cluster-scoped classes of dynamically provisioned volumes. Reclaim policy
// defaults to Delete and binding to Immediate; what a class provisions never changes.

import { StorageClass, StorageClassList } from '../../../../api/types/storage/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { storageClassPrinter } from './printer.ts';
import { validateStorageClass, validateStorageClassUpdate } from './validation.ts';

export const storageclasses: ResourceDef<StorageClass> = {
  group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', singular: 'storageclass', kind: 'StorageClass',
  listKind: 'StorageClassList', namespaced: false, shortNames: ['sc'], shape: StorageClass, listShape: StorageClassList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    defaults(sc) {
      sc.reclaimPolicy ??= 'Delete';
      sc.volumeBindingMode ??= 'Immediate';
    },
    validate: validateStorageClass,
    validateUpdate: validateStorageClassUpdate,
  },
  printer: storageClassPrinter,
};

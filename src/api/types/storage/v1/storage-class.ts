// storage/v1: StorageClass.

import { boolean, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { PersistentVolumeReclaimPolicy, TopologySelectorTerm } from '../../core/v1/index.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { VolumeBindingMode } from './enums.ts';

export const StorageClass = struct('io.k8s.api.storage.v1.StorageClass', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  provisioner: req(2, string, { description: 'The volume plugin or CSI driver that provisions volumes.' }),
  parameters: opt(3, map(string), { description: 'Provisioner-specific parameters.', omitEmpty: true }),
  reclaimPolicy: opt(4, PersistentVolumeReclaimPolicy, { description: 'Delete or Retain, for volumes provisioned by this class.', omitEmpty: true, pointer: true }),
  mountOptions: opt(5, list(string), { description: 'Mount options for volumes of this class.', listType: 'atomic', omitEmpty: true }),
  allowVolumeExpansion: opt(6, boolean, { description: 'Whether volumes of this class may be expanded.', omitEmpty: true, pointer: true }),
  volumeBindingMode: opt(7, VolumeBindingMode, { description: 'Immediate or WaitForFirstConsumer.', omitEmpty: true, pointer: true }),
  allowedTopologies: opt(8, list(TopologySelectorTerm), { description: 'Where volumes may be provisioned.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A class of storage, with the provisioner and parameters volumes of that class get.' });
export type StorageClass = Infer<typeof StorageClass>;

export const StorageClassList = struct('io.k8s.api.storage.v1.StorageClassList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(StorageClass), { description: 'The StorageClass objects.' }),
}, { description: 'A list of StorageClass objects.' });
export type StorageClassList = Infer<typeof StorageClassList>;

// meta/v1: ObjectMeta and ListMeta: the metadata of every object and every list.

import { boolean, fieldsV1, int64, list, map, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';

export const ObjectMeta = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', {
  name: opt(1, string, { description: 'The object\'s name, unique among objects of its kind in its namespace; usually immutable once set.', omitEmpty: true }),
  generateName: opt(2, string, { description: 'A prefix the server extends with random characters to build a unique name when name is empty.', omitEmpty: true }),
  namespace: opt(3, string, { description: 'The namespace the object lives in; empty for cluster-scoped objects.', omitEmpty: true }),
  selfLink: opt(4, string, { description: 'Deprecated and no longer set by the server.', omitEmpty: true }),
  uid: opt(5, string, { description: 'A unique identifier the server assigns at creation and never reuses.', omitEmpty: true }),
  resourceVersion: opt(6, string, { description: 'An opaque token naming the stored revision of the object, used for optimistic concurrency and watches.', omitEmpty: true }),
  generation: opt(7, int64, { description: 'A counter the server bumps whenever the desired state (usually spec) changes.', omitEmpty: true }),
  creationTimestamp: opt(8, time, { description: 'When the server created the object.', omitEmpty: true }),
  deletionTimestamp: opt(9, time, { description: 'When deletion was requested; set by the server, after which only finalizers keep the object alive.', omitEmpty: true, pointer: true }),
  deletionGracePeriodSeconds: opt(10, int64, { description: 'The grace period in seconds granted to the object when deletion was requested.', omitEmpty: true, pointer: true }),
  labels: opt(11, map(string), { description: 'Identifying key/value pairs used by selectors to group and find objects.', omitEmpty: true }),
  annotations: opt(12, map(string), { description: 'Arbitrary non-identifying key/value metadata for tools and controllers.', omitEmpty: true }),
  ownerReferences: opt(13, () => list(OwnerReference), { description: 'The objects this one depends on; garbage collection deletes it once every owner is gone.', patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'], omitEmpty: true }),
  finalizers: opt(14, list(string), { description: 'Names of pending clean-up steps that must all be removed before the object is deleted from storage.', patchStrategy: 'merge', listType: 'set', omitEmpty: true }),
  managedFields: opt(17, () => list(ManagedFieldsEntry), { description: 'Which manager owns which fields, as tracked by server-side apply.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Metadata every persisted object carries: identity, labels, annotations, ownership and bookkeeping set by the server.' });
export type ObjectMeta = Infer<typeof ObjectMeta>;

export const OwnerReference = struct('io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference', {
  apiVersion: req(5, string, { description: 'The API version of the owner.' }),
  kind: req(1, string, { description: 'The kind of the owner.' }),
  name: req(3, string, { description: 'The name of the owner.' }),
  uid: req(4, string, { description: 'The UID of the owner.' }),
  controller: opt(6, boolean, { description: 'True for the single owner that manages this object.', omitEmpty: true, pointer: true }),
  blockOwnerDeletion: opt(7, boolean, { description: 'When true, foreground deletion of the owner waits until this dependent is gone.', omitEmpty: true, pointer: true }),
}, { description: 'A pointer to an owning object, in the same namespace as the dependent.', structType: 'atomic' });
export type OwnerReference = Infer<typeof OwnerReference>;

export const ManagedFieldsEntry = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry', {
  manager: opt(1, string, { description: 'The name of the workflow or client that manages these fields.', omitEmpty: true }),
  operation: opt(2, string, { description: 'Apply or Update, the kind of write that set these fields.', omitEmpty: true }),
  apiVersion: opt(3, string, { description: 'The API version of the object as the manager saw it, which defines the field paths.', omitEmpty: true }),
  time: opt(4, time, { description: 'When the manager last changed these fields.', omitEmpty: true, pointer: true }),
  fieldsType: opt(6, string, { description: 'The format of the fields description; always FieldsV1.', omitEmpty: true }),
  fieldsV1: opt(7, fieldsV1, { description: 'The owned fields, as a trie of field paths.', omitEmpty: true, pointer: true }),
  subresource: opt(8, string, { description: 'The subresource the writes went through, empty for the main resource.', omitEmpty: true }),
}, { description: 'The set of fields one manager owns, with the operation that gave it ownership.' });
export type ManagedFieldsEntry = Infer<typeof ManagedFieldsEntry>;

export const ListMeta = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', {
  selfLink: opt(1, string, { description: 'Deprecated and no longer set by the server.', omitEmpty: true }),
  resourceVersion: opt(2, string, { description: 'The revision the list was read at, from which a watch can start.', omitEmpty: true }),
  continue: opt(3, string, { description: 'An opaque token that fetches the next page when more items remain.', omitEmpty: true }),
  remainingItemCount: opt(4, int64, { description: 'An estimate of how many items remain after this page, when known.', omitEmpty: true, pointer: true }),
}, { description: 'Metadata of a list response: its revision and paging state.' });
export type ListMeta = Infer<typeof ListMeta>;

// core/v1: References from one object to another.

import { opt, req, string, struct, type Infer } from '../../../schema/shape.ts';

/** The fields of LocalObjectReference, which other structs embed. */
export const localObjectReferenceFields = {
  name: opt(1, string, { description: 'The name of the referenced object.', omitEmpty: true }),
};

export const LocalObjectReference = struct('io.k8s.api.core.v1.LocalObjectReference', localObjectReferenceFields, { description: 'A reference by name to an object in the same namespace.', structType: 'atomic' });
export type LocalObjectReference = Infer<typeof LocalObjectReference>;

export const ObjectReference = struct('io.k8s.api.core.v1.ObjectReference', {
  kind: opt(1, string, { description: 'The kind of the referenced object.', omitEmpty: true }),
  namespace: opt(2, string, { description: 'The namespace of the referenced object.', omitEmpty: true }),
  name: opt(3, string, { description: 'The name of the referenced object.', omitEmpty: true }),
  uid: opt(4, string, { description: 'The UID of the referenced object.', omitEmpty: true }),
  apiVersion: opt(5, string, { description: 'The API version of the referenced object.', omitEmpty: true }),
  resourceVersion: opt(6, string, { description: 'The resource version the reference was made at, if it matters.', omitEmpty: true }),
  fieldPath: opt(7, string, { description: 'A path to a part of the object, such as one container of a pod.', omitEmpty: true }),
}, { description: 'A reference to any object, precise enough to inspect or modify it.', structType: 'atomic' });
export type ObjectReference = Infer<typeof ObjectReference>;

export const SecretReference = struct('io.k8s.api.core.v1.SecretReference', {
  name: opt(1, string, { description: 'The name of the Secret.', omitEmpty: true }),
  namespace: opt(2, string, { description: 'The namespace of the Secret.', omitEmpty: true }),
}, { description: 'A reference to a Secret by name and namespace.', structType: 'atomic' });
export type SecretReference = Infer<typeof SecretReference>;

export const TypedLocalObjectReference = struct('io.k8s.api.core.v1.TypedLocalObjectReference', {
  apiGroup: opt(1, string, { description: 'The API group of the referenced kind; empty for the core group.', pointer: true }),
  kind: req(2, string, { description: 'The kind of the referenced object.' }),
  name: req(3, string, { description: 'The name of the referenced object.' }),
}, { description: 'A reference to an object of a given kind in the same namespace.', structType: 'atomic' });
export type TypedLocalObjectReference = Infer<typeof TypedLocalObjectReference>;

export const TypedObjectReference = struct('io.k8s.api.core.v1.TypedObjectReference', {
  apiGroup: opt(1, string, { description: 'The API group of the referenced kind; empty for the core group.', pointer: true }),
  kind: req(2, string, { description: 'The kind of the referenced object.' }),
  name: req(3, string, { description: 'The name of the referenced object.' }),
  namespace: opt(4, string, { description: 'The namespace of the referenced object, when it differs from the referrer\'s.', omitEmpty: true, pointer: true }),
}, { description: 'A reference to an object of a given kind, possibly in another namespace.' });
export type TypedObjectReference = Infer<typeof TypedObjectReference>;

// authorization/v1: The access reviews: SubjectAccessReview, LocalSubjectAccessReview and SelfSubjectAccessReview.

import { boolean, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { FieldSelectorRequirement, LabelSelectorRequirement, ObjectMeta } from '../../meta/v1/index.ts';

export const SubjectAccessReview = struct('io.k8s.api.authorization.v1.SubjectAccessReview', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: req(2, () => SubjectAccessReviewSpec, { description: 'The action and the subject.' }),
  status: opt(3, () => SubjectAccessReviewStatus, { description: 'The answer.', omitEmpty: true }),
}, { description: 'Asks whether a user or group may perform an action.' });
export type SubjectAccessReview = Infer<typeof SubjectAccessReview>;

export const SubjectAccessReviewSpec = struct('io.k8s.api.authorization.v1.SubjectAccessReviewSpec', {
  resourceAttributes: opt(1, () => ResourceAttributes, { description: 'The resource action.', omitEmpty: true, pointer: true }),
  nonResourceAttributes: opt(2, () => NonResourceAttributes, { description: 'The non-resource action.', omitEmpty: true, pointer: true }),
  user: opt(3, string, { description: 'The user to check.', omitEmpty: true }),
  groups: opt(4, list(string), { description: 'The groups to check.', listType: 'atomic', omitEmpty: true }),
  extra: opt(5, map(list(string)), { description: 'Further information about the user.', omitEmpty: true }),
  uid: opt(6, string, { description: 'The user\'s UID.', omitEmpty: true }),
}, { description: 'An action and the subject that wants to perform it.' });
export type SubjectAccessReviewSpec = Infer<typeof SubjectAccessReviewSpec>;

export const LocalSubjectAccessReview = struct('io.k8s.api.authorization.v1.LocalSubjectAccessReview', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: req(2, SubjectAccessReviewSpec, { description: 'The action and the subject; the namespace must match.' }),
  status: opt(3, () => SubjectAccessReviewStatus, { description: 'The answer.', omitEmpty: true }),
}, { description: 'Asks whether a subject may perform an action in one namespace.' });
export type LocalSubjectAccessReview = Infer<typeof LocalSubjectAccessReview>;

export const SelfSubjectAccessReview = struct('io.k8s.api.authorization.v1.SelfSubjectAccessReview', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: req(2, () => SelfSubjectAccessReviewSpec, { description: 'The action.' }),
  status: opt(3, () => SubjectAccessReviewStatus, { description: 'The answer.', omitEmpty: true }),
}, { description: 'Asks whether the caller may perform an action.' });
export type SelfSubjectAccessReview = Infer<typeof SelfSubjectAccessReview>;

export const SelfSubjectAccessReviewSpec = struct('io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec', {
  resourceAttributes: opt(1, () => ResourceAttributes, { description: 'The resource action.', omitEmpty: true, pointer: true }),
  nonResourceAttributes: opt(2, () => NonResourceAttributes, { description: 'The non-resource action.', omitEmpty: true, pointer: true }),
}, { description: 'An action the caller wants to perform.' });
export type SelfSubjectAccessReviewSpec = Infer<typeof SelfSubjectAccessReviewSpec>;

export const ResourceAttributes = struct('io.k8s.api.authorization.v1.ResourceAttributes', {
  namespace: opt(1, string, { description: 'The namespace of the request.', omitEmpty: true }),
  verb: opt(2, string, { description: 'The verb, e.g. get or create.', omitEmpty: true }),
  group: opt(3, string, { description: 'The API group of the resource.', omitEmpty: true }),
  version: opt(4, string, { description: 'The API version of the resource.', omitEmpty: true }),
  resource: opt(5, string, { description: 'The resource, e.g. pods.', omitEmpty: true }),
  subresource: opt(6, string, { description: 'The subresource, e.g. log.', omitEmpty: true }),
  name: opt(7, string, { description: 'The name of the object.', omitEmpty: true }),
  fieldSelector: opt(8, () => FieldSelectorAttributes, { description: 'The field selector of a list or watch.', omitEmpty: true, pointer: true }),
  labelSelector: opt(9, () => LabelSelectorAttributes, { description: 'The label selector of a list or watch.', omitEmpty: true, pointer: true }),
}, { description: 'A request to a resource, as seen by the authorizer.' });
export type ResourceAttributes = Infer<typeof ResourceAttributes>;

export const FieldSelectorAttributes = struct('io.k8s.api.authorization.v1.FieldSelectorAttributes', {
  rawSelector: opt(1, string, { description: 'The selector as written in a query.', omitEmpty: true }),
  requirements: opt(2, list(FieldSelectorRequirement), { description: 'The selector, parsed.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A field selector, as raw text or parsed.' });
export type FieldSelectorAttributes = Infer<typeof FieldSelectorAttributes>;

export const LabelSelectorAttributes = struct('io.k8s.api.authorization.v1.LabelSelectorAttributes', {
  rawSelector: opt(1, string, { description: 'The selector as written in a query.', omitEmpty: true }),
  requirements: opt(2, list(LabelSelectorRequirement), { description: 'The selector, parsed.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A label selector, as raw text or parsed.' });
export type LabelSelectorAttributes = Infer<typeof LabelSelectorAttributes>;

export const NonResourceAttributes = struct('io.k8s.api.authorization.v1.NonResourceAttributes', {
  path: opt(1, string, { description: 'The URL path.', omitEmpty: true }),
  verb: opt(2, string, { description: 'The HTTP verb in lower case.', omitEmpty: true }),
}, { description: 'A request to a path that is not a resource.' });
export type NonResourceAttributes = Infer<typeof NonResourceAttributes>;

export const SubjectAccessReviewStatus = struct('io.k8s.api.authorization.v1.SubjectAccessReviewStatus', {
  allowed: req(1, boolean, { description: 'Whether the action is allowed.' }),
  denied: opt(4, boolean, { description: 'Whether the action is explicitly denied.', omitEmpty: true }),
  reason: opt(2, string, { description: 'Why the action is allowed or denied.', omitEmpty: true }),
  evaluationError: opt(3, string, { description: 'A problem met while evaluating the request.', omitEmpty: true }),
}, { description: 'The answer to an access review.' });
export type SubjectAccessReviewStatus = Infer<typeof SubjectAccessReviewStatus>;

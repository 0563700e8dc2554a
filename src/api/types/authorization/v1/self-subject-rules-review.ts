// authorization/v1: SelfSubjectRulesReview.

import { boolean, list, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ObjectMeta } from '../../meta/v1/index.ts';

export const SelfSubjectRulesReview = struct('io.k8s.api.authorization.v1.SelfSubjectRulesReview', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: req(2, () => SelfSubjectRulesReviewSpec, { description: 'The namespace.' }),
  status: opt(3, () => SubjectRulesReviewStatus, { description: 'The actions.', omitEmpty: true }),
}, { description: 'Lists the actions the caller may perform in a namespace.' });
export type SelfSubjectRulesReview = Infer<typeof SelfSubjectRulesReview>;

export const SelfSubjectRulesReviewSpec = struct('io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec', {
  namespace: opt(1, string, { description: 'The namespace.', omitEmpty: true }),
}, { description: 'The namespace to list rules for.' });
export type SelfSubjectRulesReviewSpec = Infer<typeof SelfSubjectRulesReviewSpec>;

export const SubjectRulesReviewStatus = struct('io.k8s.api.authorization.v1.SubjectRulesReviewStatus', {
  resourceRules: req(1, () => list(ResourceRule), { description: 'Allowed resource actions.', listType: 'atomic' }),
  nonResourceRules: req(2, () => list(NonResourceRule), { description: 'Allowed non-resource actions.', listType: 'atomic' }),
  incomplete: req(3, boolean, { description: 'Whether the list may be incomplete.' }),
  evaluationError: opt(4, string, { description: 'A problem met while listing the rules.', omitEmpty: true }),
}, { description: 'The actions a subject may perform.' });
export type SubjectRulesReviewStatus = Infer<typeof SubjectRulesReviewStatus>;

export const ResourceRule = struct('io.k8s.api.authorization.v1.ResourceRule', {
  verbs: req(1, list(string), { description: 'The verbs.', listType: 'atomic' }),
  apiGroups: opt(2, list(string), { description: 'The API groups.', listType: 'atomic', omitEmpty: true }),
  resources: opt(3, list(string), { description: 'The resources.', listType: 'atomic', omitEmpty: true }),
  resourceNames: opt(4, list(string), { description: 'The object names; every name when empty.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Resource actions a subject may perform.' });
export type ResourceRule = Infer<typeof ResourceRule>;

export const NonResourceRule = struct('io.k8s.api.authorization.v1.NonResourceRule', {
  verbs: req(1, list(string), { description: 'The verbs.', listType: 'atomic' }),
  nonResourceURLs: opt(2, list(string), { description: 'The URL paths.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Non-resource actions a subject may perform.' });
export type NonResourceRule = Infer<typeof NonResourceRule>;

// authorization.k8s.io/v1 access reviews: "may this user do this?", answered by the API
// server's own authorizer and never stored (`kubectl auth can-i` posts a
// SelfSubjectAccessReview).

import { forbidden, invalid, path, required, type FieldError } from '../../../../api/field-errors.ts';
import {
  LocalSubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview,
  type ResourceAttributes, type SubjectAccessReviewStatus,
} from '../../../../api/types/authorization/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import { authorize, type Subject } from '../../../authz/authorizer.ts';
import type { ResourceDef } from '../../resource.ts';

function decide(subject: Subject, spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: { path?: string; verb?: string } }): SubjectAccessReviewStatus {
  const decision = spec.resourceAttributes !== undefined
    ? authorize(subject, {
      kind: 'resource', verb: spec.resourceAttributes.verb ?? '', group: spec.resourceAttributes.group ?? '', resource: spec.resourceAttributes.resource ?? '',
      subresource: spec.resourceAttributes.subresource ?? '', namespace: spec.resourceAttributes.namespace ?? '', name: spec.resourceAttributes.name ?? '',
    })
    : authorize(subject, { kind: 'path', verb: spec.nonResourceAttributes?.verb ?? '', path: spec.nonResourceAttributes?.path ?? '' });
  return decision.reason === '' ? { allowed: decision.allowed } : { allowed: decision.allowed, reason: decision.reason };
}

function validateSpec(spec: { resourceAttributes?: unknown; nonResourceAttributes?: unknown } | undefined): FieldError[] {
  const hasResource = spec?.resourceAttributes !== undefined;
  const hasPath = spec?.nonResourceAttributes !== undefined;
  if (hasResource && hasPath) return [invalid(path('spec', 'nonResourceAttributes'), spec?.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes')];
  if (!hasResource && !hasPath) return [required(path('spec', 'resourceAttributes'), 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  return [];
}

const common = { group: 'authorization.k8s.io', version: 'v1', verbs: ['create'] as const };

export const selfsubjectaccessreviews: ResourceDef<SelfSubjectAccessReview> = {
  ...common, resource: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', listKind: 'SelfSubjectAccessReviewList',
  namespaced: false, shape: SelfSubjectAccessReview,
  strategy: { validateName: nameIsDNSSubdomain, validate: (r) => validateSpec(r.spec) },
  virtualCreate: (review, { user }) => ({ ...review, status: decide(user, review.spec) }),
};

export const subjectaccessreviews: ResourceDef<SubjectAccessReview> = {
  ...common, resource: 'subjectaccessreviews', singular: 'subjectaccessreview', kind: 'SubjectAccessReview', listKind: 'SubjectAccessReviewList',
  namespaced: false, shape: SubjectAccessReview,
  strategy: {
    validateName: nameIsDNSSubdomain,
    validate: (r) => [...validateSpec(r.spec), ...((r.spec.user ?? '') === '' && (r.spec.groups ?? []).length === 0 ? [required(path('spec', 'user'), 'at least one of user or group must be specified')] : [])],
  },
  virtualCreate: (review) => ({ ...review, status: decide({ name: review.spec.user ?? '', groups: review.spec.groups ?? [] }, review.spec) }),
};

export const localsubjectaccessreviews: ResourceDef<LocalSubjectAccessReview> = {
  ...common, resource: 'localsubjectaccessreviews', singular: 'localsubjectaccessreview', kind: 'LocalSubjectAccessReview', listKind: 'LocalSubjectAccessReviewList',
  namespaced: true, shape: LocalSubjectAccessReview,
  strategy: {
    validateName: nameIsDNSSubdomain,
    validate: (r) => [
      ...validateSpec(r.spec),
      ...(r.spec.resourceAttributes !== undefined && (r.spec.resourceAttributes.namespace ?? '') !== (r.metadata?.namespace ?? '')
        ? [forbidden(path('spec', 'resourceAttributes', 'namespace'), 'must match metadata.namespace')] : []),
    ],
  },
  virtualCreate: (review) => ({ ...review, status: decide({ name: review.spec.user ?? '', groups: review.spec.groups ?? [] }, review.spec) }),
};

export const selfsubjectrulesreviews: ResourceDef<SelfSubjectRulesReview> = {
  ...common, resource: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', listKind: 'SelfSubjectRulesReviewList',
  namespaced: false, shape: SelfSubjectRulesReview,
  strategy: { validateName: nameIsDNSSubdomain },
  virtualCreate(review, { user }) {
    const all = authorize(user, { kind: 'resource', verb: '*', group: '*', resource: '*', subresource: '', namespace: review.spec?.namespace ?? '', name: '' }).allowed;
    return {
      ...review,
      status: all
        ? { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }
        : { resourceRules: [], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version'] }], incomplete: false },
    };
  },
};

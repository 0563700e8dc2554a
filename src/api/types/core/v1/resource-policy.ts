// core/v1: LimitRange and ResourceQuota.

import { list, map, opt, quantity, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { ResourceQuotaScope, ScopeSelectorOperator } from './enums.ts';

export const LimitRange = struct('io.k8s.api.core.v1.LimitRange', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => LimitRangeSpec, { description: 'The limits.', omitEmpty: true }),
}, { description: 'Per-namespace bounds and defaults for resources of pods, containers and claims.' });
export type LimitRange = Infer<typeof LimitRange>;

export const LimitRangeList = struct('io.k8s.api.core.v1.LimitRangeList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(LimitRange), { description: 'The LimitRange objects.' }),
}, { description: 'A list of LimitRange objects.' });
export type LimitRangeList = Infer<typeof LimitRangeList>;

export const LimitRangeSpec = struct('io.k8s.api.core.v1.LimitRangeSpec', {
  limits: req(1, () => list(LimitRangeItem), { description: 'One item per kind of object constrained.', listType: 'atomic' }),
}, { description: 'The limits of a LimitRange.' });
export type LimitRangeSpec = Infer<typeof LimitRangeSpec>;

export const LimitRangeItem = struct('io.k8s.api.core.v1.LimitRangeItem', {
  type: req(1, string, { description: 'Pod, Container or PersistentVolumeClaim.' }),
  max: opt(2, map(quantity), { description: 'The most of each resource allowed.', omitEmpty: true }),
  min: opt(3, map(quantity), { description: 'The least of each resource allowed.', omitEmpty: true }),
  default: opt(4, map(quantity), { description: 'Limits given to containers that set none.', omitEmpty: true }),
  defaultRequest: opt(5, map(quantity), { description: 'Requests given to containers that set none.', omitEmpty: true }),
  maxLimitRequestRatio: opt(6, map(quantity), { description: 'The largest allowed ratio of limit to request.', omitEmpty: true }),
}, { description: 'Bounds and defaults for one kind of object.' });
export type LimitRangeItem = Infer<typeof LimitRangeItem>;

export const ResourceQuota = struct('io.k8s.api.core.v1.ResourceQuota', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => ResourceQuotaSpec, { description: 'The limits.', omitEmpty: true }),
  status: opt(3, () => ResourceQuotaStatus, { description: 'The limits and current usage.', omitEmpty: true }),
}, { description: 'Per-namespace limits on total resource use and object counts.' });
export type ResourceQuota = Infer<typeof ResourceQuota>;

export const ResourceQuotaList = struct('io.k8s.api.core.v1.ResourceQuotaList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(ResourceQuota), { description: 'The ResourceQuota objects.' }),
}, { description: 'A list of ResourceQuota objects.' });
export type ResourceQuotaList = Infer<typeof ResourceQuotaList>;

export const ResourceQuotaSpec = struct('io.k8s.api.core.v1.ResourceQuotaSpec', {
  hard: opt(1, map(quantity), { description: 'The most of each resource the namespace may use.', omitEmpty: true }),
  scopes: opt(2, list(ResourceQuotaScope), { description: 'Which objects the quota counts, e.g. Terminating or BestEffort.', listType: 'atomic', omitEmpty: true }),
  scopeSelector: opt(3, () => ScopeSelector, { description: 'Which objects the quota counts, as expressions.', omitEmpty: true, pointer: true }),
}, { description: 'The limits of a quota.' });
export type ResourceQuotaSpec = Infer<typeof ResourceQuotaSpec>;

export const ScopeSelector = struct('io.k8s.api.core.v1.ScopeSelector', {
  matchExpressions: opt(1, () => list(ScopedResourceSelectorRequirement), { description: 'Requirements combined with AND.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A selector over quota scopes.', structType: 'atomic' });
export type ScopeSelector = Infer<typeof ScopeSelector>;

export const ScopedResourceSelectorRequirement = struct('io.k8s.api.core.v1.ScopedResourceSelectorRequirement', {
  scopeName: req(1, ResourceQuotaScope, { description: 'The scope, e.g. PriorityClass.' }),
  operator: req(2, ScopeSelectorOperator, { description: 'In, NotIn, Exists or DoesNotExist.' }),
  values: opt(3, list(string), { description: 'The values compared with In and NotIn.', listType: 'atomic', omitEmpty: true }),
}, { description: 'One requirement on a quota scope.' });
export type ScopedResourceSelectorRequirement = Infer<typeof ScopedResourceSelectorRequirement>;

export const ResourceQuotaStatus = struct('io.k8s.api.core.v1.ResourceQuotaStatus', {
  hard: opt(1, map(quantity), { description: 'The limits being enforced.', omitEmpty: true }),
  used: opt(2, map(quantity), { description: 'The current usage.', omitEmpty: true }),
}, { description: 'The enforced limits and current usage of a quota.' });
export type ResourceQuotaStatus = Infer<typeof ResourceQuotaStatus>;

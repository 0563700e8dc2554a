// core/v1: Namespace.

import { list, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { NamespacePhase } from './enums.ts';

export const Namespace = struct('io.k8s.api.core.v1.Namespace', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => NamespaceSpec, { description: 'The namespace\'s finalizers.', omitEmpty: true }),
  status: opt(3, () => NamespaceStatus, { description: 'The namespace\'s phase and conditions.', omitEmpty: true }),
}, { description: 'A scope for names, and a unit of policy and quota.' });
export type Namespace = Infer<typeof Namespace>;

export const NamespaceList = struct('io.k8s.api.core.v1.NamespaceList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Namespace), { description: 'The Namespace objects.' }),
}, { description: 'A list of Namespace objects.' });
export type NamespaceList = Infer<typeof NamespaceList>;

export const NamespaceSpec = struct('io.k8s.api.core.v1.NamespaceSpec', {
  finalizers: opt(1, list(string), { description: 'Clean-up steps that must finish before the namespace is removed.', listType: 'atomic', omitEmpty: true }),
}, { description: 'The desired state of a namespace.' });
export type NamespaceSpec = Infer<typeof NamespaceSpec>;

export const NamespaceStatus = struct('io.k8s.api.core.v1.NamespaceStatus', {
  phase: opt(1, NamespacePhase, { description: 'Active or Terminating.', omitEmpty: true }),
  conditions: opt(2, () => list(NamespaceCondition), { description: 'The namespace\'s current conditions.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
}, { description: 'The observed state of a namespace.' });
export type NamespaceStatus = Infer<typeof NamespaceStatus>;

export const NamespaceCondition = struct('io.k8s.api.core.v1.NamespaceCondition', {
  type: req(1, string, { description: 'The condition type, e.g. NamespaceDeletionContentFailure.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastTransitionTime: opt(4, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(5, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(6, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a namespace.' });
export type NamespaceCondition = Infer<typeof NamespaceCondition>;

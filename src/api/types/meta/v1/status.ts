// meta/v1: Status (the body of errors), delete options, conditions and watch events.

import { boolean, int32, int64, list, opt, raw, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { ListMeta } from './object-meta.ts';

export const Status = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Status', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, () => ListMeta, { description: 'List metadata; rarely set.', omitEmpty: true }),
  status: opt(2, string, { description: 'Success or Failure.', omitEmpty: true }),
  message: opt(3, string, { description: 'Text for people explaining the outcome.', omitEmpty: true }),
  reason: opt(4, string, { description: 'A machine-readable CamelCase reason, empty when none applies.', omitEmpty: true }),
  details: opt(5, () => StatusDetails, { description: 'More data about the reason, depending on the reason.', listType: 'atomic', omitEmpty: true, pointer: true }),
  code: opt(6, int32, { description: 'The HTTP status code of the response.', omitEmpty: true }),
}, { description: 'The result of an operation that returns no object, usually an error.' });
export type Status = Infer<typeof Status>;

export const StatusDetails = struct('io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails', {
  name: opt(1, string, { description: 'The name of the object involved, when there is one.', omitEmpty: true }),
  group: opt(2, string, { description: 'The API group of the object involved.', omitEmpty: true }),
  kind: opt(3, string, { description: 'The kind of the object involved.', omitEmpty: true }),
  uid: opt(6, string, { description: 'The UID of the object involved.', omitEmpty: true }),
  causes: opt(4, () => list(StatusCause), { description: 'Individual problems that together explain the failure, such as field errors.', listType: 'atomic', omitEmpty: true }),
  retryAfterSeconds: opt(5, int32, { description: 'How many seconds a client should wait before retrying.', omitEmpty: true }),
}, { description: 'Extra data attached to a Status: the object involved and the causes.' });
export type StatusDetails = Infer<typeof StatusDetails>;

export const StatusCause = struct('io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause', {
  reason: opt(1, string, { description: 'The cause, in a form programs can match on.', omitEmpty: true }),
  message: opt(2, string, { description: 'The cause, explained for people.', omitEmpty: true }),
  field: opt(3, string, { description: 'The path of the field that caused the error, e.g. spec.containers[0].name.', omitEmpty: true }),
}, { description: 'One cause of a failure, often a single invalid field.' });
export type StatusCause = Infer<typeof StatusCause>;

export const DeleteOptions = struct('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  gracePeriodSeconds: opt(1, int64, { description: 'Seconds to wait before the object is deleted; zero deletes immediately.', omitEmpty: true, pointer: true }),
  preconditions: opt(2, () => Preconditions, { description: 'Conditions the object must meet for the deletion to proceed.', omitEmpty: true, pointer: true }),
  orphanDependents: opt(3, boolean, { description: 'Deprecated: whether to orphan dependents; use propagationPolicy.', omitEmpty: true, pointer: true }),
  propagationPolicy: opt(4, string, { description: 'How dependents are garbage collected: Orphan, Background or Foreground.', omitEmpty: true, pointer: true }),
  dryRun: opt(5, list(string), { description: 'When set to All, the request is validated but nothing is persisted.', listType: 'atomic', omitEmpty: true }),
  ignoreStoreReadErrorWithClusterBreakingPotential: opt(6, boolean, { description: 'Deletes an object that cannot be read from storage (corrupt or undecryptable); unsafe.', omitEmpty: true, pointer: true }),
}, { description: 'Options for a delete request.' });
export type DeleteOptions = Infer<typeof DeleteOptions>;

export const Preconditions = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions', {
  uid: opt(1, string, { description: 'The UID the object must have.', omitEmpty: true, pointer: true }),
  resourceVersion: opt(2, string, { description: 'The resource version the object must have.', omitEmpty: true, pointer: true }),
}, { description: 'Conditions that must hold for an operation to go ahead.' });
export type Preconditions = Infer<typeof Preconditions>;

export const Condition = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Condition', {
  type: req(1, string, { description: 'The condition type in CamelCase, e.g. Ready.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  observedGeneration: opt(3, int64, { description: 'The metadata.generation the condition was computed from.', omitEmpty: true }),
  lastTransitionTime: req(4, time, { description: 'When status last changed.' }),
  reason: req(5, string, { description: 'A CamelCase machine-readable reason for the last transition.' }),
  message: req(6, string, { description: 'A human-readable explanation of the last transition.' }),
}, { description: 'One aspect of an object\'s current state, in the standard condition form.' });
export type Condition = Infer<typeof Condition>;

export const WatchEvent = struct('io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent', {
  type: req(1, string, { description: 'ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.' }),
  object: req(2, raw, { description: 'The object after the change (before it, for deletions), or a Status for errors.' }),
}, { description: 'One event of a watch stream: what happened and the object it happened to.' });
export type WatchEvent = Infer<typeof WatchEvent>;

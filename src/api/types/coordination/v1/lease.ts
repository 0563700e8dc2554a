// coordination/v1: Lease.

import { int32, list, microtime, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';

export const Lease = struct('io.k8s.api.coordination.v1.Lease', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => LeaseSpec, { description: 'The lease\'s holder and timing.', omitEmpty: true }),
}, { description: 'A lease held by one holder at a time, for leader election and heartbeats.' });
export type Lease = Infer<typeof Lease>;

export const LeaseList = struct('io.k8s.api.coordination.v1.LeaseList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Lease), { description: 'The Lease objects.' }),
}, { description: 'A list of Lease objects.' });
export type LeaseList = Infer<typeof LeaseList>;

export const LeaseSpec = struct('io.k8s.api.coordination.v1.LeaseSpec', {
  holderIdentity: opt(1, string, { description: 'Who holds the lease.', omitEmpty: true, pointer: true }),
  leaseDurationSeconds: opt(2, int32, { description: 'How long others wait after the last renewal before taking the lease.', omitEmpty: true, pointer: true }),
  acquireTime: opt(3, microtime, { description: 'When the current holder acquired the lease.', omitEmpty: true, pointer: true }),
  renewTime: opt(4, microtime, { description: 'When the holder last renewed the lease.', omitEmpty: true, pointer: true }),
  leaseTransitions: opt(5, int32, { description: 'How many times the lease has changed hands.', omitEmpty: true, pointer: true }),
  strategy: opt(6, string, { description: 'The leader election strategy in coordinated leader election.', omitEmpty: true, pointer: true }),
  preferredHolder: opt(7, string, { description: 'The holder that should take the lease next, in coordinated leader election.', omitEmpty: true, pointer: true }),
}, { description: 'The holder and timing of a lease.' });
export type LeaseSpec = Infer<typeof LeaseSpec>;

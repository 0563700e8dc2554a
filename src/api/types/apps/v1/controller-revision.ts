// apps/v1: ControllerRevision.

import { int64, list, opt, raw, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';

export const ControllerRevision = struct('io.k8s.api.apps.v1.ControllerRevision', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  data: opt(2, raw, { description: 'The serialized state.', omitEmpty: true }),
  revision: req(3, int64, { description: 'The revision number.' }),
}, { description: 'An immutable snapshot of a controller\'s state, for rollback.' });
export type ControllerRevision = Infer<typeof ControllerRevision>;

export const ControllerRevisionList = struct('io.k8s.api.apps.v1.ControllerRevisionList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(ControllerRevision), { description: 'The ControllerRevision objects.' }),
}, { description: 'A list of ControllerRevision objects.' });
export type ControllerRevisionList = Infer<typeof ControllerRevisionList>;

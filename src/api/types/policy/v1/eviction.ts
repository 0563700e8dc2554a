// policy/v1: Eviction, the body of a request to the eviction subresource of a pod.

import { opt, string, struct, type Infer } from '../../../schema/shape.ts';
import { DeleteOptions, ObjectMeta } from '../../meta/v1/index.ts';

export const Eviction = struct('io.k8s.api.policy.v1.Eviction', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The pod to evict, by name and namespace.', omitEmpty: true }),
  deleteOptions: opt(2, DeleteOptions, { description: 'Options for deleting the pod.', omitEmpty: true, pointer: true }),
}, { description: 'A request to evict a pod, honouring disruption budgets; posted to the pod\'s eviction subresource.' });
export type Eviction = Infer<typeof Eviction>;

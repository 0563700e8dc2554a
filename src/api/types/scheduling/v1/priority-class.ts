// scheduling/v1: PriorityClass.

import { boolean, int32, list, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { PreemptionPolicy } from '../../core/v1/index.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';

export const PriorityClass = struct('io.k8s.api.scheduling.v1.PriorityClass', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  value: req(2, int32, { description: 'The priority; higher values schedule first.' }),
  globalDefault: opt(3, boolean, { description: 'Use this class for pods that name none.', omitEmpty: true }),
  description: opt(4, string, { description: 'What the class is for.', omitEmpty: true }),
  preemptionPolicy: opt(5, PreemptionPolicy, { description: 'PreemptLowerPriority or Never.', omitEmpty: true, pointer: true }),
}, { description: 'A named pod priority.' });
export type PriorityClass = Infer<typeof PriorityClass>;

export const PriorityClassList = struct('io.k8s.api.scheduling.v1.PriorityClassList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(PriorityClass), { description: 'The PriorityClass objects.' }),
}, { description: 'A list of PriorityClass objects.' });
export type PriorityClassList = Infer<typeof PriorityClassList>;

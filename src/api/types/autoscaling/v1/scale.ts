// autoscaling/v1: Scale, the body of the scale subresource.

import { int32, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ObjectMeta } from '../../meta/v1/index.ts';

export const Scale = struct('io.k8s.api.autoscaling.v1.Scale', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The metadata of the scaled object.', omitEmpty: true }),
  spec: opt(2, () => ScaleSpec, { description: 'The desired number of replicas.', omitEmpty: true }),
  status: opt(3, () => ScaleStatus, { description: 'The current number of replicas.', omitEmpty: true }),
}, { description: 'The scale subresource of a scalable object.' });
export type Scale = Infer<typeof Scale>;

export const ScaleSpec = struct('io.k8s.api.autoscaling.v1.ScaleSpec', {
  replicas: opt(1, int32, { description: 'The number of replicas wanted.', omitEmpty: true }),
}, { description: 'The desired scale.' });
export type ScaleSpec = Infer<typeof ScaleSpec>;

export const ScaleStatus = struct('io.k8s.api.autoscaling.v1.ScaleStatus', {
  replicas: req(1, int32, { description: 'The number of replicas observed.' }),
  selector: opt(2, string, { description: 'The label selector of the pods, as a string.', omitEmpty: true }),
}, { description: 'The current scale.' });
export type ScaleStatus = Infer<typeof ScaleStatus>;

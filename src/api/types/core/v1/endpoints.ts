// core/v1: Endpoints, the legacy per-service address list.

import { int32, list, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { Protocol } from './enums.ts';
import { ObjectReference } from './references.ts';

export const Endpoints = struct('io.k8s.api.core.v1.Endpoints', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  subsets: opt(2, () => list(EndpointSubset), { description: 'Groups of addresses sharing the same ports.', listType: 'atomic', omitEmpty: true }),
}, { description: 'The addresses behind a service, grouped into subsets.' });
export type Endpoints = Infer<typeof Endpoints>;

export const EndpointsList = struct('io.k8s.api.core.v1.EndpointsList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Endpoints), { description: 'The Endpoints objects.' }),
}, { description: 'A list of Endpoints objects.' });
export type EndpointsList = Infer<typeof EndpointsList>;

export const EndpointSubset = struct('io.k8s.api.core.v1.EndpointSubset', {
  addresses: opt(1, () => list(EndpointAddress), { description: 'Ready addresses.', listType: 'atomic', omitEmpty: true }),
  notReadyAddresses: opt(2, () => list(EndpointAddress), { description: 'Addresses that are not ready yet.', listType: 'atomic', omitEmpty: true }),
  ports: opt(3, () => list(EndpointPort), { description: 'The ports available on every address.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Addresses that share the same set of ports.' });
export type EndpointSubset = Infer<typeof EndpointSubset>;

export const EndpointAddress = struct('io.k8s.api.core.v1.EndpointAddress', {
  ip: req(1, string, { description: 'The IP address.' }),
  hostname: opt(3, string, { description: 'The hostname of the endpoint.', omitEmpty: true }),
  nodeName: opt(4, string, { description: 'The node hosting the endpoint.', omitEmpty: true, pointer: true }),
  targetRef: opt(2, () => ObjectReference, { description: 'The object behind the endpoint, usually a pod.', omitEmpty: true, pointer: true }),
}, { description: 'One endpoint address.', structType: 'atomic' });
export type EndpointAddress = Infer<typeof EndpointAddress>;

export const EndpointPort = struct('io.k8s.api.core.v1.EndpointPort', {
  name: opt(1, string, { description: 'The port\'s name, matching the service port\'s.', omitEmpty: true }),
  port: req(2, int32, { description: 'The port number.' }),
  protocol: opt(3, Protocol, { description: 'TCP, UDP or SCTP.', omitEmpty: true }),
  appProtocol: opt(4, string, { description: 'The application protocol of the port.', omitEmpty: true, pointer: true }),
}, { description: 'One port of an endpoint subset.', structType: 'atomic' });
export type EndpointPort = Infer<typeof EndpointPort>;

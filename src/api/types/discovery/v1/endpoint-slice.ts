// discovery/v1: EndpointSlice.

import { boolean, int32, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ObjectReference, Protocol } from '../../core/v1/index.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { AddressType } from './enums.ts';

export const EndpointSlice = struct('io.k8s.api.discovery.v1.EndpointSlice', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  addressType: req(4, AddressType, { description: 'IPv4, IPv6 or FQDN.' }),
  endpoints: req(2, () => list(Endpoint), { description: 'The endpoints of the slice.', listType: 'atomic' }),
  ports: opt(3, () => list(EndpointPort), { description: 'The ports every endpoint exposes.', listType: 'atomic' }),
}, { description: 'A slice of the endpoints behind a service.' });
export type EndpointSlice = Infer<typeof EndpointSlice>;

export const EndpointSliceList = struct('io.k8s.api.discovery.v1.EndpointSliceList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(EndpointSlice), { description: 'The EndpointSlice objects.' }),
}, { description: 'A list of EndpointSlice objects.' });
export type EndpointSliceList = Infer<typeof EndpointSliceList>;

export const Endpoint = struct('io.k8s.api.discovery.v1.Endpoint', {
  addresses: req(1, list(string), { description: 'The endpoint\'s addresses, all of the slice\'s address type.', listType: 'set' }),
  conditions: opt(2, () => EndpointConditions, { description: 'The endpoint\'s readiness state.', omitEmpty: true }),
  hostname: opt(3, string, { description: 'The endpoint\'s hostname.', omitEmpty: true, pointer: true }),
  targetRef: opt(4, ObjectReference, { description: 'The object behind the endpoint, usually a pod.', omitEmpty: true, pointer: true }),
  deprecatedTopology: opt(5, map(string), { description: 'Deprecated topology labels of the endpoint.', omitEmpty: true }),
  nodeName: opt(6, string, { description: 'The node hosting the endpoint.', omitEmpty: true, pointer: true }),
  zone: opt(7, string, { description: 'The zone the endpoint is in.', omitEmpty: true, pointer: true }),
  hints: opt(8, () => EndpointHints, { description: 'Hints for topology-aware routing.', omitEmpty: true, pointer: true }),
}, { description: 'One endpoint of a slice.' });
export type Endpoint = Infer<typeof Endpoint>;

export const EndpointConditions = struct('io.k8s.api.discovery.v1.EndpointConditions', {
  ready: opt(1, boolean, { description: 'Whether the endpoint should receive traffic.', omitEmpty: true, pointer: true }),
  serving: opt(2, boolean, { description: 'Whether the endpoint can serve, even while terminating.', omitEmpty: true, pointer: true }),
  terminating: opt(3, boolean, { description: 'Whether the endpoint is shutting down.', omitEmpty: true, pointer: true }),
}, { description: 'The readiness state of an endpoint.' });
export type EndpointConditions = Infer<typeof EndpointConditions>;

export const EndpointHints = struct('io.k8s.api.discovery.v1.EndpointHints', {
  forZones: opt(1, () => list(ForZone), { description: 'Zones that should use the endpoint.', listType: 'atomic', omitEmpty: true }),
  forNodes: opt(2, () => list(ForNode), { description: 'Nodes that should use the endpoint.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Where an endpoint should be used from.' });
export type EndpointHints = Infer<typeof EndpointHints>;

export const ForZone = struct('io.k8s.api.discovery.v1.ForZone', {
  name: req(1, string, { description: 'The zone name.' }),
}, { description: 'A zone that should use an endpoint.' });
export type ForZone = Infer<typeof ForZone>;

export const ForNode = struct('io.k8s.api.discovery.v1.ForNode', {
  name: req(1, string, { description: 'The node name.' }),
}, { description: 'A node that should use an endpoint.' });
export type ForNode = Infer<typeof ForNode>;

export const EndpointPort = struct('io.k8s.api.discovery.v1.EndpointPort', {
  name: opt(1, string, { description: 'The port\'s name, matching the service port\'s.', omitEmpty: true, pointer: true }),
  protocol: opt(2, Protocol, { description: 'TCP, UDP or SCTP.', omitEmpty: true, pointer: true }),
  port: opt(3, int32, { description: 'The port number.', omitEmpty: true, pointer: true }),
  appProtocol: opt(4, string, { description: 'The application protocol of the port.', omitEmpty: true, pointer: true }),
}, { description: 'A port of an endpoint slice.', structType: 'atomic' });
export type EndpointPort = Infer<typeof EndpointPort>;

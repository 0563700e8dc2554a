// core/v1: Service and its load balancer status.

import { boolean, int32, intOrString, list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { Condition, ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import {
  IPFamily,
  IPFamilyPolicy,
  Protocol,
  ServiceAffinity,
  ServiceExternalTrafficPolicy,
  ServiceInternalTrafficPolicy,
  ServiceType,
} from './enums.ts';

export const Service = struct('io.k8s.api.core.v1.Service', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => ServiceSpec, { description: 'How the service is exposed and which pods it routes to.', omitEmpty: true }),
  status: opt(3, () => ServiceStatus, { description: 'The observed state of the service, such as its load balancer.', omitEmpty: true }),
}, { description: 'A stable network endpoint for a set of pods, with optional load balancing.' });
export type Service = Infer<typeof Service>;

export const ServiceList = struct('io.k8s.api.core.v1.ServiceList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Service), { description: 'The Service objects.' }),
}, { description: 'A list of Service objects.' });
export type ServiceList = Infer<typeof ServiceList>;

export const ServiceSpec = struct('io.k8s.api.core.v1.ServiceSpec', {
  ports: opt(1, () => list(ServicePort), { description: 'The ports the service exposes.', patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'], omitEmpty: true }),
  selector: opt(2, map(string), { description: 'Labels of the pods that receive the traffic.', mapType: 'atomic', omitEmpty: true }),
  clusterIP: opt(3, string, { description: 'The service\'s primary virtual IP, None for a headless service.', omitEmpty: true }),
  clusterIPs: opt(18, list(string), { description: 'The service\'s virtual IPs, one per family.', listType: 'atomic', omitEmpty: true }),
  type: opt(4, ServiceType, { description: 'ClusterIP, NodePort, LoadBalancer or ExternalName.', omitEmpty: true }),
  externalIPs: opt(5, list(string), { description: 'External addresses the nodes also accept traffic for.', listType: 'atomic', omitEmpty: true }),
  sessionAffinity: opt(7, ServiceAffinity, { description: 'ClientIP keeps a client on one endpoint; None balances every connection.', omitEmpty: true }),
  loadBalancerIP: opt(8, string, { description: 'Deprecated: the IP requested from the load balancer.', omitEmpty: true }),
  loadBalancerSourceRanges: opt(9, list(string), { description: 'Client networks allowed through the load balancer.', listType: 'atomic', omitEmpty: true }),
  externalName: opt(10, string, { description: 'The DNS name an ExternalName service aliases.', omitEmpty: true }),
  externalTrafficPolicy: opt(11, ServiceExternalTrafficPolicy, { description: 'Cluster or Local: whether external traffic may leave the node it arrived on.', omitEmpty: true }),
  healthCheckNodePort: opt(12, int32, { description: 'The node port load balancers health-check with externalTrafficPolicy Local.', omitEmpty: true }),
  publishNotReadyAddresses: opt(13, boolean, { description: 'Publish endpoints of pods that are not ready.', omitEmpty: true }),
  sessionAffinityConfig: opt(14, () => SessionAffinityConfig, { description: 'Settings of session affinity.', omitEmpty: true, pointer: true }),
  ipFamilies: opt(19, list(IPFamily), { description: 'The IP families of the service, IPv4 and/or IPv6.', listType: 'atomic', omitEmpty: true }),
  ipFamilyPolicy: opt(17, IPFamilyPolicy, { description: 'SingleStack, PreferDualStack or RequireDualStack.', omitEmpty: true, pointer: true }),
  allocateLoadBalancerNodePorts: opt(20, boolean, { description: 'Whether LoadBalancer services get node ports.', omitEmpty: true, pointer: true }),
  loadBalancerClass: opt(21, string, { description: 'The load balancer implementation to use.', omitEmpty: true, pointer: true }),
  internalTrafficPolicy: opt(22, ServiceInternalTrafficPolicy, { description: 'Cluster or Local, for traffic from inside the cluster.', omitEmpty: true, pointer: true }),
  trafficDistribution: opt(23, string, { description: 'A preference for how traffic is spread across endpoints, e.g. PreferClose.', omitEmpty: true, pointer: true }),
}, { description: 'How a service is exposed and which pods receive its traffic.' });
export type ServiceSpec = Infer<typeof ServiceSpec>;

export const ServicePort = struct('io.k8s.api.core.v1.ServicePort', {
  name: opt(1, string, { description: 'The port\'s name, required when there are several ports.', omitEmpty: true }),
  protocol: opt(2, Protocol, { description: 'TCP, UDP or SCTP.', omitEmpty: true }),
  appProtocol: opt(6, string, { description: 'The application protocol, e.g. http or kubernetes.io/h2c.', omitEmpty: true, pointer: true }),
  port: req(3, int32, { description: 'The port the service exposes.' }),
  targetPort: opt(4, intOrString, { description: 'The pod port traffic goes to, by number or name.', omitEmpty: true }),
  nodePort: opt(5, int32, { description: 'The port on every node, for NodePort and LoadBalancer services.', omitEmpty: true }),
}, { description: 'One port of a service.' });
export type ServicePort = Infer<typeof ServicePort>;

export const SessionAffinityConfig = struct('io.k8s.api.core.v1.SessionAffinityConfig', {
  clientIP: opt(1, () => ClientIPConfig, { description: 'Settings for ClientIP affinity.', omitEmpty: true, pointer: true }),
}, { description: 'Session affinity settings.' });
export type SessionAffinityConfig = Infer<typeof SessionAffinityConfig>;

export const ClientIPConfig = struct('io.k8s.api.core.v1.ClientIPConfig', {
  timeoutSeconds: opt(1, int32, { description: 'How long a client stays on one endpoint.', omitEmpty: true, pointer: true }),
}, { description: 'ClientIP session affinity settings.' });
export type ClientIPConfig = Infer<typeof ClientIPConfig>;

export const ServiceStatus = struct('io.k8s.api.core.v1.ServiceStatus', {
  loadBalancer: opt(1, () => LoadBalancerStatus, { description: 'The state of its load balancer.', omitEmpty: true }),
  conditions: opt(2, list(Condition), { description: 'The service\'s current conditions.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
}, { description: 'The observed state of a service.' });
export type ServiceStatus = Infer<typeof ServiceStatus>;

export const LoadBalancerStatus = struct('io.k8s.api.core.v1.LoadBalancerStatus', {
  ingress: opt(1, () => list(LoadBalancerIngress), { description: 'The load balancer\'s ingress points.', listType: 'atomic', omitEmpty: true }),
}, { description: 'The state of a load balancer.' });
export type LoadBalancerStatus = Infer<typeof LoadBalancerStatus>;

export const LoadBalancerIngress = struct('io.k8s.api.core.v1.LoadBalancerIngress', {
  ip: opt(1, string, { description: 'The IP address of the ingress point.', omitEmpty: true }),
  hostname: opt(2, string, { description: 'The DNS name of the ingress point.', omitEmpty: true }),
  ipMode: opt(3, string, { description: 'How the load balancer delivers traffic: VIP or Proxy.', omitEmpty: true, pointer: true }),
  ports: opt(4, () => list(PortStatus), { description: 'The state of each service port on this ingress point.', listType: 'atomic', omitEmpty: true }),
}, { description: 'An ingress point of a load balancer.' });
export type LoadBalancerIngress = Infer<typeof LoadBalancerIngress>;

export const PortStatus = struct('io.k8s.api.core.v1.PortStatus', {
  port: req(1, int32, { description: 'The port number.' }),
  protocol: req(2, Protocol, { description: 'TCP, UDP or SCTP.' }),
  error: opt(3, string, { description: 'Why the port is not working, in CamelCase, when it is not.', omitEmpty: true, pointer: true }),
}, { description: 'The state of one port of a load balancer.' });
export type PortStatus = Infer<typeof PortStatus>;

// core/v1: Node, its spec and the status its kubelet reports.

import { boolean, int32, int64, list, map, opt, quantity, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { NodePhase, TaintEffect } from './enums.ts';

export const Node = struct('io.k8s.api.core.v1.Node', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => NodeSpec, { description: 'How the node is configured for scheduling.', omitEmpty: true }),
  status: opt(3, () => NodeStatus, { description: 'The observed state of the node, reported by its kubelet.', omitEmpty: true }),
}, { description: 'A worker machine that runs pods.' });
export type Node = Infer<typeof Node>;

export const NodeList = struct('io.k8s.api.core.v1.NodeList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Node), { description: 'The Node objects.' }),
}, { description: 'A list of Node objects.' });
export type NodeList = Infer<typeof NodeList>;

export const NodeSpec = struct('io.k8s.api.core.v1.NodeSpec', {
  podCIDR: opt(1, string, { description: 'The range this node\'s pod IPs are taken from.', omitEmpty: true }),
  podCIDRs: opt(7, list(string), { description: 'The ranges this node\'s pod IPs are taken from, one per family.', patchStrategy: 'merge', listType: 'set', omitEmpty: true }),
  providerID: opt(3, string, { description: 'The cloud provider\'s ID of the node.', omitEmpty: true }),
  unschedulable: opt(4, boolean, { description: 'Keep new pods off the node (cordon).', omitEmpty: true }),
  taints: opt(5, () => list(Taint), { description: 'Taints that repel pods which do not tolerate them.', listType: 'atomic', omitEmpty: true }),
  configSource: opt(6, () => NodeConfigSource, { description: 'Deprecated: a dynamic kubelet configuration source; no longer used.', omitEmpty: true, pointer: true }),
  externalID: opt(2, string, { description: 'Deprecated; not used.', omitEmpty: true }),
}, { description: 'The desired configuration of a node.' });
export type NodeSpec = Infer<typeof NodeSpec>;

export const Taint = struct('io.k8s.api.core.v1.Taint', {
  key: req(1, string, { description: 'The taint key.' }),
  value: opt(2, string, { description: 'The taint value.', omitEmpty: true }),
  effect: req(3, TaintEffect, { description: 'NoSchedule, PreferNoSchedule or NoExecute.' }),
  timeAdded: opt(4, time, { description: 'When a NoExecute taint was added.', omitEmpty: true, pointer: true }),
}, { description: 'A mark on a node that repels pods without a matching toleration.' });
export type Taint = Infer<typeof Taint>;

export const NodeConfigSource = struct('io.k8s.api.core.v1.NodeConfigSource', {
  configMap: opt(2, () => ConfigMapNodeConfigSource, { description: 'A ConfigMap holding the configuration.', omitEmpty: true, pointer: true }),
}, { description: 'Deprecated: a source of kubelet configuration.' });
export type NodeConfigSource = Infer<typeof NodeConfigSource>;

export const ConfigMapNodeConfigSource = struct('io.k8s.api.core.v1.ConfigMapNodeConfigSource', {
  namespace: req(1, string, { description: 'The ConfigMap\'s namespace.' }),
  name: req(2, string, { description: 'The ConfigMap\'s name.' }),
  uid: opt(3, string, { description: 'The ConfigMap\'s UID.', omitEmpty: true }),
  resourceVersion: opt(4, string, { description: 'The ConfigMap\'s resource version.', omitEmpty: true }),
  kubeletConfigKey: req(5, string, { description: 'The key holding the configuration.' }),
}, { description: 'Deprecated: a ConfigMap holding kubelet configuration.' });
export type ConfigMapNodeConfigSource = Infer<typeof ConfigMapNodeConfigSource>;

export const NodeStatus = struct('io.k8s.api.core.v1.NodeStatus', {
  capacity: opt(1, map(quantity), { description: 'The node\'s total resources.', omitEmpty: true }),
  allocatable: opt(2, map(quantity), { description: 'The resources available to pods.', omitEmpty: true }),
  phase: opt(3, NodePhase, { description: 'Deprecated: the node\'s lifecycle phase.', omitEmpty: true }),
  conditions: opt(4, () => list(NodeCondition), { description: 'The node\'s current conditions, such as Ready.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
  addresses: opt(5, () => list(NodeAddress), { description: 'The node\'s addresses.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
  daemonEndpoints: opt(6, () => NodeDaemonEndpoints, { description: 'The ports of daemons on the node.', omitEmpty: true }),
  nodeInfo: opt(7, () => NodeSystemInfo, { description: 'Facts about the node\'s machine and software.', omitEmpty: true }),
  images: opt(8, () => list(ContainerImage), { description: 'Images present on the node.', listType: 'atomic', omitEmpty: true }),
  volumesInUse: opt(9, list(string), { description: 'Volumes attached and mounted on the node.', listType: 'atomic', omitEmpty: true }),
  volumesAttached: opt(10, () => list(AttachedVolume), { description: 'Volumes attached to the node.', listType: 'atomic', omitEmpty: true }),
  config: opt(11, () => NodeConfigStatus, { description: 'Deprecated: the state of dynamic kubelet configuration.', omitEmpty: true, pointer: true }),
  runtimeHandlers: opt(12, () => list(NodeRuntimeHandler), { description: 'The runtime handlers available on the node.', listType: 'atomic', omitEmpty: true }),
  features: opt(13, () => NodeFeatures, { description: 'Optional features the node supports.', omitEmpty: true, pointer: true }),
}, { description: 'The observed state of a node.' });
export type NodeStatus = Infer<typeof NodeStatus>;

export const NodeCondition = struct('io.k8s.api.core.v1.NodeCondition', {
  type: req(1, string, { description: 'The condition type, e.g. Ready, MemoryPressure, DiskPressure.' }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastHeartbeatTime: opt(3, time, { description: 'When the kubelet last confirmed the condition.', omitEmpty: true }),
  lastTransitionTime: opt(4, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(5, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(6, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a node.' });
export type NodeCondition = Infer<typeof NodeCondition>;

export const NodeAddress = struct('io.k8s.api.core.v1.NodeAddress', {
  type: req(1, string, { description: 'Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.' }),
  address: req(2, string, { description: 'The address.' }),
}, { description: 'An address of a node.' });
export type NodeAddress = Infer<typeof NodeAddress>;

export const NodeDaemonEndpoints = struct('io.k8s.api.core.v1.NodeDaemonEndpoints', {
  kubeletEndpoint: opt(1, () => DaemonEndpoint, { description: 'The kubelet\'s port.', omitEmpty: true }),
}, { description: 'The ports of daemons running on a node.' });
export type NodeDaemonEndpoints = Infer<typeof NodeDaemonEndpoints>;

export const DaemonEndpoint = struct('io.k8s.api.core.v1.DaemonEndpoint', {
  Port: req(1, int32, { description: 'The port number.' }),
}, { description: 'The port of a daemon.' });
export type DaemonEndpoint = Infer<typeof DaemonEndpoint>;

export const NodeSystemInfo = struct('io.k8s.api.core.v1.NodeSystemInfo', {
  machineID: req(1, string, { description: 'The machine ID of the host.' }),
  systemUUID: req(2, string, { description: 'The system UUID of the host.' }),
  bootID: req(3, string, { description: 'The ID of the current boot.' }),
  kernelVersion: req(4, string, { description: 'The kernel version.' }),
  osImage: req(5, string, { description: 'The operating system image, e.g. Debian GNU/Linux 12.' }),
  containerRuntimeVersion: req(6, string, { description: 'The container runtime and version, as runtime://version.' }),
  kubeletVersion: req(7, string, { description: 'The kubelet version.' }),
  kubeProxyVersion: req(8, string, { description: 'Deprecated: the kube-proxy version.' }),
  operatingSystem: req(9, string, { description: 'The operating system, e.g. linux.' }),
  architecture: req(10, string, { description: 'The CPU architecture, e.g. amd64.' }),
  swap: opt(11, () => NodeSwapStatus, { description: 'The node\'s swap.', omitEmpty: true, pointer: true }),
}, { description: 'Facts about a node\'s machine and software.' });
export type NodeSystemInfo = Infer<typeof NodeSystemInfo>;

export const NodeSwapStatus = struct('io.k8s.api.core.v1.NodeSwapStatus', {
  capacity: opt(1, int64, { description: 'The total swap in bytes.', omitEmpty: true, pointer: true }),
}, { description: 'The swap of a node.' });
export type NodeSwapStatus = Infer<typeof NodeSwapStatus>;

export const ContainerImage = struct('io.k8s.api.core.v1.ContainerImage', {
  names: opt(1, list(string), { description: 'The image\'s names and digests.', listType: 'atomic' }),
  sizeBytes: opt(2, int64, { description: 'The image size in bytes.', omitEmpty: true }),
}, { description: 'An image present on a node.' });
export type ContainerImage = Infer<typeof ContainerImage>;

export const AttachedVolume = struct('io.k8s.api.core.v1.AttachedVolume', {
  name: req(1, string, { description: 'The volume\'s name.' }),
  devicePath: req(2, string, { description: 'Where the volume is attached on the node.' }),
}, { description: 'A volume the node has attached.' });
export type AttachedVolume = Infer<typeof AttachedVolume>;

export const NodeConfigStatus = struct('io.k8s.api.core.v1.NodeConfigStatus', {
  assigned: opt(1, NodeConfigSource, { description: 'The configuration the node should use.', omitEmpty: true, pointer: true }),
  active: opt(2, NodeConfigSource, { description: 'The configuration the node is using.', omitEmpty: true, pointer: true }),
  lastKnownGood: opt(3, NodeConfigSource, { description: 'The fallback configuration.', omitEmpty: true, pointer: true }),
  error: opt(4, string, { description: 'Any problem applying the configuration.', omitEmpty: true }),
}, { description: 'Deprecated: the state of dynamic kubelet configuration.' });
export type NodeConfigStatus = Infer<typeof NodeConfigStatus>;

export const NodeRuntimeHandler = struct('io.k8s.api.core.v1.NodeRuntimeHandler', {
  name: opt(1, string, { description: 'The handler name; empty for the default.' }),
  features: opt(2, () => NodeRuntimeHandlerFeatures, { description: 'What the handler supports.', omitEmpty: true, pointer: true }),
}, { description: 'A runtime handler available on a node.' });
export type NodeRuntimeHandler = Infer<typeof NodeRuntimeHandler>;

export const NodeRuntimeHandlerFeatures = struct('io.k8s.api.core.v1.NodeRuntimeHandlerFeatures', {
  recursiveReadOnlyMounts: opt(1, boolean, { description: 'Whether it supports recursive read-only mounts.', omitEmpty: true, pointer: true }),
  userNamespaces: opt(2, boolean, { description: 'Whether it supports user namespaces.', omitEmpty: true, pointer: true }),
}, { description: 'Features a runtime handler supports.' });
export type NodeRuntimeHandlerFeatures = Infer<typeof NodeRuntimeHandlerFeatures>;

export const NodeFeatures = struct('io.k8s.api.core.v1.NodeFeatures', {
  supplementalGroupsPolicy: opt(1, boolean, { description: 'Whether the node honours supplementalGroupsPolicy.', omitEmpty: true, pointer: true }),
}, { description: 'Optional features a node supports.' });
export type NodeFeatures = Infer<typeof NodeFeatures>;

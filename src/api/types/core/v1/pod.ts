// core/v1: Pod, its spec, pod templates and Binding.

import { boolean, int32, int64, list, map, opt, quantity, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { Affinity, Toleration, TopologySpreadConstraint } from './affinity.ts';
import { Container, EphemeralContainer, ResourceRequirements } from './container.ts';
import { DNSPolicy, PreemptionPolicy, RestartPolicy } from './enums.ts';
import { PodStatus } from './pod-status.ts';
import { LocalObjectReference, ObjectReference } from './references.ts';
import { PodSecurityContext } from './security.ts';
import { Volume } from './volume.ts';

export const Pod = struct('io.k8s.api.core.v1.Pod', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  spec: opt(2, () => PodSpec, { description: 'The desired behaviour of the pod.', omitEmpty: true }),
  status: opt(3, () => PodStatus, { description: 'The most recently observed state of the pod, written by the system.', omitEmpty: true }),
}, { description: 'A group of containers scheduled together onto one node, sharing network and storage.' });
export type Pod = Infer<typeof Pod>;

export const PodList = struct('io.k8s.api.core.v1.PodList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Pod), { description: 'The Pod objects.' }),
}, { description: 'A list of Pod objects.' });
export type PodList = Infer<typeof PodList>;

export const PodSpec = struct('io.k8s.api.core.v1.PodSpec', {
  volumes: opt(1, () => list(Volume), { description: 'Volumes the pod\'s containers can mount.', patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  initContainers: opt(20, () => list(Container), { description: 'Containers that run one after another to completion before the main containers start; sidecars stay running.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  containers: req(2, () => list(Container), { description: 'The pod\'s main containers; at least one is required.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }),
  ephemeralContainers: opt(34, () => list(EphemeralContainer), { description: 'Debugging containers added to a running pod.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  restartPolicy: opt(3, RestartPolicy, { description: 'When containers are restarted: Always, OnFailure or Never.', omitEmpty: true }),
  terminationGracePeriodSeconds: opt(4, int64, { description: 'Seconds a pod is given to stop gracefully before it is killed.', omitEmpty: true, pointer: true }),
  activeDeadlineSeconds: opt(5, int64, { description: 'Seconds a pod may be active, counted from its start, before the system fails it.', omitEmpty: true, pointer: true }),
  dnsPolicy: opt(6, DNSPolicy, { description: 'How DNS is configured for the pod: ClusterFirst, ClusterFirstWithHostNet, Default or None.', omitEmpty: true }),
  nodeSelector: opt(7, map(string), { description: 'Labels a node must have for the pod to be scheduled there.', mapType: 'atomic', omitEmpty: true }),
  serviceAccountName: opt(8, string, { description: 'The service account the pod runs as.', omitEmpty: true }),
  serviceAccount: opt(9, string, { description: 'Deprecated alias of serviceAccountName.', omitEmpty: true }),
  automountServiceAccountToken: opt(21, boolean, { description: 'Mount a service account token automatically.', omitEmpty: true, pointer: true }),
  nodeName: opt(10, string, { description: 'The node the pod is bound to; setting it skips the scheduler.', omitEmpty: true }),
  hostNetwork: opt(11, boolean, { description: 'Use the node\'s network namespace instead of a pod network.', omitEmpty: true }),
  hostPID: opt(12, boolean, { description: 'Share the host\'s process ID namespace.', omitEmpty: true }),
  hostIPC: opt(13, boolean, { description: 'Share the host\'s IPC namespace.', omitEmpty: true }),
  shareProcessNamespace: opt(27, boolean, { description: 'Let the pod\'s containers see each other\'s processes.', omitEmpty: true, pointer: true }),
  securityContext: opt(14, () => PodSecurityContext, { description: 'Security settings that apply to every container of the pod.', omitEmpty: true, pointer: true }),
  imagePullSecrets: opt(15, () => list(LocalObjectReference), { description: 'Secrets holding registry credentials for pulling the pod\'s images.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  hostname: opt(16, string, { description: 'The pod\'s hostname; defaults to the pod name.', omitEmpty: true }),
  subdomain: opt(17, string, { description: 'With hostname, gives the pod the DNS name hostname.subdomain.namespace.svc.', omitEmpty: true }),
  affinity: opt(18, () => Affinity, { description: 'Node and inter-pod affinity and anti-affinity rules for scheduling.', omitEmpty: true, pointer: true }),
  schedulerName: opt(19, string, { description: 'The scheduler that places the pod.', omitEmpty: true }),
  tolerations: opt(22, () => list(Toleration), { description: 'Taints the pod tolerates.', listType: 'atomic', omitEmpty: true }),
  hostAliases: opt(23, () => list(HostAlias), { description: 'Extra entries for the pod\'s /etc/hosts.', patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'], omitEmpty: true }),
  priorityClassName: opt(24, string, { description: 'The PriorityClass that sets the pod\'s priority.', omitEmpty: true }),
  priority: opt(25, int32, { description: 'The pod\'s priority, resolved from priorityClassName at admission.', omitEmpty: true, pointer: true }),
  dnsConfig: opt(26, () => PodDNSConfig, { description: 'DNS settings merged with those dnsPolicy produces.', omitEmpty: true, pointer: true }),
  readinessGates: opt(28, () => list(PodReadinessGate), { description: 'Extra conditions that must be true for the pod to count as ready.', listType: 'atomic', omitEmpty: true }),
  runtimeClassName: opt(29, string, { description: 'The RuntimeClass used to run the pod.', omitEmpty: true, pointer: true }),
  enableServiceLinks: opt(30, boolean, { description: 'Whether service environment variables are injected into containers.', omitEmpty: true, pointer: true }),
  preemptionPolicy: opt(31, PreemptionPolicy, { description: 'Whether the pod may preempt lower-priority pods: PreemptLowerPriority or Never.', omitEmpty: true, pointer: true }),
  overhead: opt(32, map(quantity), { description: 'Resources the pod\'s sandbox uses on top of its containers, set from the RuntimeClass.', omitEmpty: true }),
  topologySpreadConstraints: opt(33, () => list(TopologySpreadConstraint), { description: 'How the pod should be spread across topology domains such as zones.', patchStrategy: 'merge', patchMergeKey: 'topologyKey', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'], omitEmpty: true }),
  setHostnameAsFQDN: opt(35, boolean, { description: 'Make the pod\'s hostname its fully qualified domain name.', omitEmpty: true, pointer: true }),
  os: opt(36, () => PodOS, { description: 'The operating system the pod\'s containers need.', omitEmpty: true, pointer: true }),
  hostUsers: opt(37, boolean, { description: 'Whether the pod uses the host\'s user namespace; false gives it its own.', omitEmpty: true, pointer: true }),
  schedulingGates: opt(38, () => list(PodSchedulingGate), { description: 'Gates that hold the pod back from scheduling while any remains.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  resourceClaims: opt(39, () => list(PodResourceClaim), { description: 'Dynamically allocated resources (DRA) the pod needs, by claim.', patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  resources: opt(40, () => ResourceRequirements, { description: 'Resources for the pod as a whole, shared by its containers.', omitEmpty: true, pointer: true }),
}, { description: 'What a pod runs and how: containers, volumes, scheduling constraints and security settings.' });
export type PodSpec = Infer<typeof PodSpec>;

export const HostAlias = struct('io.k8s.api.core.v1.HostAlias', {
  ip: req(1, string, { description: 'The IP address of the entry.' }),
  hostnames: opt(2, list(string), { description: 'The hostnames for that address.', listType: 'atomic', omitEmpty: true }),
}, { description: 'An extra /etc/hosts entry.' });
export type HostAlias = Infer<typeof HostAlias>;

export const PodDNSConfig = struct('io.k8s.api.core.v1.PodDNSConfig', {
  nameservers: opt(1, list(string), { description: 'DNS server addresses.', listType: 'atomic', omitEmpty: true }),
  searches: opt(2, list(string), { description: 'DNS search domains.', listType: 'atomic', omitEmpty: true }),
  options: opt(3, () => list(PodDNSConfigOption), { description: 'Resolver options.', listType: 'atomic', omitEmpty: true }),
}, { description: 'DNS settings for a pod beyond those of its DNS policy.' });
export type PodDNSConfig = Infer<typeof PodDNSConfig>;

export const PodDNSConfigOption = struct('io.k8s.api.core.v1.PodDNSConfigOption', {
  name: opt(1, string, { description: 'The option name.', omitEmpty: true }),
  value: opt(2, string, { description: 'The option value, if any.', omitEmpty: true, pointer: true }),
}, { description: 'One resolver option.' });
export type PodDNSConfigOption = Infer<typeof PodDNSConfigOption>;

export const PodReadinessGate = struct('io.k8s.api.core.v1.PodReadinessGate', {
  conditionType: req(1, string, { description: 'The condition type in the pod\'s conditions that must be True.' }),
}, { description: 'An extra condition a pod needs to be ready.' });
export type PodReadinessGate = Infer<typeof PodReadinessGate>;

export const PodOS = struct('io.k8s.api.core.v1.PodOS', {
  name: req(1, string, { description: 'The operating system, linux or windows.' }),
}, { description: 'The operating system of a pod.' });
export type PodOS = Infer<typeof PodOS>;

export const PodSchedulingGate = struct('io.k8s.api.core.v1.PodSchedulingGate', {
  name: req(1, string, { description: 'The gate\'s name, unique within the pod.' }),
}, { description: 'A gate that keeps a pod from being scheduled.' });
export type PodSchedulingGate = Infer<typeof PodSchedulingGate>;

export const PodResourceClaim = struct('io.k8s.api.core.v1.PodResourceClaim', {
  name: req(1, string, { description: 'The name containers use to refer to this claim.' }),
  resourceClaimName: opt(3, string, { description: 'An existing ResourceClaim in the pod\'s namespace.', omitEmpty: true, pointer: true }),
  resourceClaimTemplateName: opt(4, string, { description: 'A ResourceClaimTemplate from which a claim is made for this pod.', omitEmpty: true, pointer: true }),
}, { description: 'A named reference from a pod to a ResourceClaim or a template for one.' });
export type PodResourceClaim = Infer<typeof PodResourceClaim>;

export const PodTemplate = struct('io.k8s.api.core.v1.PodTemplate', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  template: opt(2, () => PodTemplateSpec, { description: 'The template for pods.', omitEmpty: true }),
}, { description: 'A stored pod template.' });
export type PodTemplate = Infer<typeof PodTemplate>;

export const PodTemplateList = struct('io.k8s.api.core.v1.PodTemplateList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(PodTemplate), { description: 'The PodTemplate objects.' }),
}, { description: 'A list of PodTemplate objects.' });
export type PodTemplateList = Infer<typeof PodTemplateList>;

export const PodTemplateSpec = struct('io.k8s.api.core.v1.PodTemplateSpec', {
  metadata: opt(1, ObjectMeta, { description: 'Metadata given to the created pods.', omitEmpty: true }),
  spec: opt(2, PodSpec, { description: 'The spec of the created pods.', omitEmpty: true }),
}, { description: 'The metadata and spec of pods to create.' });
export type PodTemplateSpec = Infer<typeof PodTemplateSpec>;

export const Binding = struct('io.k8s.api.core.v1.Binding', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.', omitEmpty: true }),
  target: req(2, () => ObjectReference, { description: 'The object to bind to, typically a Node.' }),
}, { description: 'Binds an object to another, used to assign a pod to a node.' });
export type Binding = Infer<typeof Binding>;

// core/v1: The observed state of a pod and of its containers.

import { boolean, int32, int64, list, map, opt, quantity, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { ResourceRequirements } from './container.ts';
import { PodPhase, PodQOSClass, Signal } from './enums.ts';

export const PodStatus = struct('io.k8s.api.core.v1.PodStatus', {
  observedGeneration: opt(17, int64, { description: 'The pod generation this status reflects.', omitEmpty: true }),
  phase: opt(1, PodPhase, { description: 'Pending, Running, Succeeded, Failed or Unknown.', omitEmpty: true }),
  conditions: opt(2, () => list(PodCondition), { description: 'The pod\'s current conditions, such as Ready and PodScheduled.', patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'], omitEmpty: true }),
  message: opt(3, string, { description: 'A human-readable note on why the pod is in this state.', omitEmpty: true }),
  reason: opt(4, string, { description: 'A short CamelCase reason for the pod\'s state, e.g. Evicted.', omitEmpty: true }),
  nominatedNodeName: opt(11, string, { description: 'The node the pod may run on once preemption there completes.', omitEmpty: true }),
  hostIP: opt(5, string, { description: 'The primary IP of the node running the pod.', omitEmpty: true }),
  hostIPs: opt(16, () => list(HostIP), { description: 'The IPs of the node running the pod, one per family.', patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic', omitEmpty: true }),
  podIP: opt(6, string, { description: 'The pod\'s primary IP address.', omitEmpty: true }),
  podIPs: opt(12, () => list(PodIP), { description: 'The pod\'s IP addresses, at most one per family.', patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'], omitEmpty: true }),
  startTime: opt(7, time, { description: 'When the kubelet acknowledged the pod.', omitEmpty: true, pointer: true }),
  initContainerStatuses: opt(10, () => list(ContainerStatus), { description: 'The status of each init container.', listType: 'atomic', omitEmpty: true }),
  containerStatuses: opt(8, () => list(ContainerStatus), { description: 'The status of each main container.', listType: 'atomic', omitEmpty: true }),
  qosClass: opt(9, PodQOSClass, { description: 'The quality of service class: Guaranteed, Burstable or BestEffort.', omitEmpty: true }),
  ephemeralContainerStatuses: opt(13, () => list(ContainerStatus), { description: 'The status of each ephemeral container.', listType: 'atomic', omitEmpty: true }),
  resize: opt(14, string, { description: 'The state of an in-place resource resize, if one is pending.', omitEmpty: true }),
  resourceClaimStatuses: opt(15, () => list(PodResourceClaimStatus), { description: 'The ResourceClaim names made for the pod\'s claims.', patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
}, { description: 'The observed state of a pod, written by the kubelet and control plane.' });
export type PodStatus = Infer<typeof PodStatus>;

export const PodCondition = struct('io.k8s.api.core.v1.PodCondition', {
  type: req(1, string, { description: 'The condition type, e.g. Ready or PodScheduled.' }),
  observedGeneration: opt(7, int64, { description: 'The pod generation the condition was computed from.', omitEmpty: true }),
  status: req(2, string, { description: 'True, False or Unknown.' }),
  lastProbeTime: opt(3, time, { description: 'When the condition was last checked.', omitEmpty: true }),
  lastTransitionTime: opt(4, time, { description: 'When the status last changed.', omitEmpty: true }),
  reason: opt(5, string, { description: 'A CamelCase reason for the last transition.', omitEmpty: true }),
  message: opt(6, string, { description: 'A human-readable explanation of the last transition.', omitEmpty: true }),
}, { description: 'One condition of a pod.' });
export type PodCondition = Infer<typeof PodCondition>;

export const HostIP = struct('io.k8s.api.core.v1.HostIP', {
  ip: req(1, string, { description: 'The address.' }),
}, { description: 'An IP address of the node running a pod.' });
export type HostIP = Infer<typeof HostIP>;

export const PodIP = struct('io.k8s.api.core.v1.PodIP', {
  ip: req(1, string, { description: 'The address.' }),
}, { description: 'An IP address assigned to a pod.' });
export type PodIP = Infer<typeof PodIP>;

export const ContainerStatus = struct('io.k8s.api.core.v1.ContainerStatus', {
  name: req(1, string, { description: 'The container\'s name.' }),
  state: opt(2, () => ContainerState, { description: 'The container\'s current state.', omitEmpty: true }),
  lastState: opt(3, () => ContainerState, { description: 'The state of the container\'s previous run.', omitEmpty: true }),
  ready: req(4, boolean, { description: 'Whether the container passes its readiness probe.' }),
  restartCount: req(5, int32, { description: 'How many times the container has been restarted.' }),
  image: req(6, string, { description: 'The image the container runs.' }),
  imageID: req(7, string, { description: 'The resolved ID of the image, usually a digest.' }),
  containerID: opt(8, string, { description: 'The runtime\'s ID of the container, as runtime://id.', omitEmpty: true }),
  started: opt(9, boolean, { description: 'Whether the container has passed its startup probe.', omitEmpty: true, pointer: true }),
  allocatedResources: opt(10, map(quantity), { description: 'The resources the node has allocated to the container.', omitEmpty: true }),
  resources: opt(11, () => ResourceRequirements, { description: 'The resource requests and limits the runtime has applied.', omitEmpty: true, pointer: true }),
  volumeMounts: opt(12, () => list(VolumeMountStatus), { description: 'The state of the container\'s volume mounts.', patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'], omitEmpty: true }),
  user: opt(13, () => ContainerUser, { description: 'The identity the container\'s first process runs as.', omitEmpty: true, pointer: true }),
  allocatedResourcesStatus: opt(14, () => list(ResourceStatus), { description: 'The health of resources allocated to the container.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  stopSignal: opt(15, Signal, { description: 'The signal sent to stop the container.', omitEmpty: true, pointer: true }),
}, { description: 'The observed state of one container.' });
export type ContainerStatus = Infer<typeof ContainerStatus>;

export const ContainerState = struct('io.k8s.api.core.v1.ContainerState', {
  waiting: opt(1, () => ContainerStateWaiting, { description: 'Set while the container has not started.', omitEmpty: true, pointer: true }),
  running: opt(2, () => ContainerStateRunning, { description: 'Set while the container runs.', omitEmpty: true, pointer: true }),
  terminated: opt(3, () => ContainerStateTerminated, { description: 'Set once the container has exited.', omitEmpty: true, pointer: true }),
}, { description: 'The state of a container; at most one member is set.' });
export type ContainerState = Infer<typeof ContainerState>;

export const ContainerStateWaiting = struct('io.k8s.api.core.v1.ContainerStateWaiting', {
  reason: opt(1, string, { description: 'Why the container is waiting, e.g. ContainerCreating or ImagePullBackOff.', omitEmpty: true }),
  message: opt(2, string, { description: 'Details of why the container is waiting.', omitEmpty: true }),
}, { description: 'A container that is not yet running.' });
export type ContainerStateWaiting = Infer<typeof ContainerStateWaiting>;

export const ContainerStateRunning = struct('io.k8s.api.core.v1.ContainerStateRunning', {
  startedAt: opt(1, time, { description: 'When the container last started.', omitEmpty: true }),
}, { description: 'A running container.' });
export type ContainerStateRunning = Infer<typeof ContainerStateRunning>;

export const ContainerStateTerminated = struct('io.k8s.api.core.v1.ContainerStateTerminated', {
  exitCode: req(1, int32, { description: 'The exit status of the container\'s process.' }),
  signal: opt(2, int32, { description: 'The signal that ended the container, if any.', omitEmpty: true }),
  reason: opt(3, string, { description: 'Why the container ended, e.g. Completed or OOMKilled.', omitEmpty: true }),
  message: opt(4, string, { description: 'Details of why the container ended.', omitEmpty: true }),
  startedAt: opt(5, time, { description: 'When the container started.', omitEmpty: true }),
  finishedAt: opt(6, time, { description: 'When the container ended.', omitEmpty: true }),
  containerID: opt(7, string, { description: 'The runtime\'s ID of the container, as runtime://id.', omitEmpty: true }),
}, { description: 'A container that has exited.' });
export type ContainerStateTerminated = Infer<typeof ContainerStateTerminated>;

export const VolumeMountStatus = struct('io.k8s.api.core.v1.VolumeMountStatus', {
  name: req(1, string, { description: 'The volume mount\'s name.' }),
  mountPath: req(2, string, { description: 'Where the volume is mounted in the container.' }),
  readOnly: opt(3, boolean, { description: 'Whether the mount is read-only.', omitEmpty: true }),
  recursiveReadOnly: opt(4, string, { description: 'Whether read-only applies to submounts too: Disabled or Enabled.', omitEmpty: true, pointer: true }),
}, { description: 'The state of one volume mount.' });
export type VolumeMountStatus = Infer<typeof VolumeMountStatus>;

export const ContainerUser = struct('io.k8s.api.core.v1.ContainerUser', {
  linux: opt(1, () => LinuxContainerUser, { description: 'The identity on Linux.', omitEmpty: true, pointer: true }),
}, { description: 'The identity of a container\'s process.' });
export type ContainerUser = Infer<typeof ContainerUser>;

export const LinuxContainerUser = struct('io.k8s.api.core.v1.LinuxContainerUser', {
  uid: req(1, int64, { description: 'The user ID.' }),
  gid: req(2, int64, { description: 'The primary group ID.' }),
  supplementalGroups: opt(3, list(int64), { description: 'Additional group IDs.', listType: 'atomic', omitEmpty: true }),
}, { description: 'The Linux user and groups of a container\'s process.' });
export type LinuxContainerUser = Infer<typeof LinuxContainerUser>;

export const ResourceStatus = struct('io.k8s.api.core.v1.ResourceStatus', {
  name: req(1, string, { description: 'The resource name, such as a claim and request.' }),
  resources: opt(2, () => list(ResourceHealth), { description: 'The health of each device.', listType: 'map', listMapKeys: ['resourceID'], omitEmpty: true }),
}, { description: 'The health of the devices backing one resource of a container.' });
export type ResourceStatus = Infer<typeof ResourceStatus>;

export const ResourceHealth = struct('io.k8s.api.core.v1.ResourceHealth', {
  resourceID: req(1, string, { description: 'The device\'s identifier.' }),
  health: opt(2, string, { description: 'Healthy, Unhealthy or Unknown.', omitEmpty: true }),
}, { description: 'The health of one allocated device.' });
export type ResourceHealth = Infer<typeof ResourceHealth>;

export const PodResourceClaimStatus = struct('io.k8s.api.core.v1.PodResourceClaimStatus', {
  name: req(1, string, { description: 'The name of the claim in the pod spec.' }),
  resourceClaimName: opt(2, string, { description: 'The name of the ResourceClaim made for it.', omitEmpty: true, pointer: true }),
}, { description: 'The ResourceClaim made for one of a pod\'s claims.' });
export type PodResourceClaimStatus = Infer<typeof PodResourceClaimStatus>;

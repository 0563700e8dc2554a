// core/v1: Containers: image, command, environment, ports, resources and mounts.

import { boolean, int32, list, map, opt, quantity, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { inlined } from '../../inlined.ts';
import { MountPropagationMode, Protocol, PullPolicy, TerminationMessagePolicy } from './enums.ts';
import { Lifecycle, Probe } from './probe.ts';
import { localObjectReferenceFields } from './references.ts';
import { SecurityContext } from './security.ts';

/** The fields of EphemeralContainerCommon, which other structs embed. */
export const ephemeralContainerCommonFields = {
  name: req(1, string, { description: 'The container\'s name, unique within the pod.' }),
  image: opt(2, string, { description: 'The container image to run.', omitEmpty: true }),
  command: opt(3, list(string), { description: 'The entrypoint, replacing the image\'s; not run in a shell.', listType: 'atomic', omitEmpty: true }),
  args: opt(4, list(string), { description: 'Arguments to the entrypoint, replacing the image\'s.', listType: 'atomic', omitEmpty: true }),
  workingDir: opt(5, string, { description: 'The working directory of the container.', omitEmpty: true }),
  ports: opt(6, () => list(ContainerPort), { description: 'Ports the container exposes, mostly informational.', patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'], omitEmpty: true }),
  envFrom: opt(19, () => list(EnvFromSource), { description: 'Sources whose keys all become environment variables.', listType: 'atomic', omitEmpty: true }),
  env: opt(7, () => list(EnvVar), { description: 'The container\'s environment variables.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  resources: opt(8, () => ResourceRequirements, { description: 'The compute resources the container requests and is limited to.', omitEmpty: true }),
  resizePolicy: opt(23, () => list(ContainerResizePolicy), { description: 'How each resource may be resized while running.', listType: 'atomic', omitEmpty: true }),
  restartPolicy: opt(24, string, { description: 'For init containers only: Always makes it a sidecar that keeps running.', omitEmpty: true, pointer: true }),
  volumeMounts: opt(9, () => list(VolumeMount), { description: 'Pod volumes and where the container sees them.', patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'], omitEmpty: true }),
  volumeDevices: opt(21, () => list(VolumeDevice), { description: 'Block devices made available to the container.', patchStrategy: 'merge', patchMergeKey: 'devicePath', listType: 'map', listMapKeys: ['devicePath'], omitEmpty: true }),
  livenessProbe: opt(10, () => Probe, { description: 'A check whose failure makes the kubelet restart the container.', omitEmpty: true, pointer: true }),
  readinessProbe: opt(11, () => Probe, { description: 'A check whose failure takes the container out of service endpoints.', omitEmpty: true, pointer: true }),
  startupProbe: opt(22, () => Probe, { description: 'A check that must pass before the other probes start.', omitEmpty: true, pointer: true }),
  lifecycle: opt(12, () => Lifecycle, { description: 'Actions run right after start and before stop.', omitEmpty: true, pointer: true }),
  terminationMessagePath: opt(13, string, { description: 'The file whose contents become the termination message.', omitEmpty: true }),
  terminationMessagePolicy: opt(20, TerminationMessagePolicy, { description: 'Where the termination message comes from: File or FallbackToLogsOnError.', omitEmpty: true }),
  imagePullPolicy: opt(14, PullPolicy, { description: 'When the image is pulled: Always, Never or IfNotPresent.', omitEmpty: true }),
  securityContext: opt(15, () => SecurityContext, { description: 'Security settings of the container.', omitEmpty: true, pointer: true }),
  stdin: opt(16, boolean, { description: 'Keep a stdin buffer open for the container.', omitEmpty: true }),
  stdinOnce: opt(17, boolean, { description: 'Close stdin after the first attached client disconnects.', omitEmpty: true }),
  tty: opt(18, boolean, { description: 'Allocate a TTY for the container.', omitEmpty: true }),
};

export const Container = struct('io.k8s.api.core.v1.Container', {
  name: req(1, string, { description: 'The container\'s name, unique within the pod.' }),
  image: opt(2, string, { description: 'The container image to run.', omitEmpty: true }),
  command: opt(3, list(string), { description: 'The entrypoint, replacing the image\'s; not run in a shell.', listType: 'atomic', omitEmpty: true }),
  args: opt(4, list(string), { description: 'Arguments to the entrypoint, replacing the image\'s.', listType: 'atomic', omitEmpty: true }),
  workingDir: opt(5, string, { description: 'The working directory of the container.', omitEmpty: true }),
  ports: opt(6, () => list(ContainerPort), { description: 'Ports the container exposes, mostly informational.', patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'], omitEmpty: true }),
  envFrom: opt(19, () => list(EnvFromSource), { description: 'Sources whose keys all become environment variables.', listType: 'atomic', omitEmpty: true }),
  env: opt(7, () => list(EnvVar), { description: 'The container\'s environment variables.', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
  resources: opt(8, () => ResourceRequirements, { description: 'The compute resources the container requests and is limited to.', omitEmpty: true }),
  resizePolicy: opt(23, () => list(ContainerResizePolicy), { description: 'How each resource may be resized while running.', listType: 'atomic', omitEmpty: true }),
  restartPolicy: opt(24, string, { description: 'For init containers only: Always makes it a sidecar that keeps running.', omitEmpty: true }),
  volumeMounts: opt(9, () => list(VolumeMount), { description: 'Pod volumes and where the container sees them.', patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'], omitEmpty: true }),
  volumeDevices: opt(21, () => list(VolumeDevice), { description: 'Block devices made available to the container.', patchStrategy: 'merge', patchMergeKey: 'devicePath', listType: 'map', listMapKeys: ['devicePath'], omitEmpty: true }),
  livenessProbe: opt(10, () => Probe, { description: 'A check whose failure makes the kubelet restart the container.', omitEmpty: true }),
  readinessProbe: opt(11, () => Probe, { description: 'A check whose failure takes the container out of service endpoints.', omitEmpty: true }),
  startupProbe: opt(22, () => Probe, { description: 'A check that must pass before the other probes start.', omitEmpty: true }),
  lifecycle: opt(12, () => Lifecycle, { description: 'Actions run right after start and before stop.', omitEmpty: true }),
  terminationMessagePath: opt(13, string, { description: 'The file whose contents become the termination message.', omitEmpty: true }),
  terminationMessagePolicy: opt(20, TerminationMessagePolicy, { description: 'Where the termination message comes from: File or FallbackToLogsOnError.', omitEmpty: true }),
  imagePullPolicy: opt(14, PullPolicy, { description: 'When the image is pulled: Always, Never or IfNotPresent.', omitEmpty: true }),
  securityContext: opt(15, () => SecurityContext, { description: 'Security settings of the container.', omitEmpty: true }),
  stdin: opt(16, boolean, { description: 'Keep a stdin buffer open for the container.', omitEmpty: true }),
  stdinOnce: opt(17, boolean, { description: 'Close stdin after the first attached client disconnects.', omitEmpty: true }),
  tty: opt(18, boolean, { description: 'Allocate a TTY for the container.', omitEmpty: true }),
}, { description: 'One container of a pod: its image, command, environment, resources and probes.' });
export type Container = Infer<typeof Container>;

export const EphemeralContainerCommon = struct('io.k8s.api.core.v1.EphemeralContainerCommon', ephemeralContainerCommonFields, { description: 'The container fields an ephemeral container may set.' });
export type EphemeralContainerCommon = Infer<typeof EphemeralContainerCommon>;

export const EphemeralContainer = struct('io.k8s.api.core.v1.EphemeralContainer', {
  // EphemeralContainerCommon is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, ephemeralContainerCommonFields),
  targetContainerName: opt(2, string, { description: 'The container whose namespaces the ephemeral container joins.', omitEmpty: true }),
}, { description: 'A temporary container added to a running pod, usually for debugging.' });
export type EphemeralContainer = Infer<typeof EphemeralContainer>;

export const ContainerPort = struct('io.k8s.api.core.v1.ContainerPort', {
  name: opt(1, string, { description: 'A name for the port, unique within the pod.', omitEmpty: true }),
  hostPort: opt(2, int32, { description: 'A port on the host the container port is exposed on.', omitEmpty: true }),
  containerPort: req(3, int32, { description: 'The port number in the pod\'s network namespace.' }),
  protocol: opt(4, Protocol, { description: 'TCP, UDP or SCTP.', omitEmpty: true }),
  hostIP: opt(5, string, { description: 'The host IP to bind hostPort to.', omitEmpty: true }),
}, { description: 'A network port of a container.' });
export type ContainerPort = Infer<typeof ContainerPort>;

export const EnvFromSource = struct('io.k8s.api.core.v1.EnvFromSource', {
  prefix: opt(1, string, { description: 'A prefix added to each variable name.', omitEmpty: true }),
  configMapRef: opt(2, () => ConfigMapEnvSource, { description: 'The ConfigMap to read.', omitEmpty: true, pointer: true }),
  secretRef: opt(3, () => SecretEnvSource, { description: 'The Secret to read.', omitEmpty: true, pointer: true }),
}, { description: 'A source of environment variables: every key of a ConfigMap or Secret.' });
export type EnvFromSource = Infer<typeof EnvFromSource>;

export const ConfigMapEnvSource = struct('io.k8s.api.core.v1.ConfigMapEnvSource', {
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, localObjectReferenceFields),
  optional: opt(2, boolean, { description: 'Whether the ConfigMap may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'A ConfigMap whose keys become environment variables.' });
export type ConfigMapEnvSource = Infer<typeof ConfigMapEnvSource>;

export const SecretEnvSource = struct('io.k8s.api.core.v1.SecretEnvSource', {
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, localObjectReferenceFields),
  optional: opt(2, boolean, { description: 'Whether the Secret may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'A Secret whose keys become environment variables.' });
export type SecretEnvSource = Infer<typeof SecretEnvSource>;

export const EnvVar = struct('io.k8s.api.core.v1.EnvVar', {
  name: req(1, string, { description: 'The variable name.' }),
  value: opt(2, string, { description: 'The value, which may refer to other variables as $(NAME).', omitEmpty: true }),
  valueFrom: opt(3, () => EnvVarSource, { description: 'Where to read the value from, instead of value.', omitEmpty: true, pointer: true }),
}, { description: 'An environment variable of a container.' });
export type EnvVar = Infer<typeof EnvVar>;

export const EnvVarSource = struct('io.k8s.api.core.v1.EnvVarSource', {
  fieldRef: opt(1, () => ObjectFieldSelector, { description: 'A field of the pod.', omitEmpty: true, pointer: true }),
  resourceFieldRef: opt(2, () => ResourceFieldSelector, { description: 'A resource request or limit of a container.', omitEmpty: true, pointer: true }),
  configMapKeyRef: opt(3, () => ConfigMapKeySelector, { description: 'One ConfigMap key.', omitEmpty: true, pointer: true }),
  secretKeyRef: opt(4, () => SecretKeySelector, { description: 'One Secret key.', omitEmpty: true, pointer: true }),
}, { description: 'Where an environment variable\'s value comes from.' });
export type EnvVarSource = Infer<typeof EnvVarSource>;

export const ConfigMapKeySelector = struct('io.k8s.api.core.v1.ConfigMapKeySelector', {
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, localObjectReferenceFields),
  key: req(2, string, { description: 'The key to read.' }),
  optional: opt(3, boolean, { description: 'Whether the ConfigMap or key may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'One key of a ConfigMap.', structType: 'atomic' });
export type ConfigMapKeySelector = Infer<typeof ConfigMapKeySelector>;

export const SecretKeySelector = struct('io.k8s.api.core.v1.SecretKeySelector', {
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, localObjectReferenceFields),
  key: req(2, string, { description: 'The key to read.' }),
  optional: opt(3, boolean, { description: 'Whether the Secret or key may be missing.', omitEmpty: true, pointer: true }),
}, { description: 'One key of a Secret.', structType: 'atomic' });
export type SecretKeySelector = Infer<typeof SecretKeySelector>;

export const ObjectFieldSelector = struct('io.k8s.api.core.v1.ObjectFieldSelector', {
  apiVersion: opt(1, string, { description: 'The API version the field path is written against.', omitEmpty: true }),
  fieldPath: req(2, string, { description: 'The path of the field, e.g. metadata.name.' }),
}, { description: 'A field of an object, by path.', structType: 'atomic' });
export type ObjectFieldSelector = Infer<typeof ObjectFieldSelector>;

export const ResourceFieldSelector = struct('io.k8s.api.core.v1.ResourceFieldSelector', {
  containerName: opt(1, string, { description: 'The container, required for volumes.', omitEmpty: true }),
  resource: req(2, string, { description: 'The resource, e.g. limits.cpu or requests.memory.' }),
  divisor: opt(3, quantity, { description: 'The unit the value is expressed in; defaults to 1.', omitEmpty: true }),
}, { description: 'A container resource, optionally scaled by a divisor.', structType: 'atomic' });
export type ResourceFieldSelector = Infer<typeof ResourceFieldSelector>;

export const ResourceRequirements = struct('io.k8s.api.core.v1.ResourceRequirements', {
  limits: opt(1, map(quantity), { description: 'The most of each resource that may be used.', omitEmpty: true }),
  requests: opt(2, map(quantity), { description: 'The amount of each resource reserved for scheduling.', omitEmpty: true }),
  claims: opt(3, () => list(ResourceClaim), { description: 'The pod resource claims this container uses.', listType: 'map', listMapKeys: ['name'], omitEmpty: true }),
}, { description: 'Compute resources requested and limits not to exceed.' });
export type ResourceRequirements = Infer<typeof ResourceRequirements>;

export const ResourceClaim = struct('io.k8s.api.core.v1.ResourceClaim', {
  name: req(1, string, { description: 'The name of a claim in the pod\'s resourceClaims.' }),
  request: opt(2, string, { description: 'One request within the claim, when only part of it is used.', omitEmpty: true }),
}, { description: 'A reference to one of the pod\'s resource claims.' });
export type ResourceClaim = Infer<typeof ResourceClaim>;

export const ContainerResizePolicy = struct('io.k8s.api.core.v1.ContainerResizePolicy', {
  resourceName: req(1, string, { description: 'The resource, cpu or memory.' }),
  restartPolicy: req(2, string, { description: 'NotRequired or RestartContainer.' }),
}, { description: 'How one resource of a container may be resized.' });
export type ContainerResizePolicy = Infer<typeof ContainerResizePolicy>;

export const VolumeMount = struct('io.k8s.api.core.v1.VolumeMount', {
  name: req(1, string, { description: 'The name of the pod volume.' }),
  readOnly: opt(2, boolean, { description: 'Mount read-only.', omitEmpty: true }),
  recursiveReadOnly: opt(7, string, { description: 'Whether read-only also applies to submounts: Disabled, IfPossible or Enabled.', omitEmpty: true, pointer: true }),
  mountPath: req(3, string, { description: 'Where in the container the volume is mounted.' }),
  subPath: opt(4, string, { description: 'A path inside the volume to mount instead of its root.', omitEmpty: true }),
  mountPropagation: opt(5, MountPropagationMode, { description: 'How mounts propagate between host and container: None, HostToContainer or Bidirectional.', omitEmpty: true, pointer: true }),
  subPathExpr: opt(6, string, { description: 'Like subPath, with $(VAR) references expanded from the container\'s environment.', omitEmpty: true }),
}, { description: 'A volume mounted into a container.' });
export type VolumeMount = Infer<typeof VolumeMount>;

export const VolumeDevice = struct('io.k8s.api.core.v1.VolumeDevice', {
  name: req(1, string, { description: 'Which of the pod\'s PersistentVolumeClaim volumes to map.' }),
  devicePath: req(2, string, { description: 'The device path inside the container.' }),
}, { description: 'A raw block volume mapped into a container.' });
export type VolumeDevice = Infer<typeof VolumeDevice>;

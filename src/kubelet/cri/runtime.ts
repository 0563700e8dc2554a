// The container runtime contract the kubelet programs against: the CRI's RuntimeService and
// ImageService, with the same verbs and meanings as upstream (k8s.io/cri-api). CriClient is
// the implementation over gRPC; an in-memory runtime for simulated nodes implements the same
// interfaces, and one shared test suite should run against both.
//
// Contract, as upstream: every call may be made concurrently; Stop*/Remove* are idempotent
// (stopping or removing something already gone succeeds); a failure rejects with CriError.

import type {
  AuthConfig, Container, ContainerConfig, ContainerFilter, ContainerStats, ContainerStatus, ExecSyncResult,
  FilesystemUsage, Image, ImageSpec, LinuxContainerResources, PodSandbox, PodSandboxConfig, PodSandboxFilter,
  PodSandboxStatus, RuntimeCondition, VersionResponse,
} from './types.ts';

export interface RuntimeService {
  version(): Promise<VersionResponse>;
  /** Creates and starts the pod's sandbox (namespaces, network); returns its id. */
  runPodSandbox(config: PodSandboxConfig, runtimeHandler?: string): Promise<string>;
  /** Stops every container of the sandbox and tears down its network. Idempotent. */
  stopPodSandbox(podSandboxId: string): Promise<void>;
  /** Removes the sandbox and its containers, forcibly if they still run. Idempotent. */
  removePodSandbox(podSandboxId: string): Promise<void>;
  podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus>;
  listPodSandbox(filter?: PodSandboxFilter): Promise<readonly PodSandbox[]>;
  /** The sandbox config must be the one the sandbox was run with. */
  createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string>;
  startContainer(containerId: string): Promise<void>;
  /** Sends SIGTERM, then SIGKILL after timeoutSeconds. Idempotent. */
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  removeContainer(containerId: string): Promise<void>;
  listContainers(filter?: ContainerFilter): Promise<readonly Container[]>;
  containerStatus(containerId: string): Promise<ContainerStatus>;
  updateContainerResources(containerId: string, linux: LinuxContainerResources): Promise<void>;
  reopenContainerLog(containerId: string): Promise<void>;
  /** Runs cmd in the container and waits; timeoutSeconds 0 means no limit. */
  execSync(containerId: string, cmd: readonly string[], timeoutSeconds: number): Promise<ExecSyncResult>;
  /** The streaming calls return a URL on the runtime's stream server (WebSocket, v4.channel.k8s.io). */
  exec(request: { containerId: string; cmd: readonly string[]; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }): Promise<string>;
  attach(request: { containerId: string; tty?: boolean; stdin?: boolean; stdout?: boolean; stderr?: boolean }): Promise<string>;
  portForward(podSandboxId: string, ports: readonly number[]): Promise<string>;
  containerStats(containerId: string): Promise<ContainerStats>;
  /** Runtime conditions RuntimeReady and NetworkReady. */
  status(): Promise<readonly RuntimeCondition[]>;
}

export interface ImageService {
  listImages(filter?: ImageSpec): Promise<readonly Image[]>;
  /** undefined when the image is not present. */
  imageStatus(image: ImageSpec): Promise<Image | undefined>;
  /** Returns the image reference (digest) that was pulled. */
  pullImage(image: ImageSpec, auth?: AuthConfig, sandboxConfig?: PodSandboxConfig): Promise<string>;
  /** Idempotent: removing an absent image succeeds. */
  removeImage(image: ImageSpec): Promise<void>;
  imageFsInfo(): Promise<readonly FilesystemUsage[]>;
}

// TypeScript shapes of the CRI runtime.v1 messages in api.proto, as src/grpc's codec decodes
// them (@grpc/proto-loader's conventions): camelCase names, int64 as number, enums as their names,
// bytes as Buffer. Requests may leave fields out (proto3 defaults apply); responses carry
// every scalar field, while unset message fields may be null or missing.

export type Labels = Record<string, string>;
export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type MountPropagation = 'PROPAGATION_PRIVATE' | 'PROPAGATION_HOST_TO_CONTAINER' | 'PROPAGATION_BIDIRECTIONAL';
export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

export interface VersionResponse {
  readonly version: string;
  readonly runtimeName: string;
  readonly runtimeVersion: string;
  readonly runtimeApiVersion: string;
}

export interface NamespaceOption {
  readonly network?: NamespaceMode;
  readonly pid?: NamespaceMode;
  readonly ipc?: NamespaceMode;
  readonly targetId?: string;
}

export interface Int64Value { readonly value: number }
export interface UInt64Value { readonly value: number }

export interface SecurityProfile {
  readonly profileType?: 'RuntimeDefault' | 'Unconfined' | 'Localhost';
  readonly localhostRef?: string;
}

export interface LinuxContainerResources {
  readonly cpuPeriod?: number;
  readonly cpuQuota?: number;
  readonly cpuShares?: number;
  readonly memoryLimitInBytes?: number;
  readonly oomScoreAdj?: number;
  readonly cpusetCpus?: string;
  readonly cpusetMems?: string;
  readonly unified?: Labels;
  readonly memorySwapLimitInBytes?: number;
}

export interface PodSandboxMetadata {
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
  readonly attempt?: number;
}

export interface PodSandboxConfig {
  readonly metadata: PodSandboxMetadata;
  readonly hostname?: string;
  readonly logDirectory?: string;
  readonly dnsConfig?: { readonly servers?: readonly string[]; readonly searches?: readonly string[]; readonly options?: readonly string[] };
  readonly portMappings?: readonly { readonly protocol?: Protocol; readonly containerPort: number; readonly hostPort?: number; readonly hostIp?: string }[];
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly linux?: {
    readonly cgroupParent?: string;
    readonly securityContext?: {
      readonly namespaceOptions?: NamespaceOption;
      readonly runAsUser?: Int64Value;
      readonly runAsGroup?: Int64Value;
      readonly readonlyRootfs?: boolean;
      readonly supplementalGroups?: readonly number[];
      readonly privileged?: boolean;
      readonly seccomp?: SecurityProfile;
    };
    readonly sysctls?: Labels;
    readonly overhead?: LinuxContainerResources;
    readonly resources?: LinuxContainerResources;
  };
}

export interface PodSandboxStatus {
  readonly id: string;
  readonly metadata: PodSandboxMetadata | null;
  readonly state: PodSandboxState;
  /** Nanoseconds since the epoch. */
  readonly createdAt: number;
  readonly network: { readonly ip: string; readonly additionalIps: readonly { readonly ip: string }[] } | null;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly runtimeHandler: string;
}

export interface PodSandboxFilter {
  readonly id?: string;
  readonly state?: { readonly state: PodSandboxState };
  readonly labelSelector?: Labels;
}

export interface PodSandbox {
  readonly id: string;
  readonly metadata: PodSandboxMetadata | null;
  readonly state: PodSandboxState;
  readonly createdAt: number;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly runtimeHandler: string;
}

export interface ImageSpec {
  readonly image: string;
  readonly annotations?: Labels;
}

export interface Mount {
  readonly containerPath: string;
  readonly hostPath: string;
  readonly readonly?: boolean;
  readonly selinuxRelabel?: boolean;
  readonly propagation?: MountPropagation;
}

export interface ContainerMetadata {
  readonly name: string;
  readonly attempt?: number;
}

export interface ContainerConfig {
  readonly metadata: ContainerMetadata;
  readonly image: ImageSpec;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly envs?: readonly { readonly key: string; readonly value: string }[];
  readonly mounts?: readonly Mount[];
  readonly labels?: Labels;
  readonly annotations?: Labels;
  /** Relative to the sandbox's logDirectory. */
  readonly logPath?: string;
  readonly stdin?: boolean;
  readonly stdinOnce?: boolean;
  readonly tty?: boolean;
  readonly linux?: {
    readonly resources?: LinuxContainerResources;
    readonly securityContext?: {
      readonly capabilities?: { readonly addCapabilities?: readonly string[]; readonly dropCapabilities?: readonly string[] };
      readonly privileged?: boolean;
      readonly namespaceOptions?: NamespaceOption;
      readonly runAsUser?: Int64Value;
      readonly runAsUsername?: string;
      readonly runAsGroup?: Int64Value;
      readonly readonlyRootfs?: boolean;
      readonly supplementalGroups?: readonly number[];
      readonly noNewPrivs?: boolean;
      readonly maskedPaths?: readonly string[];
      readonly readonlyPaths?: readonly string[];
      readonly seccomp?: SecurityProfile;
    };
  };
}

export interface ContainerFilter {
  readonly id?: string;
  readonly state?: { readonly state: ContainerState };
  readonly podSandboxId?: string;
  readonly labelSelector?: Labels;
}

export interface Container {
  readonly id: string;
  readonly podSandboxId: string;
  readonly metadata: ContainerMetadata | null;
  readonly image: ImageSpec | null;
  readonly imageRef: string;
  readonly state: ContainerState;
  readonly createdAt: number;
  readonly labels: Labels;
  readonly annotations: Labels;
}

export interface ContainerStatus {
  readonly id: string;
  readonly metadata: ContainerMetadata | null;
  readonly state: ContainerState;
  /** Nanoseconds since the epoch; 0 when not yet reached. */
  readonly createdAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly exitCode: number;
  readonly image: ImageSpec | null;
  readonly imageRef: string;
  readonly reason: string;
  readonly message: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly mounts: readonly Mount[];
  /** Absolute path of the CRI-format log file. */
  readonly logPath: string;
}

export interface ExecSyncResult {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly exitCode: number;
}

export interface ContainerStats {
  readonly attributes: { readonly id: string; readonly metadata: ContainerMetadata | null } | null;
  readonly cpu: { readonly timestamp: number; readonly usageCoreNanoSeconds: UInt64Value | null; readonly usageNanoCores: UInt64Value | null } | null;
  readonly memory: { readonly timestamp: number; readonly workingSetBytes: UInt64Value | null; readonly usageBytes: UInt64Value | null; readonly rssBytes: UInt64Value | null } | null;
  readonly writableLayer: FilesystemUsage | null;
}

export interface FilesystemUsage {
  readonly timestamp: number;
  readonly fsId: { readonly mountpoint: string } | null;
  readonly usedBytes: UInt64Value | null;
  readonly inodesUsed: UInt64Value | null;
}

export interface RuntimeCondition {
  readonly type: string;
  readonly status: boolean;
  readonly reason: string;
  readonly message: string;
}

export interface Image {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly size: number;
  readonly uid: Int64Value | null;
  readonly username: string;
  readonly pinned: boolean;
}

export interface AuthConfig {
  readonly username?: string;
  readonly password?: string;
  readonly auth?: string;
  readonly serverAddress?: string;
  readonly identityToken?: string;
  readonly registryToken?: string;
}

// core/v1 string enums: the Go string types upstream marks +enum, by their Go names, with every allowed value.

import { enumOf, type Infer } from '../../../schema/shape.ts';

export const AppArmorProfileType = enumOf('Localhost', 'RuntimeDefault', 'Unconfined');
export type AppArmorProfileType = Infer<typeof AppArmorProfileType>;

export const AzureDataDiskCachingMode = enumOf('None', 'ReadOnly', 'ReadWrite');
export type AzureDataDiskCachingMode = Infer<typeof AzureDataDiskCachingMode>;

export const AzureDataDiskKind = enumOf('Dedicated', 'Managed', 'Shared');
export type AzureDataDiskKind = Infer<typeof AzureDataDiskKind>;

export const ClaimResourceStatus = enumOf(
  'ControllerResizeInProgress',
  'ControllerResizeInfeasible',
  'NodeResizeInProgress',
  'NodeResizeInfeasible',
  'NodeResizePending',
);
export type ClaimResourceStatus = Infer<typeof ClaimResourceStatus>;

export const DNSPolicy = enumOf('ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None');
export type DNSPolicy = Infer<typeof DNSPolicy>;

export const HostPathType = enumOf('', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket');
export type HostPathType = Infer<typeof HostPathType>;

export const IPFamily = enumOf('', 'IPv4', 'IPv6');
export type IPFamily = Infer<typeof IPFamily>;

export const IPFamilyPolicy = enumOf('PreferDualStack', 'RequireDualStack', 'SingleStack');
export type IPFamilyPolicy = Infer<typeof IPFamilyPolicy>;

export const MountPropagationMode = enumOf('Bidirectional', 'HostToContainer', 'None');
export type MountPropagationMode = Infer<typeof MountPropagationMode>;

export const NamespacePhase = enumOf('Active', 'Terminating');
export type NamespacePhase = Infer<typeof NamespacePhase>;

export const NodeInclusionPolicy = enumOf('Honor', 'Ignore');
export type NodeInclusionPolicy = Infer<typeof NodeInclusionPolicy>;

export const NodePhase = enumOf('Pending', 'Running', 'Terminated');
export type NodePhase = Infer<typeof NodePhase>;

export const NodeSelectorOperator = enumOf('DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn');
export type NodeSelectorOperator = Infer<typeof NodeSelectorOperator>;

export const PersistentVolumeAccessMode = enumOf('ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod');
export type PersistentVolumeAccessMode = Infer<typeof PersistentVolumeAccessMode>;

export const PersistentVolumeClaimModifyVolumeStatus = enumOf('InProgress', 'Infeasible', 'Pending');
export type PersistentVolumeClaimModifyVolumeStatus = Infer<typeof PersistentVolumeClaimModifyVolumeStatus>;

export const PersistentVolumeClaimPhase = enumOf('Bound', 'Lost', 'Pending');
export type PersistentVolumeClaimPhase = Infer<typeof PersistentVolumeClaimPhase>;

export const PersistentVolumeMode = enumOf('Block', 'Filesystem');
export type PersistentVolumeMode = Infer<typeof PersistentVolumeMode>;

export const PersistentVolumePhase = enumOf('Available', 'Bound', 'Failed', 'Pending', 'Released');
export type PersistentVolumePhase = Infer<typeof PersistentVolumePhase>;

export const PersistentVolumeReclaimPolicy = enumOf('Delete', 'Recycle', 'Retain');
export type PersistentVolumeReclaimPolicy = Infer<typeof PersistentVolumeReclaimPolicy>;

export const PodFSGroupChangePolicy = enumOf('Always', 'OnRootMismatch');
export type PodFSGroupChangePolicy = Infer<typeof PodFSGroupChangePolicy>;

export const PodPhase = enumOf('Failed', 'Pending', 'Running', 'Succeeded', 'Unknown');
export type PodPhase = Infer<typeof PodPhase>;

export const PodQOSClass = enumOf('BestEffort', 'Burstable', 'Guaranteed');
export type PodQOSClass = Infer<typeof PodQOSClass>;

export const PreemptionPolicy = enumOf('Never', 'PreemptLowerPriority');
export type PreemptionPolicy = Infer<typeof PreemptionPolicy>;

export const ProcMountType = enumOf('Default', 'Unmasked');
export type ProcMountType = Infer<typeof ProcMountType>;

export const Protocol = enumOf('SCTP', 'TCP', 'UDP');
export type Protocol = Infer<typeof Protocol>;

export const PullPolicy = enumOf('Always', 'IfNotPresent', 'Never');
export type PullPolicy = Infer<typeof PullPolicy>;

export const ResourceQuotaScope = enumOf(
  'BestEffort',
  'CrossNamespacePodAffinity',
  'NotBestEffort',
  'NotTerminating',
  'PriorityClass',
  'Terminating',
  'VolumeAttributesClass',
);
export type ResourceQuotaScope = Infer<typeof ResourceQuotaScope>;

export const RestartPolicy = enumOf('Always', 'Never', 'OnFailure');
export type RestartPolicy = Infer<typeof RestartPolicy>;

export const ScopeSelectorOperator = enumOf('DoesNotExist', 'Exists', 'In', 'NotIn');
export type ScopeSelectorOperator = Infer<typeof ScopeSelectorOperator>;

export const SeccompProfileType = enumOf('Localhost', 'RuntimeDefault', 'Unconfined');
export type SeccompProfileType = Infer<typeof SeccompProfileType>;

export const ServiceAffinity = enumOf('ClientIP', 'None');
export type ServiceAffinity = Infer<typeof ServiceAffinity>;

export const ServiceExternalTrafficPolicy = enumOf('Cluster', 'Local');
export type ServiceExternalTrafficPolicy = Infer<typeof ServiceExternalTrafficPolicy>;

export const ServiceInternalTrafficPolicy = enumOf('Cluster', 'Local');
export type ServiceInternalTrafficPolicy = Infer<typeof ServiceInternalTrafficPolicy>;

export const ServiceType = enumOf('ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort');
export type ServiceType = Infer<typeof ServiceType>;

export const Signal = enumOf(
  'SIGABRT',
  'SIGALRM',
  'SIGBUS',
  'SIGCHLD',
  'SIGCLD',
  'SIGCONT',
  'SIGFPE',
  'SIGHUP',
  'SIGILL',
  'SIGINT',
  'SIGIO',
  'SIGIOT',
  'SIGKILL',
  'SIGPIPE',
  'SIGPOLL',
  'SIGPROF',
  'SIGPWR',
  'SIGQUIT',
  'SIGRTMAX',
  'SIGRTMAX-1',
  'SIGRTMAX-10',
  'SIGRTMAX-11',
  'SIGRTMAX-12',
  'SIGRTMAX-13',
  'SIGRTMAX-14',
  'SIGRTMAX-2',
  'SIGRTMAX-3',
  'SIGRTMAX-4',
  'SIGRTMAX-5',
  'SIGRTMAX-6',
  'SIGRTMAX-7',
  'SIGRTMAX-8',
  'SIGRTMAX-9',
  'SIGRTMIN',
  'SIGRTMIN+1',
  'SIGRTMIN+10',
  'SIGRTMIN+11',
  'SIGRTMIN+12',
  'SIGRTMIN+13',
  'SIGRTMIN+14',
  'SIGRTMIN+15',
  'SIGRTMIN+2',
  'SIGRTMIN+3',
  'SIGRTMIN+4',
  'SIGRTMIN+5',
  'SIGRTMIN+6',
  'SIGRTMIN+7',
  'SIGRTMIN+8',
  'SIGRTMIN+9',
  'SIGSEGV',
  'SIGSTKFLT',
  'SIGSTOP',
  'SIGSYS',
  'SIGTERM',
  'SIGTRAP',
  'SIGTSTP',
  'SIGTTIN',
  'SIGTTOU',
  'SIGURG',
  'SIGUSR1',
  'SIGUSR2',
  'SIGVTALRM',
  'SIGWINCH',
  'SIGXCPU',
  'SIGXFSZ',
);
export type Signal = Infer<typeof Signal>;

export const SupplementalGroupsPolicy = enumOf('Merge', 'Strict');
export type SupplementalGroupsPolicy = Infer<typeof SupplementalGroupsPolicy>;

export const TaintEffect = enumOf('NoExecute', 'NoSchedule', 'PreferNoSchedule');
export type TaintEffect = Infer<typeof TaintEffect>;

export const TerminationMessagePolicy = enumOf('FallbackToLogsOnError', 'File');
export type TerminationMessagePolicy = Infer<typeof TerminationMessagePolicy>;

export const TolerationOperator = enumOf('Equal', 'Exists');
export type TolerationOperator = Infer<typeof TolerationOperator>;

export const URIScheme = enumOf('HTTP', 'HTTPS');
export type URIScheme = Infer<typeof URIScheme>;

export const UnsatisfiableConstraintAction = enumOf('DoNotSchedule', 'ScheduleAnyway');
export type UnsatisfiableConstraintAction = Infer<typeof UnsatisfiableConstraintAction>;

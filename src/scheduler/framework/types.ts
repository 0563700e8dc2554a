// The plugin interfaces of the scheduling framework, one per extension point. A plugin
// implements any subset; the framework calls them in profile order. None of them throws: each
// answers a Status. Only PostFilter and Bind may do I/O (through the Handle).

import type { Clock } from '../../api/clock.ts';
import type { Namespace, PersistentVolume, PersistentVolumeClaim, Pod } from '../../api/types/core/v1/index.ts';
import type { StorageClass } from '../../api/types/storage/v1/index.ts';
import type { PodDisruptionBudget } from '../../api/types/policy/v1/index.ts';
import type { CycleState } from './cycle-state.ts';
import type { NodeInfo } from './node-info.ts';
import type { Status } from './status.ts';

export const MAX_NODE_SCORE = 100;

export interface QueuedPodInfo {
  pod: Pod;
  /** When the pod first entered the queue (ms). */
  readonly initialAttemptTimestamp: number;
  /** When the pod last entered the activeQ (ms); PrioritySort's tie-breaker. */
  timestamp: number;
  attempts: number;
  /** Plugins that rejected the pod last time, for the event that may help. */
  unschedulablePlugins: Set<string>;
}

export interface Plugin {
  readonly name: string;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface PreFilterResult {
  readonly status: Status;
  /** When set, only these nodes are worth filtering. */
  readonly nodeNames?: ReadonlySet<string>;
  /** Set by the framework: the plugins that narrowed nodeNames, for the other nodes' status. */
  readonly plugins?: readonly string[];
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod): PreFilterResult;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status;
}

export interface PostFilterResult {
  readonly status: Status;
  readonly nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** `statuses`: why each node was rejected by PreFilter/Filter. */
  postFilter(state: CycleState, pod: Pod, statuses: ReadonlyMap<string, Status>): Promise<PostFilterResult>;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  readonly name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, node: NodeInfo): number;
  /** Rescales the raw scores in place to 0..MAX_NODE_SCORE. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: Pod, nodeName: string): Status;
}

export interface PreBindPlugin extends Plugin {
  /** `signal` aborts when the scheduler stops: a PreBind that waits must give up then. */
  preBind(state: CycleState, pod: Pod, nodeName: string, signal: AbortSignal): Promise<Status>;
}

export interface BindPlugin extends Plugin {
  /** Skip hands the pod to the next bind plugin. */
  bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: Pod, nodeName: string): void;
}

/** What the API calls the framework's plugins may make (the scheduler owns the client). */
export interface ApiActions {
  bind(pod: Pod, nodeName: string): Promise<void>;
  /** Deletes a victim of preemption. */
  deletePod(pod: Pod): Promise<void>;
  /** Records an event about a pod. */
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Replaces a PersistentVolume (VolumeBinding's PreBind sets its claimRef); answers the stored object. */
  updateVolume(pv: PersistentVolume): Promise<PersistentVolume>;
  /** Replaces a PersistentVolumeClaim (the selected-node annotation); answers the stored object. */
  updateClaim(pvc: PersistentVolumeClaim): Promise<PersistentVolumeClaim>;
}

/** What plugins may reach besides their arguments (upstream's framework.Handle). */
export interface Handle {
  readonly clock: Clock;
  readonly api: ApiActions;
  namespace(name: string): Namespace | undefined;
  pdbs(namespace: string): readonly PodDisruptionBudget[];
  /** Runs PreFilter and Filter for one node of a snapshot (preemption's what-if). */
  runFilters(state: CycleState, pod: Pod, node: NodeInfo): Status;
  /** The volume objects the Volume* plugins read; a handle without them has no volumes. */
  readonly volumes?: VolumeListers;
}

/**
 * Reads of PersistentVolumeClaims, PersistentVolumes and StorageClasses (informer caches), and
 * of the pods the volume binder waits for.
 */
export interface VolumeListers {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): readonly PersistentVolume[];
  storageClass(name: string): StorageClass | undefined;
  /** A pod as the informer last saw it (VolumeBinding stops waiting once its pod is gone). */
  pod(namespace: string, name: string): Pod | undefined;
  /**
   * The node's CSINode, whose drivers' allocatable counts NodeVolumeLimits reads. The k8ts API
   * server does not serve CSINode, so the scheduler passes none; the limits then come from the
   * Node's `attachable-volumes-*` allocatable alone.
   */
  csiNode?(name: string): CSINode | undefined;
}

/** The fields of a storage.k8s.io/v1 CSINode the scheduler reads. */
export interface CSINode {
  readonly metadata?: { readonly name?: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: { readonly drivers?: readonly { readonly name: string; readonly allocatable?: { readonly count?: number } }[] };
}

export type PluginFactory = (args: unknown, handle: Handle) => Plugin;

// Which cluster events may make a pod schedulable again, by the plugins that rejected it
// (upstream's EventsToRegister): a pod that did not fit for lack of cpu is retried when a pod is
// deleted or a node grows, not each time another pod is bound. A plugin may add queueing hints
// (upstream's QueueingHintFn) that look at the event's object and the pod and tell whether this
// particular event can help. A pod rejected by a plugin not listed here, or for no recorded
// plugin, is retried on every event, as before hints existed.

import type { Pod } from '../../api/types/core/v1/index.ts';

export type ClusterEvent =
  | 'NodeAdd' | 'NodeLabel' | 'NodeTaint' | 'NodeAllocatable' | 'NodeCondition' | 'NodeOther'
  | 'AssignedPodAdd' | 'AssignedPodUpdate' | 'AssignedPodDelete'
  | 'PvcAdd' | 'PvcUpdate' | 'PvAdd' | 'PvUpdate' | 'StorageClassAdd' | 'StorageClassUpdate';

/** May the event's object (the pod deleted, the claim added, …) help `pod`? */
export type QueueingHint = (pod: Pod, obj: unknown) => boolean;

/** Plugin name → event → its hint; an event a plugin registers without a hint always may help. */
export type QueueingHints = Readonly<Record<string, Partial<Record<ClusterEvent, QueueingHint>>>>;

/** The event and what changed, for the hints. */
export interface EventDetail {
  readonly hints: QueueingHints;
  readonly pod: Pod;
  readonly obj: unknown;
}

const NODE_ANY: readonly ClusterEvent[] = ['NodeAdd', 'NodeLabel', 'NodeTaint', 'NodeAllocatable', 'NodeCondition', 'NodeOther'];

/** In-tree plugin name → the events that may undo its rejection. */
const EVENTS: Readonly<Record<string, readonly ClusterEvent[]>> = {
  NodeUnschedulable: ['NodeAdd', 'NodeTaint', 'NodeOther'],
  NodeName: ['NodeAdd'],
  TaintToleration: ['NodeAdd', 'NodeTaint'],
  NodeAffinity: ['NodeAdd', 'NodeLabel'],
  NodePorts: ['NodeAdd', 'AssignedPodDelete'],
  NodeResourcesFit: ['NodeAdd', 'NodeAllocatable', 'AssignedPodDelete', 'AssignedPodUpdate'],
  PodTopologySpread: ['NodeAdd', 'NodeLabel', 'NodeTaint', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  InterPodAffinity: ['NodeAdd', 'NodeLabel', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  // Upstream also lists CSINode, CSIDriver and CSIStorageCapacity events, kinds k8ts does not serve.
  VolumeBinding: ['NodeAdd', 'NodeLabel', 'NodeTaint', 'PvcAdd', 'PvcUpdate', 'PvAdd', 'PvUpdate', 'StorageClassAdd', 'StorageClassUpdate'],
  VolumeRestrictions: ['NodeAdd', 'NodeLabel', 'NodeTaint', 'AssignedPodDelete', 'PvcAdd'],
  NodeVolumeLimits: ['AssignedPodDelete', 'PvcAdd'],
  VolumeZone: ['NodeAdd', 'NodeLabel', 'NodeTaint', 'PvcAdd', 'PvcUpdate', 'PvAdd', 'PvUpdate', 'StorageClassAdd'],
  DefaultPreemption: [...NODE_ANY, 'AssignedPodDelete'],
};

/** May `event` help a pod that these plugins rejected? Without `detail` the hints are not asked. */
export function mayHelp(event: ClusterEvent, rejectedBy: ReadonlySet<string>, detail?: EventDetail): boolean {
  if (rejectedBy.size === 0) return true;
  for (const plugin of rejectedBy) {
    const events = EVENTS[plugin];
    if (events === undefined) return true;
    if (!events.includes(event)) continue;
    const hint = detail?.hints[plugin]?.[event];
    if (hint === undefined || detail === undefined || hint(detail.pod, detail.obj)) return true;
  }
  return false;
}

/** The kinds of change between two versions of a Node that scheduling cares about (none for heartbeats). */
export function nodeChanges(before: NodeFields, after: NodeFields): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (!same(before.metadata?.labels, after.metadata?.labels)) out.push('NodeLabel');
  if (!same(before.spec?.taints, after.spec?.taints)) out.push('NodeTaint');
  if (!same(before.status?.allocatable, after.status?.allocatable)) out.push('NodeAllocatable');
  if (!same(before.status?.conditions?.map((c) => [c.type, c.status]), after.status?.conditions?.map((c) => [c.type, c.status]))) out.push('NodeCondition');
  if (before.spec?.unschedulable !== after.spec?.unschedulable || before.status?.images?.length !== after.status?.images?.length) out.push('NodeOther');
  return out;
}

/** The parts of a Node nodeChanges reads. */
export interface NodeFields {
  readonly metadata?: { readonly labels?: Readonly<Record<string, string>> | undefined } | undefined;
  readonly spec?: { readonly taints?: unknown; readonly unschedulable?: boolean | undefined } | undefined;
  readonly status?: {
    readonly allocatable?: unknown;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[] | undefined;
    readonly images?: readonly unknown[] | undefined;
  } | undefined;
}

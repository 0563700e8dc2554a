// The in-tree plugins by name (upstream's NewInTreeRegistry): a plain function, no import-time
// registration. Out-of-tree plugins are merged in by whoever builds the scheduler.

import type { Registry } from '../framework/framework.ts';
import { defaultBinder, DEFAULT_BINDER } from './default-binder/default-binder.ts';
import { defaultPreemption, DEFAULT_PREEMPTION } from './default-preemption/default-preemption.ts';
import { imageLocality, IMAGE_LOCALITY } from './image-locality/image-locality.ts';
import { interPodAffinity, INTER_POD_AFFINITY } from './inter-pod-affinity/inter-pod-affinity.ts';
import { nodeAffinity, NODE_AFFINITY } from './node-affinity/node-affinity.ts';
import { nodeName, NODE_NAME } from './node-name/node-name.ts';
import { nodePorts, NODE_PORTS } from './node-ports/node-ports.ts';
import { balancedAllocation, BALANCED_ALLOCATION } from './node-resources/balanced-allocation.ts';
import { nodeResourcesFit, NODE_RESOURCES_FIT } from './node-resources/fit.ts';
import { nodeUnschedulable, NODE_UNSCHEDULABLE } from './node-unschedulable/node-unschedulable.ts';
import { nodeVolumeLimits, NODE_VOLUME_LIMITS } from './node-volume-limits/node-volume-limits.ts';
import { podTopologySpread, POD_TOPOLOGY_SPREAD } from './pod-topology-spread/pod-topology-spread.ts';
import { prioritySort, PRIORITY_SORT } from './queue-sort/priority-sort.ts';
import { schedulingGates, SCHEDULING_GATES } from './scheduling-gates/scheduling-gates.ts';
import { taintToleration, TAINT_TOLERATION } from './taint-toleration/taint-toleration.ts';
import { volumeBinding, VOLUME_BINDING } from './volume-binding/volume-binding.ts';
import { volumeRestrictions, VOLUME_RESTRICTIONS } from './volume-restrictions/volume-restrictions.ts';
import { volumeZone, VOLUME_ZONE } from './volume-zone/volume-zone.ts';

export function inTreeRegistry(): Registry {
  return {
    [SCHEDULING_GATES]: () => schedulingGates(),
    [PRIORITY_SORT]: () => prioritySort(),
    [NODE_UNSCHEDULABLE]: () => nodeUnschedulable(),
    [NODE_NAME]: () => nodeName(),
    [TAINT_TOLERATION]: () => taintToleration(),
    [NODE_AFFINITY]: () => nodeAffinity(),
    [NODE_PORTS]: () => nodePorts(),
    [NODE_RESOURCES_FIT]: (args) => nodeResourcesFit(args),
    [POD_TOPOLOGY_SPREAD]: (args, h) => podTopologySpread(args, h),
    [INTER_POD_AFFINITY]: (args, h) => interPodAffinity(args, h),
    [DEFAULT_PREEMPTION]: (args, h) => defaultPreemption(args, h),
    [BALANCED_ALLOCATION]: (args) => balancedAllocation(args),
    [IMAGE_LOCALITY]: () => imageLocality(),
    [DEFAULT_BINDER]: (args, h) => defaultBinder(args, h),
    [VOLUME_BINDING]: (args, h) => volumeBinding(args, h),
    [VOLUME_ZONE]: (args, h) => volumeZone(args, h),
    [VOLUME_RESTRICTIONS]: (args, h) => volumeRestrictions(args, h),
    [NODE_VOLUME_LIMITS]: (args, h) => nodeVolumeLimits(args, h),
  };
}

/** upstream v1.33's default multiPoint plugins and score weights, in order. */
export const DEFAULT_PLUGINS: readonly { readonly name: string; readonly weight?: number }[] = [
  { name: SCHEDULING_GATES },
  { name: PRIORITY_SORT },
  { name: NODE_UNSCHEDULABLE },
  { name: NODE_NAME },
  { name: TAINT_TOLERATION, weight: 3 },
  { name: NODE_AFFINITY, weight: 2 },
  { name: NODE_PORTS },
  { name: NODE_RESOURCES_FIT, weight: 1 },
  { name: VOLUME_RESTRICTIONS },
  { name: NODE_VOLUME_LIMITS },
  { name: VOLUME_BINDING },
  { name: VOLUME_ZONE },
  { name: POD_TOPOLOGY_SPREAD, weight: 2 },
  { name: INTER_POD_AFFINITY, weight: 2 },
  { name: DEFAULT_PREEMPTION },
  { name: BALANCED_ALLOCATION, weight: 1 },
  { name: IMAGE_LOCALITY, weight: 1 },
  { name: DEFAULT_BINDER },
];

// What the real kubelet reports about its node (upstream's setters in pkg/kubelet/nodestatus):
// capacity and allocatable from the host, addresses, nodeInfo, the kubelet endpoint, the four
// conditions and the images list. Pure: the host facts, the runtime's answers and the time
// come in as arguments.

import { Quantity } from '../../api/quantity.ts';
import type { ContainerImage, NodeCondition, NodeStatus } from '../../api/types/core/v1/index.ts';
import type { Image, RuntimeCondition } from '../cri/types.ts';
import { pressureConditions, readyCondition, stampConditions, type Pressure } from './conditions.ts';
import type { MachineFacts } from './machine.ts';

export const KUBELET_VERSION = 'v1.33.0+k8ts';
/** The kubelet's default maxPods. */
export const MAX_PODS = 110;
/** Upstream's nodeStatusMaxImages and MaxNamesPerImageInNodeStatus. */
const MAX_IMAGES = 50;
const MAX_NAMES_PER_IMAGE = 5;
/** Upstream's default hard eviction thresholds (Linux), which allocatable leaves out. */
const EVICTION_MEMORY_BYTES = 100 * 1024 * 1024;
const EVICTION_NODEFS_FRACTION = 0.1;
const EVICTION_INODES_FRACTION = 0.05;

export interface NodeStatusInputs {
  readonly nodeName: string;
  readonly facts: MachineFacts;
  /** `containerd://1.6.20`: runtime name and version as CRI Version reports them. */
  readonly containerRuntimeVersion: string;
  /** CRI Status conditions, or why they could not be read. */
  readonly runtimeConditions: readonly RuntimeCondition[] | Error;
  readonly images: readonly Image[];
  readonly kubeletPort: number;
  /** Problems beyond the runtime's (e.g. no pod CIDR yet), each as Ready's message would state it. */
  readonly otherProblems?: readonly string[];
}

/** Bytes as the API prints them (BinarySI: 16393500Ki when exact, else plain). */
export function bytesQuantity(bytes: number): string {
  return new Quantity(BigInt(Math.max(0, Math.floor(bytes))), 0, 'BinarySI').toString();
}

/** Which eviction signals are past upstream's default hard thresholds. */
export function pressureOf(facts: MachineFacts): Pressure {
  return {
    memory: facts.memoryAvailableBytes < EVICTION_MEMORY_BYTES,
    disk: facts.fsAvailableBytes < facts.fsCapacityBytes * EVICTION_NODEFS_FRACTION
      || (facts.fsInodes > 0 && facts.fsInodesFree < facts.fsInodes * EVICTION_INODES_FRACTION),
    // Upstream sets no default pid.available threshold, so PIDPressure stays False.
    pid: false,
  };
}

/** The Ready problems the runtime's conditions imply, worded as upstream's runtime state. */
export function runtimeProblems(conditions: readonly RuntimeCondition[] | Error): string[] {
  if (conditions instanceof Error) return ['container runtime is down'];
  const problems: string[] = [];
  const show = (c: RuntimeCondition | undefined, type: string): string =>
    c === undefined ? '<nil>' : `${type}=${String(c.status)} reason:${c.reason} message:${c.message}`;
  const runtime = conditions.find((c) => c.type === 'RuntimeReady');
  if (runtime?.status !== true) problems.push(`container runtime not ready: ${show(runtime, 'RuntimeReady')}`);
  const network = conditions.find((c) => c.type === 'NetworkReady');
  if (network?.status !== true) problems.push(`container runtime network not ready: ${show(network, 'NetworkReady')}`);
  return problems;
}

/** The images list: largest first, at most 50, each with up to 5 names (digests, then tags). */
export function nodeImages(images: readonly Image[]): ContainerImage[] {
  return [...images]
    // Ties broken by id, so the list does not reorder (and post) when the runtime lists in another order.
    .sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MAX_IMAGES)
    .map((image) => ({ names: [...image.repoDigests, ...image.repoTags].slice(0, MAX_NAMES_PER_IMAGE), sizeBytes: image.size }))
    .filter((image) => image.names.length > 0);
}

export function realNodeStatus(inputs: NodeStatusInputs, previous: readonly NodeCondition[] | undefined, now: number): NodeStatus {
  const f = inputs.facts;
  const capacity: Record<string, string> = {
    cpu: String(f.cpuCount),
    'ephemeral-storage': bytesQuantity(f.fsCapacityBytes),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: bytesQuantity(f.memoryTotalBytes),
    pods: String(MAX_PODS),
  };
  const allocatable: Record<string, string> = {
    ...capacity,
    'ephemeral-storage': bytesQuantity(f.fsCapacityBytes - Math.floor(f.fsCapacityBytes * EVICTION_NODEFS_FRACTION)),
    memory: bytesQuantity(f.memoryTotalBytes - EVICTION_MEMORY_BYTES),
  };
  const problems = [...runtimeProblems(inputs.runtimeConditions), ...(inputs.otherProblems ?? [])];
  const conditions = stampConditions([...pressureConditions(pressureOf(f)), readyCondition(problems)], previous, now);
  return {
    capacity,
    allocatable,
    conditions,
    addresses: [
      ...(f.internalIP === undefined ? [] : [{ type: 'InternalIP', address: f.internalIP }]),
      { type: 'Hostname', address: inputs.nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: inputs.kubeletPort } },
    nodeInfo: {
      machineID: f.machineID, systemUUID: f.systemUUID, bootID: f.bootID,
      kernelVersion: f.kernelVersion, osImage: f.osImage, containerRuntimeVersion: inputs.containerRuntimeVersion,
      // 1.33 leaves kubeProxyVersion empty (DisableNodeKubeProxyVersion).
      kubeletVersion: KUBELET_VERSION, kubeProxyVersion: '', operatingSystem: 'linux', architecture: f.architecture,
    },
    images: nodeImages(inputs.images),
  };
}

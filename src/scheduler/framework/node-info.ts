// What the scheduler knows about one node: the Node object and the pods placed on it (bound,
// or assumed while their binding is in flight), with the sums the plugins read, kept up to date
// as pods come and go so no plugin adds them up again. A NodeInfo in a snapshot is a copy:
// preemption changes clones of it, never the cache's.

import type { Node, Pod, Taint } from '../../api/types/core/v1/index.ts';
import { CPU, MEMORY, PODS, podRequests, resourceList, type Resources } from './resources.ts';

/** A pod as a node holds it, with what the node's sums need worked out once. */
export interface PodInfo {
  readonly pod: Pod;
  readonly requests: Resources;
  readonly nonZeroRequests: Resources;
  readonly ports: readonly HostPort[];
}

export function podInfo(pod: Pod): PodInfo {
  return { pod, requests: podRequests(pod), nonZeroRequests: podRequests(pod, true), ports: podHostPorts(pod) };
}

export function podKey(pod: Pod): string {
  return pod.metadata?.uid ?? `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

const NO_PORTS: readonly HostPort[] = Object.freeze([]);

/**
 * The host ports a pod asks for (app containers and init containers alike). Cheap enough to
 * work out each time; PodInfo keeps them for the pods on a node.
 */
export function podHostPorts(pod: Pod): readonly HostPort[] {
  let out: HostPort[] | undefined;
  const spec = pod.spec;
  for (const list of [spec?.initContainers, spec?.containers]) {
    for (const c of list ?? []) {
      for (const p of c.ports ?? []) {
        if ((p.hostPort ?? 0) <= 0) continue;
        (out ??= []).push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort ?? 0 });
      }
    }
  }
  return out === undefined ? NO_PORTS : Object.freeze(out);
}

function addTo(into: Resources, from: Resources, sign: 1 | -1): void {
  for (const k in from) into[k] = (into[k] ?? 0) + sign * (from[k] as number);
}

export class NodeInfo {
  readonly node: Node;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** spec.unschedulable (cordoned). */
  readonly unschedulable: boolean;
  readonly taints: readonly Taint[];
  readonly hasTaints: boolean;
  /** Parsed once when the Node enters the cache; shared (read-only) by every copy. */
  readonly allocatable: Readonly<Resources>;
  /** Changed only through addPod, removePod and replacePod, which keep the position index. */
  pods: PodInfo[] = [];
  /** Pod key → position in `pods`, made on the first lookup (a snapshot copy that is never searched never makes it). */
  #positions: Map<string, number> | undefined;
  requested: Resources = {};
  nonZeroRequested: Resources = {};
  // The values Filter and Score read for every node of every cycle, copied out of the records
  // above into the object itself: reading them touches no other object (no cache misses).
  readonly allocatableMilliCPU: number;
  readonly allocatableMemory: number;
  readonly allowedPodNumber: number;
  podCount = 0;
  requestedMilliCPU = 0;
  requestedMemory = 0;
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  usedPorts: HostPort[] = [];
  /** Pods with any pod affinity or anti-affinity, for InterPodAffinity. */
  podsWithAffinity: PodInfo[] = [];

  /** `allocatable`: the node's parsed allocatable, when the caller already has it. */
  constructor(node: Node, allocatable?: Readonly<Resources>) {
    this.node = node;
    this.name = node.metadata?.name ?? '';
    this.labels = node.metadata?.labels ?? {};
    this.unschedulable = node.spec?.unschedulable === true;
    this.taints = node.spec?.taints ?? [];
    this.hasTaints = this.taints.length > 0;
    const status = node.status;
    this.allocatable = allocatable ?? Object.freeze(resourceList((status?.allocatable ?? status?.capacity) as Record<string, string> | undefined));
    this.allocatableMilliCPU = this.allocatable[CPU] ?? 0;
    this.allocatableMemory = this.allocatable[MEMORY] ?? 0;
    this.allowedPodNumber = this.allocatable[PODS] ?? 0;
  }

  addPod(info: PodInfo): void {
    this.pods.push(info);
    this.#positions?.set(podKey(info.pod), this.pods.length - 1);
    addTo(this.requested, info.requests, 1);
    addTo(this.nonZeroRequested, info.nonZeroRequests, 1);
    this.#mirror();
    for (const port of info.ports) this.usedPorts.push(port);
    const a = info.pod.spec?.affinity;
    if (a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined) this.podsWithAffinity.push(info);
  }

  /**
   * Removes the pod with the same key; false if it was not there. The last pod takes its place
   * (as upstream's RemovePod does), so removal costs the same on a node of 10 or 1,000 pods.
   */
  removePod(pod: Pod): boolean {
    const i = this.#indexOf(pod);
    const info = this.pods[i];
    if (info === undefined) return false;
    const last = this.pods.pop() as PodInfo;
    const positions = this.#positions as Map<string, number>;
    positions.delete(podKey(pod));
    if (i < this.pods.length) {
      this.pods[i] = last;
      positions.set(podKey(last.pod), i);
    }
    addTo(this.requested, info.requests, -1);
    addTo(this.nonZeroRequested, info.nonZeroRequests, -1);
    this.#mirror();
    this.#releasePorts(info.ports);
    if (this.podsWithAffinity.length > 0) this.podsWithAffinity = this.podsWithAffinity.filter((p) => p !== info);
    return true;
  }

  /**
   * Puts `info` in the place of the pod with the same key (a new version of it on this node);
   * false, changing nothing, if that pod is not here. The same as removePod then addPod but
   * for the pod's position, without rebuilding the lists a status update leaves as they were.
   */
  replacePod(info: PodInfo): boolean {
    const i = this.#indexOf(info.pod);
    const old = this.pods[i];
    if (old === undefined) return false;
    this.pods[i] = info;
    if (old.requests !== info.requests) {
      addTo(this.requested, old.requests, -1);
      addTo(this.requested, info.requests, 1);
    }
    if (old.nonZeroRequests !== info.nonZeroRequests) {
      addTo(this.nonZeroRequested, old.nonZeroRequests, -1);
      addTo(this.nonZeroRequested, info.nonZeroRequests, 1);
    }
    this.#mirror();
    if (old.ports.length > 0 || info.ports.length > 0) {
      this.#releasePorts(old.ports);
      for (const port of info.ports) this.usedPorts.push(port);
    }
    const hadAffinity = this.podsWithAffinity.length > 0 && this.podsWithAffinity.includes(old);
    if (hadAffinity) this.podsWithAffinity = this.podsWithAffinity.filter((p) => p !== old);
    const a = info.pod.spec?.affinity;
    if (a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined) this.podsWithAffinity.push(info);
    return true;
  }

  /** Position of the pod with `pod`'s key, -1 if absent; makes the position index on first use. */
  #indexOf(pod: Pod): number {
    let positions = this.#positions;
    if (positions === undefined) {
      positions = new Map();
      for (let i = 0; i < this.pods.length; i++) positions.set(podKey((this.pods[i] as PodInfo).pod), i);
      this.#positions = positions;
    }
    return positions.get(podKey(pod)) ?? -1;
  }

  #releasePorts(ports: readonly HostPort[]): void {
    for (const port of ports) {
      const j = this.usedPorts.findIndex((u) => u.ip === port.ip && u.port === port.port && u.protocol === port.protocol);
      if (j >= 0) this.usedPorts.splice(j, 1);
    }
  }

  /** The same pods on another version of the Node object (allocatable re-parsed only if it changed). */
  withNode(node: Node): NodeInfo {
    const before = this.node.status;
    const after = node.status;
    const same = sameStrings((before?.allocatable ?? before?.capacity) as Record<string, string> | undefined,
      (after?.allocatable ?? after?.capacity) as Record<string, string> | undefined);
    const c = new NodeInfo(node, same ? this.allocatable : undefined);
    c.#copyPodsFrom(this);
    return c;
  }

  clone(): NodeInfo {
    const c = new NodeInfo(this.node, this.allocatable);
    c.#copyPodsFrom(this);
    return c;
  }

  #copyPodsFrom(o: NodeInfo): void {
    this.pods = o.pods.slice();
    this.requested = { ...o.requested };
    this.nonZeroRequested = { ...o.nonZeroRequested };
    this.usedPorts = o.usedPorts.slice();
    this.podsWithAffinity = o.podsWithAffinity.slice();
    this.#mirror();
  }

  #mirror(): void {
    this.podCount = this.pods.length;
    this.requestedMilliCPU = this.requested[CPU] ?? 0;
    this.requestedMemory = this.requested[MEMORY] ?? 0;
    this.nonZeroMilliCPU = this.nonZeroRequested[CPU] ?? 0;
    this.nonZeroMemory = this.nonZeroRequested[MEMORY] ?? 0;
  }
}

function sameStrings(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}

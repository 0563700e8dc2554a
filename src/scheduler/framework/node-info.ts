// What the scheduler knows about one node: the Node object and the pods placed on it (bound,
// or assumed while their binding is in flight), with the sums the plugins read. A NodeInfo in a
// snapshot is a copy: plugins and preemption may change it without touching the cache.

import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import { podRequests, resourceList, type Resources } from './resources.ts';

export interface PodInfo {
  readonly pod: Pod;
  readonly requests: Resources;
  readonly nonZeroRequests: Resources;
}

export function podInfo(pod: Pod): PodInfo {
  return { pod, requests: podRequests(pod), nonZeroRequests: podRequests(pod, true) };
}

export function podKey(pod: Pod): string {
  return pod.metadata?.uid ?? `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** The host ports a pod asks for (app containers and init containers alike). */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if ((p.hostPort ?? 0) <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort ?? 0 });
    }
  }
  return out;
}

function addTo(into: Resources, from: Resources, sign: 1 | -1): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + sign * v;
}

export class NodeInfo {
  readonly node: Node;
  readonly allocatable: Resources;
  pods: PodInfo[] = [];
  requested: Resources = {};
  nonZeroRequested: Resources = {};
  usedPorts: HostPort[] = [];
  /** Pods with any pod affinity or anti-affinity, for InterPodAffinity. */
  podsWithAffinity: PodInfo[] = [];

  constructor(node: Node) {
    this.node = node;
    const status = node.status;
    this.allocatable = resourceList((status?.allocatable ?? status?.capacity) as Record<string, string> | undefined);
  }

  get name(): string {
    return this.node.metadata?.name ?? '';
  }

  get labels(): Readonly<Record<string, string>> {
    return this.node.metadata?.labels ?? {};
  }

  addPod(info: PodInfo): void {
    this.pods.push(info);
    addTo(this.requested, info.requests, 1);
    addTo(this.nonZeroRequested, info.nonZeroRequests, 1);
    this.usedPorts.push(...podHostPorts(info.pod));
    const a = info.pod.spec?.affinity;
    if (a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined) this.podsWithAffinity.push(info);
  }

  /** Removes the pod with the same key; false if it was not there. */
  removePod(pod: Pod): boolean {
    const key = podKey(pod);
    const i = this.pods.findIndex((p) => podKey(p.pod) === key);
    if (i < 0) return false;
    const [info] = this.pods.splice(i, 1);
    if (info === undefined) return false;
    addTo(this.requested, info.requests, -1);
    addTo(this.nonZeroRequested, info.nonZeroRequests, -1);
    for (const port of podHostPorts(info.pod)) {
      const j = this.usedPorts.findIndex((u) => u.ip === port.ip && u.port === port.port && u.protocol === port.protocol);
      if (j >= 0) this.usedPorts.splice(j, 1);
    }
    this.podsWithAffinity = this.podsWithAffinity.filter((p) => podKey(p.pod) !== key);
    return true;
  }

  clone(): NodeInfo {
    const c = new NodeInfo(this.node);
    c.pods = [...this.pods];
    c.requested = { ...this.requested };
    c.nonZeroRequested = { ...this.nonZeroRequested };
    c.usedPorts = [...this.usedPorts];
    c.podsWithAffinity = [...this.podsWithAffinity];
    return c;
  }
}

/** The nodes of one scheduling cycle, frozen: what every plugin of the cycle reads. */
export class Snapshot {
  readonly nodes: readonly NodeInfo[];
  readonly #byName: Map<string, NodeInfo>;

  constructor(nodes: readonly NodeInfo[]) {
    this.nodes = nodes;
    this.#byName = new Map(nodes.map((n) => [n.name, n]));
  }

  get(name: string): NodeInfo | undefined {
    return this.#byName.get(name);
  }

  /** A snapshot with one node replaced (preemption's what-if). */
  withNode(info: NodeInfo): Snapshot {
    return new Snapshot(this.nodes.map((n) => (n.name === info.name ? info : n)));
  }
}

// The pod side of every simulated kubelet in the process (the kubelet's pod workers and status
// manager, with an in-memory runtime): a pod bound to one of our nodes is "started" at once and
// reported Running/Ready with an IP from the node's pod CIDR (a fallback range until node IPAM
// sets spec.podCIDR); a pod with a deletionTimestamp is "stopped" at once and deleted with
// grace 0, as the kubelet does once its containers are gone.

import type { Clock } from '../../api/clock.ts';
import { isNotFound } from '../../api/status-predicates.ts';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import type { Lister } from '../../client/informers/lister.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { cidrContains, fallbackPodCidr, IpPool, loopbackAddress, parseIpv4Cidr } from './ip-pool.ts';
import { runningStatus, statusIsCurrent } from './pod-status.ts';
import { PODS } from './resources.ts';

export interface PodRunnerOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly pods: Lister<Pod>;
  readonly nodes: Lister<Node>;
  /** Whether `nodeName` is one of this process's nodes. */
  readonly isOurs: (nodeName: string) => boolean;
}

interface NodePool {
  readonly cidr: string;
  readonly pool: IpPool;
}

export class PodRunner {
  readonly #o: PodRunnerOptions;
  readonly #pools = new Map<string, NodePool>();
  /** Pod key → the UID and node its address was allocated for. */
  readonly #allocated = new Map<string, { uid: string; node: string }>();

  constructor(options: PodRunnerOptions) {
    this.#o = options;
  }

  /** Brings the pod `key` (namespace/name) to what the simulated runtime shows. Idempotent. */
  async sync(key: string, signal: AbortSignal): Promise<void> {
    // The cache's key is namespace/name, so the lister finds a namespaced pod by it directly.
    const pod = this.#o.pods.get(key);
    const nodeName = pod?.spec?.nodeName ?? '';
    if (pod === undefined || !this.#o.isOurs(nodeName)) {
      this.#release(key);
      return;
    }
    const uid = pod.metadata?.uid ?? '';
    const held = this.#allocated.get(key);
    if (held !== undefined && held.uid !== uid) this.#release(key);
    const pods = this.#o.client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '');
    if (pod.metadata?.deletionTimestamp !== undefined) {
      // Containers stop at once in memory: confirm the deletion as the kubelet does.
      this.#release(key);
      try {
        await pods.delete(pod.metadata.name ?? '', { signal, body: { gracePeriodSeconds: 0, preconditions: { uid } } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      this.#release(key);
      return;
    }
    const podIP = this.#address(key, uid, nodeName, pod.status?.podIP);
    if (podIP === undefined) throw new Error(`node ${nodeName}: no free pod IP for ${key}`);
    if (statusIsCurrent(pod, podIP)) return;
    const status = runningStatus(pod, { hostIP: loopbackAddress(nodeName), podIP }, this.#o.clock.now());
    try {
      await pods.patch(pod.metadata?.name ?? '', 'merge', { status }, { subresource: 'status', signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** The pod's IP: the one it already reports (a running pod keeps it), else a new one from the node's range. */
  #address(key: string, uid: string, nodeName: string, current: string | undefined): string | undefined {
    const { pool } = this.#poolOf(nodeName);
    if (current !== undefined && current !== '') {
      if (cidrContains(pool.cidr, current)) pool.reserve(uid, current);
      this.#allocated.set(key, { uid, node: nodeName });
      return current;
    }
    const ip = pool.allocate(uid);
    if (ip !== undefined) this.#allocated.set(key, { uid, node: nodeName });
    return ip;
  }

  /** The node's pool, rebuilt when its pod CIDR changes (pods keep the addresses they have). */
  #poolOf(nodeName: string): NodePool {
    const cidr = this.#o.nodes.get(nodeName)?.spec?.podCIDR ?? fallbackPodCidr(nodeName);
    let entry = this.#pools.get(nodeName);
    if (entry === undefined || entry.cidr !== cidr) {
      const parsed = parseIpv4Cidr(cidr) ?? parseIpv4Cidr(fallbackPodCidr(nodeName));
      if (parsed === undefined) throw new Error(`node ${nodeName}: bad pod CIDR ${cidr}`);
      entry = { cidr, pool: new IpPool(parsed) };
      this.#pools.set(nodeName, entry);
    }
    return entry;
  }

  #release(key: string): void {
    const held = this.#allocated.get(key);
    if (held === undefined) return;
    this.#allocated.delete(key);
    this.#pools.get(held.node)?.pool.release(held.uid);
  }
}

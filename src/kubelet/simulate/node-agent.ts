// The heartbeats of one simulated node (the kubelet's node status loop and node lease
// controller): register the Node, post its status when it changed or every 5 minutes, and renew
// its Lease in kube-node-lease every 10 s. Stopping the loop (or the process) stops the
// heartbeats, so the node lifecycle controller sees the node go silent.

import type { Clock, Timer } from '../../api/clock.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../../api/status-predicates.ts';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import type { Node } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { initialNode, nodeStatus, statusNeedsPost } from './node-status.ts';
import { formatMicroTime, LEASES, NODE_LEASE_NAMESPACE, NODES } from './resources.ts';

/** The kubelet's default nodeLeaseDurationSeconds; the lease is renewed every quarter of it (10 s). */
export const LEASE_DURATION_SECONDS = 40;

/** The renew interval for a lease duration, as the kubelet's NodeLeaseRenewIntervalFraction (0.25). */
export function leaseRenewMs(durationSeconds: number): number {
  return durationSeconds * 250;
}

export interface NodeAgentOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly name: string;
  /** The node as the shared node informer last saw it. */
  readonly cachedNode: () => Node | undefined;
  readonly log: (message: string) => void;
  /** nodeLeaseDurationSeconds (default 40): heartbeats every quarter of it. */
  readonly leaseDurationSeconds?: number;
}

export class NodeAgent {
  readonly name: string;
  readonly #o: NodeAgentOptions;
  #uid: string | undefined;
  #lease: Lease | undefined;
  #busy = false;

  constructor(options: NodeAgentOptions) {
    this.#o = options;
    this.name = options.name;
  }

  /** Creates the Node (or adopts an existing one) and posts its first status and lease. */
  async register(signal: AbortSignal): Promise<void> {
    const nodes = this.#o.client.resource<Node>(NODES);
    let node: Node;
    try {
      node = await nodes.create(initialNode(this.name), { signal });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      node = await nodes.get(this.name, { signal });
    }
    this.#uid = node.metadata?.uid;
    await this.#postStatus(node, signal);
    await this.#renewLease(signal);
  }

  get leaseDurationSeconds(): number {
    return this.#o.leaseDurationSeconds ?? LEASE_DURATION_SECONDS;
  }

  /** Heartbeats every quarter of the lease duration, the first after `offsetMs` (to spread many nodes out); returns the timers to cancel. */
  start(offsetMs: number, signal: AbortSignal): Timer {
    let every: Timer | undefined;
    const tick = (): void => void this.#tick(signal);
    const first = this.#o.clock.after(offsetMs, () => {
      tick();
      every = this.#o.clock.every(leaseRenewMs(this.leaseDurationSeconds), tick);
    });
    return { cancel: () => { first.cancel(); every?.cancel(); } };
  }

  async #tick(signal: AbortSignal): Promise<void> {
    if (this.#busy || signal.aborted) return;
    this.#busy = true;
    try {
      await this.#renewLease(signal);
      const cached = this.#o.cachedNode();
      if (cached !== undefined && statusNeedsPost(cached, this.#o.clock.now())) await this.#postStatus(cached, signal);
    } catch (err) {
      if (!signal.aborted) this.#o.log(`node ${this.name}: heartbeat failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.#busy = false;
    }
  }

  async #postStatus(node: Node, signal: AbortSignal): Promise<void> {
    const status = nodeStatus(this.name, node.status?.conditions, this.#o.clock.now());
    await this.#o.client.resource<Node>(NODES).patch(this.name, 'merge', { status }, { subresource: 'status', signal });
  }

  /** Updates the lease's renewTime, creating the lease when missing; a conflict re-reads it once. */
  async #renewLease(signal: AbortSignal): Promise<void> {
    const leases = this.#o.client.resource<Lease>(LEASES).namespace(NODE_LEASE_NAMESPACE);
    const now = formatMicroTime(this.#o.clock.now());
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.#lease === undefined) {
        try {
          this.#lease = await leases.get(this.name, { signal });
        } catch (err) {
          if (!isNotFound(err)) throw err;
          this.#lease = await leases.create(this.#newLease(now), { signal });
          return;
        }
      }
      try {
        this.#lease = await leases.update({ ...this.#lease, spec: { ...this.#lease.spec, holderIdentity: this.name, leaseDurationSeconds: this.leaseDurationSeconds, renewTime: now } }, { signal });
        return;
      } catch (err) {
        this.#lease = undefined;
        if (!isConflict(err) && !isNotFound(err)) throw err;
      }
    }
  }

  #newLease(renewTime: string): Lease {
    const owner = this.#uid === undefined ? [] : [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: this.#uid }];
    return {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: this.name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: owner },
      spec: { holderIdentity: this.name, leaseDurationSeconds: this.leaseDurationSeconds, renewTime },
    };
  }
}

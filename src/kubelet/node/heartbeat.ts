// A kubelet's heartbeats (upstream's node status loop and node lease controller): register the
// Node, renew its Lease in kube-node-lease every quarter of the lease duration (10 s), and on
// the same tick compute the node's status and post it when it changed or when the report
// frequency (5 minutes) has passed since the last post. Used by the real node agent and by
// every simulated node; what the status says comes from the caller.

import type { Clock, Timer } from '../../api/clock.ts';
import { jsonEqual } from '../../api/json-equal.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../../api/status-predicates.ts';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import type { Node, NodeCondition, NodeStatus } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { formatMicroTime, LEASES, NODE_LEASE_NAMESPACE, NODES } from './resources.ts';

/** The kubelet's default nodeLeaseDurationSeconds; the lease is renewed every quarter of it (10 s). */
export const LEASE_DURATION_SECONDS = 40;
/** How often the kubelet posts its status even when nothing changed (nodeStatusReportFrequency). */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

/** The renew interval for a lease duration, as the kubelet's NodeLeaseRenewIntervalFraction (0.25). */
export function leaseRenewMs(durationSeconds: number): number {
  return durationSeconds * 250;
}

/**
 * Whether to post `next` over what the API server holds (`current`): always when there is no
 * node or no Ready heartbeat yet, when anything but the heartbeat times differs (a controller
 * marking the node Unknown counts), and when the last heartbeat is a report interval old.
 */
export function statusNeedsPost(current: Node | undefined, next: NodeStatus, now: number): boolean {
  const ready = current?.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.lastHeartbeatTime === undefined) return true;
  if (now - Date.parse(ready.lastHeartbeatTime) >= NODE_STATUS_REPORT_MS) return true;
  // Only what the caller reports counts: the API server may hold fields this kubelet never sets.
  for (const key of Object.keys(next) as (keyof NodeStatus)[]) {
    const mine = key === 'conditions' ? withoutHeartbeats(next.conditions) : next[key];
    const theirs = key === 'conditions' ? withoutHeartbeats(current?.status?.conditions) : current?.status?.[key];
    if (!jsonEqual(mine, theirs)) return true;
  }
  return false;
}

function withoutHeartbeats(conditions: readonly NodeCondition[] | undefined): unknown {
  return conditions?.map(({ lastHeartbeatTime: _beat, ...rest }) => rest);
}

export interface NodeHeartbeatOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  /** The Node created when none exists; its labels are added to an existing one. */
  readonly initialNode: Node;
  /** The status to post now, given the node as the API server holds it (for transition times). */
  readonly status: (current: Node | undefined, now: number) => NodeStatus | Promise<NodeStatus>;
  /** The node as a shared informer last saw it; without one, each tick reads it from the API server. */
  readonly cachedNode?: () => Node | undefined;
  readonly log: (message: string) => void;
  /** nodeLeaseDurationSeconds (default 40): heartbeats every quarter of it. */
  readonly leaseDurationSeconds?: number;
}

export class NodeHeartbeat {
  readonly name: string;
  readonly #o: NodeHeartbeatOptions;
  #uid: string | undefined;
  #lease: Lease | undefined;
  #node: Node | undefined;
  #busy = false;
  #again = false;

  constructor(options: NodeHeartbeatOptions) {
    this.#o = options;
    const name = options.initialNode.metadata?.name;
    if (name === undefined || name === '') throw new Error('NodeHeartbeat: the initial node has no name');
    this.name = name;
  }

  get leaseDurationSeconds(): number {
    return this.#o.leaseDurationSeconds ?? LEASE_DURATION_SECONDS;
  }

  /** The node as last returned by the API server (after registration, after each post). */
  get node(): Node | undefined {
    return this.#node;
  }

  /** Creates the Node (or adopts an existing one, adding our labels), posts its first status and lease. */
  async register(signal: AbortSignal): Promise<Node> {
    const nodes = this.#o.client.resource<Node>(NODES);
    let node: Node;
    try {
      node = await nodes.create(this.#o.initialNode, { signal });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      node = await nodes.get(this.name, { signal });
      const want = this.#o.initialNode.metadata?.labels ?? {};
      const have = node.metadata?.labels ?? {};
      if (Object.entries(want).some(([k, v]) => have[k] !== v)) {
        node = await nodes.patch(this.name, 'merge', { metadata: { labels: want } }, { signal });
      }
    }
    this.#uid = node.metadata?.uid;
    this.#node = node;
    await this.#postStatus(node, true, signal);
    await this.#renewLease(signal);
    return this.#node;
  }

  /** Heartbeats every quarter of the lease duration, the first after `offsetMs` (to spread many nodes out). */
  start(offsetMs: number, signal: AbortSignal): Timer {
    let every: Timer | undefined;
    const tick = (): void => void this.tick(signal);
    const first = this.#o.clock.after(offsetMs, () => {
      tick();
      every = this.#o.clock.every(leaseRenewMs(this.leaseDurationSeconds), tick);
    });
    return { cancel: () => { first.cancel(); every?.cancel(); } };
  }

  /**
   * One heartbeat: renew the lease, post the status if it needs posting. A call while one runs
   * is folded into a single rerun after it (something changed mid-way and must be seen).
   */
  async tick(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    try {
      do {
        this.#again = false;
        await this.#beat(signal);
      } while (this.#again && !signal.aborted);
    } finally {
      this.#busy = false;
    }
  }

  async #beat(signal: AbortSignal): Promise<void> {
    try {
      await this.#renewLease(signal);
      const current = this.#o.cachedNode !== undefined ? this.#o.cachedNode() : await this.#o.client.resource<Node>(NODES).get(this.name, { signal });
      if (current !== undefined) this.#node = current;
      await this.#postStatus(current, false, signal);
    } catch (err) {
      if (!signal.aborted) this.#o.log(`node ${this.name}: heartbeat failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async #postStatus(current: Node | undefined, force: boolean, signal: AbortSignal): Promise<void> {
    const now = this.#o.clock.now();
    const status = await this.#o.status(current, now);
    if (!force && !statusNeedsPost(current, status, now)) return;
    this.#node = await this.#o.client.resource<Node>(NODES).patch(this.name, 'merge', { status }, { subresource: 'status', signal });
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

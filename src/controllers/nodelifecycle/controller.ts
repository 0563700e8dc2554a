// The node lifecycle controller (upstream's pkg/controller/nodelifecycle): every
// --node-monitor-period it checks each node's heartbeats (the Lease in kube-node-lease and the
// Ready condition's heartbeat). After --node-monitor-grace-period of silence the kubelet's
// conditions become Unknown; the Ready condition decides the health taints (unreachable or
// not-ready; NoSchedule at once, NoExecute paced per zone); pods on a node that is not Ready are
// marked not Ready. Taint-based eviction runs beside it (taint-eviction.ts).

import { isConflict, isNotFound } from '../../api/status-predicates.ts';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { waitForCacheSync } from '../../client/informers/shared-informer.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.ts';
import {
  observeHealth, readyCondition, reconcileHealthTaints, silentNodeConditions, wantsNoExecuteTaint, type NodeHealth,
} from './health.ts';
import { indexPodsByNode, podsOnNode } from './pod-index.ts';
import { formatTime, LEASES, NODE_LEASE_NAMESPACE, NODES, PODS } from './resources.ts';
import { TaintEviction } from './taint-eviction.ts';
import { TokenBucket, zoneOf, zoneRate, zoneState } from './zones.ts';

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  readonly #c: ControllerContext;
  readonly #nodes: SharedInformer<Node>;
  readonly #leases: SharedInformer<Lease>;
  readonly #pods: SharedInformer<Pod>;
  readonly #eviction: TaintEviction;
  readonly #health = new Map<string, NodeHealth>();
  readonly #zones = new Map<string, TokenBucket>();
  /** Every zone fully disrupted: no NoExecute taints anywhere (upstream's master disruption mode). */
  #allZonesDown = false;

  constructor(context: ControllerContext) {
    this.#c = context;
    this.#nodes = context.informers.forResource<Node>(NODES);
    this.#leases = context.informers.forResource<Lease>(LEASES);
    this.#pods = context.informers.forResource<Pod>(PODS);
    indexPodsByNode(this.#pods);
    this.#eviction = new TaintEviction({ client: context.client, clock: context.clock, nodes: this.#nodes, pods: this.#pods });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCacheSync(signal, this.#nodes, this.#leases, this.#pods))) return;
    let busy = false;
    const timer = this.#c.clock.every(this.#c.options.nodeMonitorPeriodMs, () => {
      if (busy || signal.aborted) return;
      busy = true;
      this.monitor(signal).catch((err: unknown) => {
        if (!signal.aborted) process.stderr.write(`${this.name}: ${err instanceof Error ? err.message : String(err)}\n`);
      }).finally(() => { busy = false; });
    });
    try {
      await this.#eviction.run(signal);
    } finally {
      timer.cancel();
    }
  }

  /** One pass over every node (monitorNodeHealth). Errors on one node do not stop the others. */
  async monitor(signal: AbortSignal): Promise<void> {
    const now = this.#c.clock.now();
    const nodes = this.#nodes.lister().list();
    const seen = new Set<string>();
    const current: Node[] = [];
    for (const cached of nodes) {
      const name = cached.metadata?.name ?? '';
      seen.add(name);
      const lease = this.#leases.lister().namespace(NODE_LEASE_NAMESPACE).get(name);
      const health = observeHealth(this.#health.get(name), cached, lease, now);
      this.#health.set(name, health);
      let node = cached;
      const conditions = silentNodeConditions(node, health, this.#c.options.nodeMonitorGracePeriodMs, now);
      if (conditions !== undefined) {
        try {
          node = await this.#c.client.resource<Node>(NODES).patch(name, 'merge', { status: { conditions } }, { subresource: 'status', signal });
        } catch (err) {
          if (!isNotFound(err)) this.#report(name, err);
          continue;
        }
      }
      current.push(node);
    }
    for (const name of this.#health.keys()) if (!seen.has(name)) this.#health.delete(name);
    this.#setZoneRates(current);
    for (const node of current) {
      try {
        await this.#markPodsNotReady(node, signal);
        await this.#taint(node, signal);
      } catch (err) {
        if (!signal.aborted) this.#report(node.metadata?.name ?? '', err);
      }
    }
  }

  #setZoneRates(nodes: readonly Node[]): void {
    const byZone = new Map<string, Node[]>();
    for (const node of nodes) byZone.set(zoneOf(node), [...(byZone.get(zoneOf(node)) ?? []), node]);
    const states = new Map([...byZone].map(([zone, members]) => [zone, zoneState(members).state]));
    const allFull = states.size > 0 && [...states.values()].every((s) => s === 'FullDisruption');
    if (allFull !== this.#allZonesDown) process.stderr.write(`${this.name}: ${allFull ? 'every node is not Ready: no evictions until some recover' : 'nodes recovered: evictions resume'}\n`);
    this.#allZonesDown = allFull;
    for (const [zone, members] of byZone) {
      let bucket = this.#zones.get(zone);
      const rate = zoneRate(states.get(zone) ?? 'Normal', members.length, allFull);
      if (bucket === undefined) this.#zones.set(zone, (bucket = new TokenBucket(rate, this.#c.clock)));
      else bucket.setRate(rate);
    }
  }

  async #taint(node: Node, signal: AbortSignal): Promise<void> {
    const addNoExecute = !this.#allZonesDown && wantsNoExecuteTaint(node) && (this.#zones.get(zoneOf(node))?.tryAccept() ?? false);
    const taints = reconcileHealthTaints(node, addNoExecute, this.#c.clock.now(), this.#allZonesDown);
    if (taints === undefined) return;
    try {
      // The resourceVersion makes the write conditional: a taint added by someone else is never lost.
      await this.#c.client.resource<Node>(NODES).patch(node.metadata?.name ?? '', 'merge',
        { metadata: { resourceVersion: node.metadata?.resourceVersion }, spec: { taints } }, { signal });
    } catch (err) {
      if (!isConflict(err) && !isNotFound(err)) throw err;
    }
  }

  /** MarkPodsNotReady: the Ready condition of every pod on a node that is not Ready turns False. */
  async #markPodsNotReady(node: Node, signal: AbortSignal): Promise<void> {
    if (readyCondition(node)?.status === 'True') return;
    for (const pod of podsOnNode(this.#pods, node.metadata?.name ?? '')) {
      const conditions = pod.status?.conditions ?? [];
      const ready = conditions.find((c) => c.type === 'Ready');
      if (ready === undefined || ready.status === 'False' || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
      const next = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: formatTime(this.#c.clock.now()) } : c));
      try {
        await this.#c.client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '')
          .patch(pod.metadata?.name ?? '', 'merge', { status: { conditions: next } }, { subresource: 'status', signal });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  #report(node: string, err: unknown): void {
    process.stderr.write(`${this.name}: node ${node}: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

export const nodeLifecycleController: ControllerFactory = (context) => new NodeLifecycleController(context);

// The garbage collector (upstream's pkg/controller/garbagecollector): watches every resource
// that can be listed, watched and deleted, keeps the owner graph (GraphBuilder), and runs two
// queues keyed by uid: attemptToDelete (delete dependents whose owners are all gone — background
// cascade and dangling references —, delete dependents of a foreground deletion, and finish that
// deletion once no blocking dependent is left) and attemptToOrphan (strip references to an owner
// deleted with the orphan policy, then remove its finalizer). Discovery is refreshed every 30 s
// so resources served later (CRDs) are watched too.

import type { KubeObject } from '../../client/rest/types.ts';
import { sleep } from '../../client/informers/wait.ts';
import { DeletedFinalStateUnknown } from '../../client/informers/store.ts';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.ts';
import { runWorkers } from '../../client/workqueue/run-workers.ts';
import type { Controller, ControllerContext } from '../controller.ts';
import { discoverResources, supportsVerbs, type DiscoveredResource } from '../manager/discovery.ts';
import { GraphBuilder, type GraphEvent } from './graph-builder.ts';
import { decideDeletingDependents, decideItem, FINALIZER_FOREGROUND, FINALIZER_ORPHAN, type GraphNode, type ObjectIdentity, type OwnerState } from './graph.ts';
import { ObjectOperations } from './operations.ts';

const RESYNC_DISCOVERY_MS = 30_000;
/** Upstream's ignoredResources: events are never owners or dependents worth watching. */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

/** A retry that is not a failure (a virtual node not yet observed; a foreground owner still waiting). */
class Requeue extends Error {}

function apiVersionOf(r: DiscoveredResource): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  readonly #ctx: ControllerContext;
  readonly #ops: ObjectOperations;
  readonly #builder: GraphBuilder;
  readonly #toDelete: RateLimitingQueue<string>;
  readonly #toOrphan: RateLimitingQueue<string>;
  readonly #monitored = new Set<string>();
  #events: GraphEvent[] = [];
  #draining = false;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#ops = new ObjectOperations(ctx.client);
    this.#toDelete = new RateLimitingQueue<string>({ clock: ctx.clock });
    this.#toOrphan = new RateLimitingQueue<string>({ clock: ctx.clock });
    this.#builder = new GraphBuilder({
      attemptToDelete: (n) => this.#toDelete.add(n.identity.uid),
      attemptToOrphan: (n) => this.#toOrphan.add(n.identity.uid),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.#syncMonitors(signal, true);
    if (signal.aborted) return;
    const workers = Math.max(1, this.#ctx.options.concurrentGcSyncs);
    const onError = (uid: string, err: unknown): void => {
      if (!(err instanceof Requeue)) process.stderr.write(`garbage collector: ${uid}: ${err instanceof Error ? err.message : String(err)}\n`);
    };
    await Promise.all([
      runWorkers(this.#toDelete, workers, (uid, s) => this.#attemptToDelete(uid, s), signal, { onError }),
      runWorkers(this.#toOrphan, workers, (uid, s) => this.#attemptToOrphan(uid, s), signal, { onError }),
      this.#refreshDiscovery(signal),
    ]);
  }

  async #refreshDiscovery(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.#ctx.clock, RESYNC_DISCOVERY_MS, signal);
      if (!signal.aborted) await this.#syncMonitors(signal, false).catch(() => undefined);
    }
  }

  /** Discovers resources and watches those not watched yet; the first time, retries until discovery works and waits for the caches. */
  async #syncMonitors(signal: AbortSignal, first: boolean): Promise<void> {
    let resources: readonly DiscoveredResource[] | undefined;
    for (let delay = 500; resources === undefined && !signal.aborted; delay = Math.min(delay * 2, 10_000)) {
      try {
        resources = (await discoverResources(this.#ctx.client, signal)).resources;
      } catch (err) {
        if (!first) throw err;
        await sleep(this.#ctx.clock, delay, signal);
      }
    }
    if (resources === undefined) return;
    this.#ops.resources = resources;
    const added = [];
    for (const r of resources) {
      const key = `${r.group}/${r.resource}`;
      if (!r.preferred || IGNORED.has(key) || this.#monitored.has(key) || !supportsVerbs(r, 'list', 'watch', 'delete')) continue;
      this.#monitored.add(key);
      added.push(this.#monitor(r));
    }
    this.#ctx.informers.start(signal);
    await Promise.all(added.map((informer) => informer.waitForSync(signal)));
  }

  #monitor(r: DiscoveredResource): { waitForSync(signal: AbortSignal): Promise<boolean> } {
    const informer = this.#ctx.informers.forResource<KubeObject>(r);
    const identity = (obj: KubeObject): ObjectIdentity => ({
      apiVersion: apiVersionOf(r), kind: r.kind, name: obj.metadata?.name ?? '', uid: obj.metadata?.uid ?? '', namespace: obj.metadata?.namespace ?? '',
    });
    informer.addEventHandler({
      onAdd: (obj) => this.#enqueue({ type: 'add', object: obj, identity: identity(obj) }),
      onUpdate: (old, obj) => this.#enqueue({ type: 'update', object: obj, old, identity: identity(obj) }),
      onDelete: (d) => {
        const obj = d instanceof DeletedFinalStateUnknown ? d.obj : d;
        this.#enqueue({ type: 'delete', object: obj, identity: identity(obj), virtual: false });
      },
    });
    return informer;
  }

  /** Handlers only append; one drain applies the events to the graph in order. */
  #enqueue(event: GraphEvent): void {
    this.#events.push(event);
    if (this.#draining) return;
    this.#draining = true;
    queueMicrotask(() => {
      while (this.#events.length > 0) {
        const batch = this.#events;
        this.#events = [];
        for (const e of batch) this.#builder.process(e);
      }
      this.#draining = false;
    });
  }

  async #attemptToDelete(uid: string, signal: AbortSignal): Promise<void> {
    const node = this.#builder.nodes.get(uid);
    if (node === undefined) return;
    if (node.beingDeleted && !node.deletingDependents) return;
    const latest = await this.#ops.get(node.identity, signal);
    if (latest === undefined || latest.metadata?.uid !== node.identity.uid) {
      // Gone (or another object under the name): tell the graph, which wakes the dependents.
      this.#enqueue({ type: 'delete', identity: node.identity, virtual: true });
      return;
    }
    if (node.deletingDependents) {
      // Foreground: finish once no blocking dependent is left, else make sure they are being deleted.
      const next = decideDeletingDependents(node);
      if (next.removeFinalizer) await this.#ops.removeFinalizer(node.identity, FINALIZER_FOREGROUND, signal);
      else for (const d of next.waitFor) this.#toDelete.add(d.identity.uid);
      return;
    }
    const owners = latest.metadata.ownerReferences ?? [];
    const states = new Map<string, OwnerState>();
    for (const ref of owners) states.set(ref.uid, await this.#ownerState(ref, node, signal));
    const decision = decideItem({
      owners, finalizers: latest.metadata.finalizers ?? [], hasDependents: node.dependents.size > 0,
      dependentDeletingDependents: [...node.dependents].some((d) => d.deletingDependents),
    }, states);
    if (decision.action === 'removeReferences') {
      const drop = new Set(decision.uids);
      await this.#ops.updateOwnerReferences(node.identity, (refs) => refs.filter((r) => !drop.has(r.uid)), signal);
    } else if (decision.action === 'delete') {
      if (decision.unblock) {
        await this.#ops.updateOwnerReferences(node.identity, (refs) => refs.map((r) => (r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r)), signal);
      }
      await this.#ops.delete(node.identity, decision.unblock ? undefined : latest.metadata.resourceVersion, decision.policy, signal);
    }
    // A node not yet seen by an informer is looked at again, so it cannot linger in the graph.
    if (node.virtual) throw new Requeue(`${uid} not observed yet`);
  }

  /** classifyReferences for one owner: dangling (absent or another uid), waiting (foreground), or solid. */
  async #ownerState(ref: { apiVersion: string; kind: string; name: string; uid: string }, item: GraphNode, signal: AbortSignal): Promise<OwnerState> {
    const resource = this.#ops.resourceOf(ref);
    const namespace = resource?.namespaced === true ? item.identity.namespace : '';
    const owner: ObjectIdentity = { ...ref, namespace };
    if (this.#builder.isAbsent(owner)) return 'dangling';
    // A cluster-scoped dependent cannot have a namespaced owner: the reference is invalid.
    if (resource?.namespaced === true && item.identity.namespace === '') return 'dangling';
    const live = await this.#ops.get(owner, signal);
    if (live === undefined || live.metadata?.uid !== ref.uid) {
      this.#builder.markAbsent(owner);
      return 'dangling';
    }
    const meta = live.metadata;
    return meta.deletionTimestamp !== undefined && (meta.finalizers ?? []).includes(FINALIZER_FOREGROUND) ? 'waiting' : 'solid';
  }

  async #attemptToOrphan(uid: string, signal: AbortSignal): Promise<void> {
    const node = this.#builder.nodes.get(uid);
    if (node === undefined) return;
    for (const dependent of [...node.dependents]) {
      await this.#ops.updateOwnerReferences(dependent.identity, (refs) => refs.filter((r) => r.uid !== uid), signal);
    }
    await this.#ops.removeFinalizer(node.identity, FINALIZER_ORPHAN, signal);
  }
}

export function newGarbageCollector(ctx: ControllerContext): Controller {
  return new GarbageCollector(ctx);
}

// The Deployment controller (upstream's pkg/controller/deployment): each Deployment owns
// ReplicaSets named after its template's hash; a sync adopts and releases ReplicaSets, then
// resizes (paused or scaled), or rolls out by the strategy, and writes status. Handlers only
// enqueue Deployment keys; sync(key) reads listers and is idempotent.

import type { Clock } from '../../api/clock.ts';
import { matches } from '../../api/labels/selector.ts';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { Lister } from '../../client/informers/lister.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown, metaNamespaceKey, splitMetaNamespaceKey } from '../../client/informers/store.ts';
import type { ResourceClient } from '../../client/rest/resource-client.ts';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.ts';
import { runWorkers } from '../../client/workqueue/run-workers.ts';
import type { Controller, ControllerContext } from '../controller.ts';
import { adoptPatch, claimObjects, releasePatch } from '../replicaset/claim.ts';
import { newEventRecorder } from '../../client/events/recorder.ts';
import { controllerRefOf, labelsEqual, newControllerRef, selectorOf } from '../replicaset/pod-utils.ts';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from '../replicaset/resources.ts';
import { getCondition, hasProgressDeadline, newCondition, REASON, setCondition } from './conditions.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { isScalingEvent, syncScaleOnly } from './scale.ts';
import { Syncer } from './syncer.ts';

/** Upstream's maxRetries: a Deployment failing this often is dropped until its next event. */
const MAX_RETRIES = 15;

export class DeploymentController implements Controller {
  readonly name = 'deployment';
  readonly queue: RateLimitingQueue<string>;
  readonly #clock: Clock;
  readonly #workers: number;
  readonly #dInformer: SharedInformer<Deployment>;
  readonly #rsInformer: SharedInformer<ReplicaSet>;
  readonly #podInformer: SharedInformer<Pod>;
  readonly #dLister: Lister<Deployment>;
  readonly #rsLister: Lister<ReplicaSet>;
  readonly #podLister: Lister<Pod>;
  readonly #deployments: ResourceClient<Deployment>;
  readonly #replicaSets: ResourceClient<ReplicaSet>;
  readonly #syncer: Syncer;

  constructor(context: ControllerContext) {
    this.#clock = context.clock;
    this.#workers = context.options.concurrentDeploymentSyncs;
    this.queue = new RateLimitingQueue<string>({ clock: context.clock });
    this.#dInformer = context.informers.forResource<Deployment>(DEPLOYMENTS);
    this.#rsInformer = context.informers.forResource<ReplicaSet>(REPLICA_SETS);
    this.#podInformer = context.informers.forResource<Pod>(PODS);
    this.#dLister = this.#dInformer.lister();
    this.#rsLister = this.#rsInformer.lister();
    this.#podLister = this.#podInformer.lister();
    this.#deployments = context.client.resource<Deployment>(DEPLOYMENTS);
    this.#replicaSets = context.client.resource<ReplicaSet>(REPLICA_SETS);
    this.#syncer = new Syncer({
      client: context.client, clock: context.clock,
      cachedReplicaSet: (namespace, name) => this.#rsLister.namespace(namespace).get(name),
      enqueueAfter: (d, ms) => this.queue.addAfter(metaNamespaceKey(d), ms),
      recorder: newEventRecorder(context.client, context.clock, 'deployment-controller', { apiVersion: 'apps/v1', kind: 'Deployment' }),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    const enqueue = (d: Deployment): void => this.queue.add(metaNamespaceKey(d));
    const regs = [
      this.#dInformer.addEventHandler({
        onAdd: enqueue,
        onUpdate: (_old, cur) => enqueue(cur),
        onDelete: (obj) => this.queue.add(obj instanceof DeletedFinalStateUnknown ? obj.key : metaNamespaceKey(obj)),
      }),
      this.#rsInformer.addEventHandler({
        onAdd: (rs) => this.#rsChanged(rs, undefined),
        onUpdate: (old, cur) => {
          if (old.metadata?.resourceVersion !== cur.metadata?.resourceVersion) this.#rsChanged(cur, old);
        },
        onDelete: (obj) => {
          const rs = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
          const d = this.#owner(rs);
          if (d !== undefined) enqueue(d);
        },
      }),
      this.#podInformer.addEventHandler({
        // Recreate waits for the old pods to be gone; their deletion is its cue.
        onDelete: (obj) => {
          const pod = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
          const ref = controllerRefOf(pod);
          if (ref?.kind !== 'ReplicaSet') return;
          const rs = this.#rsLister.namespace(pod.metadata?.namespace ?? '').get(ref.name);
          const d = rs === undefined ? undefined : this.#owner(rs);
          if (d !== undefined && d.spec?.strategy?.type === 'Recreate') enqueue(d);
        },
      }),
    ];
    try {
      await runWorkers(this.queue, this.#workers, (key) => this.sync(key), signal, { maxRetries: MAX_RETRIES });
    } finally {
      for (const reg of regs) reg.remove();
    }
  }

  #owner(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerRefOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.#dLister.namespace(rs.metadata?.namespace ?? '').get(ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  /** Enqueues the owners concerned by a ReplicaSet change, or the Deployments that may adopt it. */
  #rsChanged(rs: ReplicaSet, old: ReplicaSet | undefined): void {
    const enqueue = (d: Deployment): void => this.queue.add(metaNamespaceKey(d));
    const oldRef = old === undefined ? undefined : controllerRefOf(old);
    const curRef = controllerRefOf(rs);
    if (old !== undefined && oldRef !== undefined && oldRef.uid !== curRef?.uid) {
      const prev = this.#owner(old);
      if (prev !== undefined) enqueue(prev);
    }
    if (curRef !== undefined) {
      const d = this.#owner(rs);
      if (d !== undefined) enqueue(d);
      return;
    }
    const labelsChanged = old === undefined || !labelsEqual(old.metadata?.labels, rs.metadata?.labels);
    if (!labelsChanged && oldRef === undefined) return;
    for (const d of this.#dLister.namespace(rs.metadata?.namespace ?? '').list()) {
      const sel = selectorOf(d.spec?.selector);
      if (sel !== undefined && matches(sel, rs.metadata?.labels)) enqueue(d);
    }
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.#dLister.namespace(namespace).get(name);
    if (cached === undefined) return;
    const d = structuredClone(cached);
    const s = this.#syncer;
    const sel = d.spec?.selector;
    if (sel === undefined || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
      // An empty selector would select every pod: refuse to act, but say the spec was seen.
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        await s.updateStatus({ ...d, status: { ...d.status, observedGeneration: d.metadata?.generation ?? 0 } });
      }
      return;
    }
    const rsList = await this.#claimReplicaSets(d);
    if (d.metadata?.deletionTimestamp !== undefined) {
      const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
      await s.syncDeploymentStatus(newRS === undefined ? oldRSs : [...oldRSs, newRS], newRS, d);
      return;
    }
    await this.#checkPausedConditions(d);
    if (d.spec?.paused === true || await isScalingEvent(s, d, rsList)) {
      await syncScaleOnly(s, d, rsList);
      return;
    }
    if (d.spec?.strategy?.type === 'Recreate') {
      const uids = new Set(rsList.map((rs) => rs.metadata?.uid ?? ''));
      const pods = this.#podLister.namespace(namespace).list().filter((p) => uids.has(controllerRefOf(p)?.uid ?? '\0'));
      await rolloutRecreate(s, d, rsList, pods);
      return;
    }
    await rolloutRolling(s, d, rsList);
  }

  /** Records pause and resume in Progressing (Unknown), so the deadline does not run while paused. */
  async #checkPausedConditions(d: Deployment): Promise<void> {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASON.timedOut) return;
    const pausedRecorded = cond?.reason === REASON.paused;
    const now = this.#clock.now();
    if (d.spec?.paused === true && !pausedRecorded) {
      setCondition(d.status ??= {}, newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now));
    } else if (d.spec?.paused !== true && pausedRecorded) {
      setCondition(d.status ??= {}, newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now));
    } else {
      return;
    }
    await this.#syncer.updateStatus(d);
  }

  /** The ReplicaSets this Deployment controls after adoption and release. */
  async #claimReplicaSets(d: Deployment): Promise<ReplicaSet[]> {
    const namespace = d.metadata?.namespace ?? '';
    const selector = selectorOf(d.spec?.selector);
    if (selector === undefined) return [];
    const rsClient = this.#replicaSets.namespace(namespace);
    return claimObjects(d, selector, this.#rsLister.namespace(namespace).list(), {
      canAdopt: async () => {
        const fresh = await this.#deployments.namespace(namespace).get(d.metadata?.name ?? '');
        return fresh.metadata?.uid === d.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
      },
      adopt: async (rs) => {
        await rsClient.patch(rs.metadata?.name ?? '', 'strategic', adoptPatch(newControllerRef(d, 'apps/v1', 'Deployment'), rs.metadata?.uid ?? ''));
      },
      release: async (rs) => {
        await rsClient.patch(rs.metadata?.name ?? '', 'strategic', releasePatch(d.metadata?.uid ?? '', rs.metadata?.uid ?? ''));
      },
    });
  }
}

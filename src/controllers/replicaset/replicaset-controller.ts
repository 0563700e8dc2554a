// The ReplicaSet controller (upstream's pkg/controller/replicaset): keeps spec.replicas active
// pods matching the selector, adopting orphans and releasing pods that stop matching, and
// reports what it sees in status. Handlers enqueue keys; sync(key) reads listers only, and
// expectations keep it from acting again before the informer shows its own writes.

import type { Clock } from '../../api/clock.ts';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { UIDTrackingControllerExpectations } from '../../client/informers/expectations.ts';
import type { Lister } from '../../client/informers/lister.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown, metaNamespaceKey, splitMetaNamespaceKey } from '../../client/informers/store.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceClient } from '../../client/rest/resource-client.ts';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.ts';
import { runWorkers } from '../../client/workqueue/run-workers.ts';
import type { Controller, ControllerContext } from '../controller.ts';
import { adoptPatch, releasePatch } from './claim.ts';
import { claimPods } from './claim-pods.ts';
import { newEventRecorder, type EventRecorder } from '../../client/events/recorder.ts';
import { podEventHandler } from './handlers.ts';
import { manageReplicas } from './manage.ts';
import { indexPodsByController, orphanPods, podsControlledBy } from './pod-index.ts';
import { controllerRefOf, filterActivePods, newControllerRef, selectorOf } from './pod-utils.ts';
import { podTallyOf, type PodTally } from './pod-tally.ts';
import { PODS, REPLICA_SETS } from './resources.ts';
import { calculateStatus, statusUnchanged, type ManageError } from './status.ts';

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset';
  readonly queue: RateLimitingQueue<string>;
  readonly expectations: UIDTrackingControllerExpectations;
  readonly #clock: Clock;
  readonly #workers: number;
  readonly #rsInformer: SharedInformer<ReplicaSet>;
  readonly #podInformer: SharedInformer<Pod>;
  readonly #rsLister: Lister<ReplicaSet>;
  readonly #pods: ResourceClient<Pod>;
  readonly #replicaSets: ResourceClient<ReplicaSet>;
  readonly #recorder: EventRecorder;
  readonly #tally: PodTally;

  constructor(context: ControllerContext) {
    this.#clock = context.clock;
    this.#workers = context.options.concurrentReplicaSetSyncs;
    this.queue = new RateLimitingQueue<string>({ clock: context.clock });
    this.expectations = new UIDTrackingControllerExpectations(context.clock);
    this.#rsInformer = context.informers.forResource<ReplicaSet>(REPLICA_SETS);
    this.#podInformer = context.informers.forResource<Pod>(PODS);
    indexPodsByController(this.#podInformer);
    this.#tally = podTallyOf(this.#podInformer);
    this.#rsLister = this.#rsInformer.lister();
    const client: RestClient = context.client;
    this.#pods = client.resource<Pod>(PODS);
    this.#replicaSets = client.resource<ReplicaSet>(REPLICA_SETS);
    this.#recorder = newEventRecorder(client, context.clock, 'replicaset-controller', { apiVersion: 'apps/v1', kind: 'ReplicaSet' });
  }

  async run(signal: AbortSignal): Promise<void> {
    const enqueue = (key: string): void => this.queue.add(key);
    const regs = [
      this.#rsInformer.addEventHandler({
        onAdd: (rs) => enqueue(metaNamespaceKey(rs)),
        onUpdate: (_old, cur) => enqueue(metaNamespaceKey(cur)),
        onDelete: (obj) => {
          const key = obj instanceof DeletedFinalStateUnknown ? obj.key : metaNamespaceKey(obj);
          this.expectations.deleteExpectations(key);
          enqueue(key);
        },
      }),
      this.#podInformer.addEventHandler(podEventHandler({
        rsLister: this.#rsLister, expectations: this.expectations, enqueue,
        enqueueAfter: (key, ms) => this.queue.addAfter(key, ms),
      })),
    ];
    try {
      await runWorkers(this.queue, this.#workers, (key) => this.sync(key), signal);
    } finally {
      for (const reg of regs) reg.remove();
    }
  }

  /** Brings one ReplicaSet's pods and status in line with its spec; idempotent. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const rs = this.#rsLister.namespace(namespace).get(name);
    if (rs === undefined) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const needsSync = this.expectations.satisfiedExpectations(key);
    const selector = selectorOf(rs.spec?.selector);
    if (selector === undefined) return; // An invalid selector never heals by retrying.
    const uid = rs.metadata?.uid ?? '';
    // Only these can be claimed: pods controlled by another owner are ignored by the claim.
    const claimed = await claimPods(rs, selector, this.#tally.groups(namespace, uid), filterActivePods(orphanPods(this.#podInformer, namespace)), {
      canAdopt: async () => {
        const fresh = await this.#replicaSets.namespace(namespace).get(name);
        return fresh.metadata?.uid === rs.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
      },
      adopt: async (pod) => {
        await this.#pods.namespace(namespace).patch(pod.metadata?.name ?? '', 'strategic',
          adoptPatch(newControllerRef(rs, 'apps/v1', 'ReplicaSet'), pod.metadata?.uid ?? ''));
      },
      release: async (pod) => {
        await this.#pods.namespace(namespace).patch(pod.metadata?.name ?? '', 'strategic',
          releasePatch(uid, pod.metadata?.uid ?? ''));
      },
    });
    let manageError: ManageError | undefined;
    if (needsSync && rs.metadata?.deletionTimestamp === undefined) {
      manageError = await manageReplicas(rs, key, claimed.pods, {
        pods: this.#pods.namespace(namespace), expectations: this.expectations,
        relatedPods: () => this.#relatedPods(rs), nowMs: this.#clock.now(), recorder: this.#recorder,
      });
    }
    const status = calculateStatus(rs, claimed.counts, manageError, this.#clock.now());
    const updated = await this.#updateStatus(rs, status);
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (manageError === undefined && minReady > 0 && updated.readyReplicas === updated.replicas
      && updated.availableReplicas !== updated.replicas) {
      this.queue.addAfter(key, minReady * 1000);
    }
    if (manageError !== undefined) throw new Error(manageError.message);
  }

  /** Active pods of every ReplicaSet controlled by the same owner (for spreading scale-down). */
  #relatedPods(rs: ReplicaSet): Pod[] {
    const namespace = rs.metadata?.namespace ?? '';
    const owner = controllerRefOf(rs);
    const siblings = new Set<string>([rs.metadata?.uid ?? '']);
    if (owner !== undefined) {
      for (const other of this.#rsLister.namespace(namespace).list()) {
        if (controllerRefOf(other)?.uid === owner.uid) siblings.add(other.metadata?.uid ?? '');
      }
    }
    return [...siblings].flatMap((uid) => podsControlledBy(this.#podInformer, namespace, uid));
  }

  async #updateStatus(rs: ReplicaSet, status: ReplicaSet['status'] & object): Promise<typeof status> {
    if (statusUnchanged(rs, status)) return status;
    const next: ReplicaSet = { ...rs, status: { ...status, observedGeneration: rs.metadata?.generation ?? 0 } };
    const client = this.#replicaSets.namespace(rs.metadata?.namespace ?? '');
    try {
      const saved = await client.update(next, { subresource: 'status' });
      return saved.status ?? status;
    } catch (err) {
      // One retry on a fresh copy (upstream's statusUpdateRetries), then let the queue retry.
      if ((err as { code?: unknown }).code !== 409) throw err;
      const fresh = await client.get(rs.metadata?.name ?? '');
      const saved = await client.update({ ...fresh, status: { ...status, observedGeneration: fresh.metadata?.generation ?? 0 } }, { subresource: 'status' });
      return saved.status ?? status;
    }
  }
}

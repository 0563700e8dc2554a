// Taint-based eviction (upstream's taint eviction controller): a pod on a node with NoExecute
// taints is deleted at once when it tolerates one of them not at all, and otherwise when the
// shortest tolerationSeconds in use has passed since the controller first saw it tainted. A
// taint that goes away (the node came back) cancels the eviction. The pace of evictions per
// zone is set upstream of here, by how fast the lifecycle controller adds NoExecute taints.

import type { Clock } from '../../api/clock.ts';
import { isNotFound } from '../../api/status-predicates.ts';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown, metaNamespaceKey, splitMetaNamespaceKey } from '../../client/informers/store.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.ts';
import { runWorkers } from '../../client/workqueue/run-workers.ts';
import { indexPodsByNode, podsOnNode } from './pod-index.ts';
import { formatTime, PODS } from './resources.ts';
import { evictionDecision } from './tolerations.ts';

export interface TaintEvictionOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly nodes: SharedInformer<Node>;
  readonly pods: SharedInformer<Pod>;
  readonly workers?: number;
}

export class TaintEviction {
  readonly name = 'taint-eviction-controller';
  readonly #o: TaintEvictionOptions;
  readonly #queue: RateLimitingQueue<string>;
  /** Pod key → when the controller first saw it on a NoExecute-tainted node it tolerates for a while. */
  readonly #firstSeen = new Map<string, number>();

  constructor(options: TaintEvictionOptions) {
    this.#o = options;
    this.#queue = new RateLimitingQueue<string>({ clock: options.clock });
    indexPodsByNode(options.pods);
  }

  async run(signal: AbortSignal): Promise<void> {
    const enqueuePod = (obj: Pod | DeletedFinalStateUnknown<Pod>): void => {
      const pod = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
      if (pod.spec?.nodeName) this.#queue.add(metaNamespaceKey(pod));
    };
    const noExecute = (node: Node): string => JSON.stringify((node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
    const podReg = this.#o.pods.addEventHandler({ onAdd: enqueuePod, onUpdate: (_o, p) => enqueuePod(p), onDelete: enqueuePod });
    const nodeReg = this.#o.nodes.addEventHandler({
      onAdd: (node) => { if (noExecute(node) !== '[]') this.#enqueueNode(node); },
      onUpdate: (old, node) => { if (noExecute(old) !== noExecute(node)) this.#enqueueNode(node); },
      onDelete: (obj) => this.#enqueueNode(obj instanceof DeletedFinalStateUnknown ? obj.obj : obj),
    });
    try {
      await runWorkers(this.#queue, this.#o.workers ?? 4, (key, s) => this.sync(key, s), signal);
    } finally {
      podReg.remove();
      nodeReg.remove();
      this.#queue.shutDown();
    }
  }

  #enqueueNode(node: Node): void {
    for (const pod of podsOnNode(this.#o.pods, node.metadata?.name ?? '')) this.#queue.add(metaNamespaceKey(pod));
  }

  async sync(key: string, signal: AbortSignal): Promise<void> {
    const pod = this.#o.pods.indexer.getByKey(key);
    const nodeName = pod?.spec?.nodeName ?? '';
    if (pod === undefined || nodeName === '' || pod.metadata?.deletionTimestamp !== undefined) {
      this.#firstSeen.delete(key);
      return;
    }
    const decision = evictionDecision(pod, this.#o.nodes.lister().get(nodeName)?.spec?.taints ?? []);
    if (decision.kind === 'none') {
      this.#firstSeen.delete(key);
      return;
    }
    const now = this.#o.clock.now();
    if (decision.kind === 'after') {
      const since = this.#firstSeen.get(key) ?? now;
      this.#firstSeen.set(key, since);
      if (now < since + decision.delayMs) {
        this.#queue.addAfter(key, since + decision.delayMs - now);
        return;
      }
    }
    await this.#evict(pod, signal);
    this.#firstSeen.delete(key);
  }

  /** Marks the pod a disruption target (so owners and PDB logic know why), then deletes it gracefully. */
  async #evict(pod: Pod, signal: AbortSignal): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(metaNamespaceKey(pod));
    const pods = this.#o.client.resource<Pod>(PODS).namespace(namespace);
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: formatTime(this.#o.clock.now()) });
    try {
      await pods.patch(name, 'merge', { status: { conditions } }, { subresource: 'status', signal });
      await pods.delete(name, { signal, body: { preconditions: { uid: pod.metadata?.uid ?? '' } } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

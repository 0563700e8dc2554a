// The pod garbage collector (upstream's podgc): every period it force-deletes terminated pods
// over --terminated-pod-gc-threshold (oldest first), pods bound to nodes that no longer exist
// (once the node has been missing for a quarantine and a direct read confirms it), pods being
// deleted that were never scheduled, and pods past their grace on nodes whose kubelet cannot
// finish the deletion. Orphaned pods are first marked Failed with a DisruptionTarget condition,
// as upstream does, so their owners see why.

import { isNotFound } from '../../api/status-predicates.ts';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { waitForCacheSync } from '../../client/informers/shared-informer.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.ts';
import { formatTime, NODES, PODS } from './resources.ts';
import { missingNodes, terminatedOverThreshold, terminatingPastGrace, unscheduledTerminating } from './rules.ts';

export interface PodGcTiming {
  /** gcCheckPeriod: 20 s upstream. */
  readonly periodMs: number;
  /** How long a node must be missing before its pods count as orphaned: 40 s upstream. */
  readonly quarantineMs: number;
}

export const DEFAULT_POD_GC_TIMING: PodGcTiming = { periodMs: 20_000, quarantineMs: 40_000 };

export class PodGcController implements Controller {
  readonly name = 'pod-garbage-collector';
  readonly #c: ControllerContext;
  readonly #timing: PodGcTiming;
  readonly #pods: SharedInformer<Pod>;
  readonly #nodes: SharedInformer<Node>;
  /** Missing node name → when we first saw it missing. */
  readonly #missingSince = new Map<string, number>();

  constructor(context: ControllerContext, timing: PodGcTiming = DEFAULT_POD_GC_TIMING) {
    this.#c = context;
    this.#timing = timing;
    this.#pods = context.informers.forResource<Pod>(PODS);
    this.#nodes = context.informers.forResource<Node>(NODES);
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCacheSync(signal, this.#pods, this.#nodes))) return;
    let busy = false;
    const timer = this.#c.clock.every(this.#timing.periodMs, () => {
      if (busy || signal.aborted) return;
      busy = true;
      this.gc(signal).catch((err: unknown) => {
        if (!signal.aborted) process.stderr.write(`${this.name}: ${err instanceof Error ? err.message : String(err)}\n`);
      }).finally(() => { busy = false; });
    });
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    timer.cancel();
  }

  /** One collection pass. */
  async gc(signal: AbortSignal): Promise<void> {
    const pods = this.#pods.lister().list();
    const now = this.#c.clock.now();
    const nodes = this.#nodes.lister();
    for (const pod of terminatedOverThreshold(pods, this.#c.options.terminatedPodGcThreshold)) await this.#forceDelete(pod, signal);
    for (const pod of await this.#orphaned(pods, now, signal)) {
      await this.#markFailed(pod, 'PodGC: node no longer exists', signal);
      await this.#forceDelete(pod, signal);
    }
    for (const pod of unscheduledTerminating(pods)) await this.#forceDelete(pod, signal);
    for (const pod of terminatingPastGrace(pods, (n) => nodes.get(n), now)) await this.#forceDelete(pod, signal);
  }

  /** Pods on nodes missing for the whole quarantine and confirmed gone by a direct read. */
  async #orphaned(pods: readonly Pod[], now: number, signal: AbortSignal): Promise<Pod[]> {
    const missing = missingNodes(pods, (name) => this.#nodes.lister().get(name) !== undefined);
    for (const name of this.#missingSince.keys()) if (!missing.has(name)) this.#missingSince.delete(name);
    const gone = new Set<string>();
    for (const name of missing) {
      const since = this.#missingSince.get(name) ?? now;
      this.#missingSince.set(name, since);
      if (now - since < this.#timing.quarantineMs) continue;
      try {
        await this.#c.client.resource<Node>(NODES).get(name, { signal });
        this.#missingSince.delete(name); // it exists after all: the cache lagged
      } catch (err) {
        if (!isNotFound(err)) throw err;
        gone.add(name);
      }
    }
    return pods.filter((p) => gone.has(p.spec?.nodeName ?? ''));
  }

  async #markFailed(pod: Pod, message: string, signal: AbortSignal): Promise<void> {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message, lastTransitionTime: formatTime(this.#c.clock.now()) });
    try {
      await this.#c.client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '')
        .patch(pod.metadata?.name ?? '', 'merge', { status: { phase: 'Failed', conditions } }, { subresource: 'status', signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async #forceDelete(pod: Pod, signal: AbortSignal): Promise<void> {
    try {
      await this.#c.client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '')
        .delete(pod.metadata?.name ?? '', { signal, body: { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid ?? '' } } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export const podGcController: ControllerFactory = (context) => new PodGcController(context);

/** The same controller with other timing (tests, or a flag). */
export function podGcControllerWith(timing: PodGcTiming): ControllerFactory {
  return (context) => new PodGcController(context, timing);
}

// The namespace controller (upstream's pkg/controller/namespace): for a namespace being deleted
// that still carries the `kubernetes` finalizer in spec.finalizers, it empties the namespace,
// reports progress in the NamespaceDeletion* conditions, and, once nothing is left, removes the
// finalizer through the `finalize` subresource; the API server then deletes the namespace.
// While content remains the key is retried with a per-item backoff (5 ms doubling to 60 s, as
// upstream's nsControllerRateLimiter).

import type { Namespace } from '../../api/types/core/v1/index.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { isNotFound, isConflict } from '../../api/status-predicates.ts';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter, MaxOfRateLimiter } from '../../client/workqueue/rate-limiters.ts';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.ts';
import { runWorkers } from '../../client/workqueue/run-workers.ts';
import type { Controller, ControllerContext } from '../controller.ts';
import { conditionsFor, mergeConditions } from './conditions.ts';
import { deleteAllContent, isEmpty } from './content-deleter.ts';

export const FINALIZER_KUBERNETES = 'kubernetes';
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;

/** Thrown to retry a namespace whose content is not gone yet (not logged as a failure). */
class ContentRemaining extends Error {}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class NamespaceController implements Controller {
  readonly name = 'namespace';
  readonly #ctx: ControllerContext;
  readonly #informer: SharedInformer<Namespace>;
  readonly #queue: RateLimitingQueue<string>;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#informer = ctx.informers.forResource<Namespace>(NAMESPACES);
    this.#queue = new RateLimitingQueue<string>({
      clock: ctx.clock,
      rateLimiter: new MaxOfRateLimiter<string>(new ItemExponentialFailureRateLimiter(5, 60_000), new BucketRateLimiter(10, 100, ctx.clock)),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    const enqueue = (ns: Namespace): void => {
      if (ns.metadata?.deletionTimestamp !== undefined && ns.metadata.name !== undefined) this.#queue.add(ns.metadata.name);
    };
    const registration = this.#informer.addEventHandler({ onAdd: enqueue, onUpdate: (_old, ns) => enqueue(ns) });
    try {
      await runWorkers(this.#queue, this.#ctx.options.concurrentNamespaceSyncs, (key, s) => this.sync(key, s), signal, {
        onError: (key, err) => {
          if (!(err instanceof ContentRemaining)) process.stderr.write(`namespace controller: ${key}: ${err instanceof Error ? err.message : String(err)}\n`);
        },
      });
    } finally {
      registration.remove();
    }
  }

  /** Idempotent: reads the namespace from the cache, acts only on one being deleted. */
  async sync(name: string, signal: AbortSignal): Promise<void> {
    const cached = this.#informer.lister().get(name);
    if (cached?.metadata?.deletionTimestamp === undefined) return;
    if (!(cached.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const client = this.#ctx.client.resource<Namespace>(NAMESPACES);
    const report = await deleteAllContent(this.#ctx.client, name, signal);
    await this.#updateConditions(name, conditionsFor(report), signal);
    if (!isEmpty(report)) throw new ContentRemaining(`namespace ${name}: content remains`);
    // Finalize against the latest copy: the finalize subresource replaces spec.finalizers.
    try {
      const latest = await client.get(name, { signal });
      const finalizers = (latest.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
      await client.update({ ...latest, spec: { ...latest.spec, finalizers } }, { subresource: 'finalize', signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async #updateConditions(name: string, fresh: ReturnType<typeof conditionsFor>, signal: AbortSignal): Promise<void> {
    const client = this.#ctx.client.resource<Namespace>(NAMESPACES);
    for (let attempt = 0; attempt < 3; attempt++) {
      let latest: Namespace;
      try {
        latest = await client.get(name, { signal });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      const conditions = mergeConditions(latest.status?.conditions ?? [], fresh, rfc3339(this.#ctx.clock.now()));
      if (conditions === undefined) return;
      try {
        await client.update({ ...latest, status: { ...latest.status, conditions } }, { subresource: 'status', signal });
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err)) throw err;
      }
    }
  }
}

export function newNamespaceController(ctx: ControllerContext): Controller {
  return new NamespaceController(ctx);
}

// The worker loop every controller runs (upstream's `for processNextWorkItem() {}` in n
// goroutines): take a key, sync it, forget it on success, retry it rate-limited on failure,
// always mark it done. The queue guarantees no key is synced by two workers at once.

import type { RateLimitingQueue } from './rate-limiting-queue.ts';

export interface RunWorkersOptions<T> {
  /** Told of every failed sync (upstream's utilruntime.HandleError); defaults to stderr. */
  readonly onError?: (item: T, error: unknown) => void;
  /**
   * Failures after which an item is dropped instead of retried (forgotten, not requeued), as
   * controllers with a maxRetries do. Unbounded when absent.
   */
  readonly maxRetries?: number;
}

function logError(item: unknown, error: unknown): void {
  process.stderr.write(`workqueue: sync of ${String(item)} failed: ${error instanceof Error ? error.message : String(error)}\n`);
}

/**
 * Runs `workers` loops over `queue` until `signal` aborts. Aborting shuts the queue down: no
 * worker takes a new item, syncs in flight are told through the signal they get and awaited,
 * and the returned promise settles once every worker has stopped.
 */
export async function runWorkers<T>(
  queue: RateLimitingQueue<T>,
  workers: number,
  sync: (item: T, signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
  options: RunWorkersOptions<T> = {},
): Promise<void> {
  const onError = options.onError ?? logError;
  const onAbort = (): void => queue.shutDown();
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });

  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await queue.get();
      if (next.shutdown) return;
      const item = next.item;
      try {
        // An abort while the item waited in the queue: leave it, as the queue is shut down.
        if (signal.aborted) return;
        await sync(item, signal);
        queue.forget(item);
      } catch (error) {
        if (!signal.aborted) onError(item, error);
        if (options.maxRetries !== undefined && queue.numRequeues(item) >= options.maxRetries) queue.forget(item);
        else queue.addRateLimited(item);
      } finally {
        queue.done(item);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, () => worker()));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

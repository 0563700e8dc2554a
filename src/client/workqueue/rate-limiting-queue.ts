// The queue controllers use (client-go's TypedRateLimitingInterface): a delaying work queue
// whose retries wait as long as the rate limiter says. A worker calls addRateLimited(key) when
// sync(key) failed and forget(key) when it succeeded, so the per-item backoff starts over.

import { realClock, type Clock } from '../../api/clock.ts';
import { DelayingQueue } from './delaying-queue.ts';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.ts';

export interface RateLimitingQueueOptions<T> {
  readonly clock?: Clock;
  /** Defaults to defaultControllerRateLimiter() on the same clock. */
  readonly rateLimiter?: RateLimiter<T>;
}

export class RateLimitingQueue<T> extends DelayingQueue<T> {
  readonly #limiter: RateLimiter<T>;

  constructor(options: RateLimitingQueueOptions<T> = {}) {
    const clock = options.clock ?? realClock;
    super(clock);
    this.#limiter = options.rateLimiter ?? defaultControllerRateLimiter<T>(clock);
  }

  /** Adds `item` once the rate limiter allows; counts as one more failure of it. */
  addRateLimited(item: T): void {
    this.addAfter(item, this.#limiter.when(item));
  }

  /** Stops tracking the failures of `item`; it does not remove it from the queue. */
  forget(item: T): void {
    this.#limiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.#limiter.numRequeues(item);
  }
}

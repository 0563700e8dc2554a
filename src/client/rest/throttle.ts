// The client-side rate limit of a RestClient (client-go's rest.Config QPS and Burst): a token
// bucket that starts full with `burst` tokens and refills at `qps` per second; every request
// takes one before it is sent, waiting for it when the bucket is empty. Requests wait in the
// order they asked (each reserves its token at once, the later ones further in the future).

import type { Clock } from '../../api/clock.ts';
import { BucketRateLimiter } from '../workqueue/rate-limiters.ts';

export class RequestThrottle {
  readonly #bucket: BucketRateLimiter<void>;
  readonly #clock: Clock;

  /** `qps` > 0; `burst` below 1 counts as 1. */
  constructor(qps: number, burst: number, clock: Clock) {
    if (!(qps > 0)) throw new Error(`request throttle: qps must be positive, not ${qps}`);
    this.#bucket = new BucketRateLimiter<void>(qps, Math.max(1, Math.floor(burst)), clock);
    this.#clock = clock;
  }

  /**
   * Resolves when this request may be sent; rejects with the signal's reason if it aborts first
   * (the token stays spent, as a cancelled reservation in Go's limiter is not always returned).
   */
  wait(signal?: AbortSignal): Promise<void> {
    return this.take(signal) ?? Promise.resolve();
  }

  /**
   * wait() without a promise when there is nothing to wait for: undefined when the request may
   * be sent at once (its token was free), else what wait() answers.
   */
  take(signal?: AbortSignal): Promise<void> | undefined {
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    const ms = this.#bucket.when(undefined);
    if (ms <= 0) return undefined;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        timer.cancel();
        reject(signal?.reason);
      };
      const timer = this.#clock.after(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

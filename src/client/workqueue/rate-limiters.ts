// How long an item waits before it is retried (client-go's workqueue rate limiters). Delays are
// in milliseconds. The default for controllers is the larger of a per-item exponential backoff
// (5 ms doubling to 1000 s) and an overall token bucket (10 per second, bursts of 100), so one
// failing item backs off alone while a storm of failures is throttled as a whole.

import { realClock, type Clock } from '../../api/clock.ts';

export interface RateLimiter<T> {
  /** The delay before `item` may be retried; counts as one more failure of it. */
  when(item: T): number;
  /** Forgets the failures of `item` (it succeeded, or was given up). */
  forget(item: T): void;
  /** How many times `item` has failed since it was last forgotten. */
  numRequeues(item: T): number;
}

/** base * 2^failures, capped at max. */
export class ItemExponentialFailureRateLimiter<T> implements RateLimiter<T> {
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #failures = new Map<T, number>();

  constructor(baseMs: number, maxMs: number) {
    this.#baseMs = baseMs;
    this.#maxMs = maxMs;
  }

  when(item: T): number {
    const failures = this.#failures.get(item) ?? 0;
    this.#failures.set(item, failures + 1);
    const backoff = this.#baseMs * 2 ** failures;
    return Number.isFinite(backoff) && backoff <= this.#maxMs ? backoff : this.#maxMs;
  }

  forget(item: T): void {
    this.#failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.#failures.get(item) ?? 0;
  }
}

/** `fast` for the first `maxFastAttempts` failures of an item, `slow` afterwards. */
export class ItemFastSlowRateLimiter<T> implements RateLimiter<T> {
  readonly #fastMs: number;
  readonly #slowMs: number;
  readonly #maxFastAttempts: number;
  readonly #failures = new Map<T, number>();

  constructor(fastMs: number, slowMs: number, maxFastAttempts: number) {
    this.#fastMs = fastMs;
    this.#slowMs = slowMs;
    this.#maxFastAttempts = maxFastAttempts;
  }

  when(item: T): number {
    const failures = (this.#failures.get(item) ?? 0) + 1;
    this.#failures.set(item, failures);
    return failures <= this.#maxFastAttempts ? this.#fastMs : this.#slowMs;
  }

  forget(item: T): void {
    this.#failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.#failures.get(item) ?? 0;
  }
}

/**
 * A token bucket shared by all items (Go's rate.Limiter as client-go uses it): it starts full,
 * refills at `qps`, holds at most `burst`; each when() reserves a token, going into debt when
 * none is left, and answers how long until that token exists. It never forgets.
 */
export class BucketRateLimiter<T> implements RateLimiter<T> {
  readonly #qps: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #last: number | undefined;

  constructor(qps: number, burst: number, clock: Clock = realClock) {
    this.#qps = qps;
    this.#burst = burst;
    this.#clock = clock;
    this.#tokens = burst;
  }

  when(_item: T): number {
    const now = this.#clock.now();
    const elapsed = this.#last === undefined ? 0 : Math.max(0, now - this.#last);
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed / 1000) * this.#qps) - 1;
    this.#last = now;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.#qps) * 1000;
  }

  forget(_item: T): void {
    // The bucket is shared: one item's success returns nothing to it.
  }

  numRequeues(_item: T): number {
    return 0;
  }
}

/** The longest delay of several limiters; forget() and numRequeues() consult them all. */
export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  readonly #limiters: readonly RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.#limiters = limiters;
  }

  when(item: T): number {
    // Every limiter must count the failure, so none is skipped.
    return this.#limiters.reduce((longest, limiter) => Math.max(longest, limiter.when(item)), 0);
  }

  forget(item: T): void {
    for (const limiter of this.#limiters) limiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.#limiters.reduce((most, limiter) => Math.max(most, limiter.numRequeues(item)), 0);
  }
}

/** client-go's DefaultTypedControllerRateLimiter: max(5 ms..1000 s per item, 10 qps burst 100). */
export function defaultControllerRateLimiter<T>(clock: Clock = realClock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(
    new ItemExponentialFailureRateLimiter<T>(5, 1000 * 1000),
    new BucketRateLimiter<T>(10, 100, clock),
  );
}

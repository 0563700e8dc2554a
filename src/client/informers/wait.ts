// Waiting on the injected clock (the parts of apimachinery's util/wait the client needs): a
// sleep that an abort cuts short, jitter, and the exponential backoff manager reflectors use.

import type { Clock } from '../../api/clock.ts';

/** Resolves after `ms` on `clock`, or at once when `signal` aborts; never rejects. The timer is freed either way. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted === true) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      timer.cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.after(ms, done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `ms` plus up to `factor * ms` more, at random (wait.Jitter). */
export function jitter(ms: number, factor: number, random: () => number = Math.random): number {
  return factor > 0 ? ms + random() * factor * ms : ms;
}

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Each delay is stretched by up to this fraction of itself. */
  readonly jitter: number;
  /** After this long without a backoff, the next one starts from initialMs again. */
  readonly resetMs: number;
}

/** client-go's reflector defaults: 800 ms doubling to 30 s, jitter 1.0, reset after 2 minutes. */
export const REFLECTOR_BACKOFF: BackoffOptions = { initialMs: 800, maxMs: 30_000, factor: 2, jitter: 1, resetMs: 120_000 };

/** Delays that grow by `factor` up to `maxMs`, starting over after a quiet `resetMs` (wait's ExponentialBackoffManager). */
export class ExponentialBackoff {
  readonly #options: BackoffOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  #current: number;
  #lastStart: number | undefined;

  constructor(options: BackoffOptions, clock: Clock, random: () => number = Math.random) {
    this.#options = options;
    this.#clock = clock;
    this.#random = random;
    this.#current = options.initialMs;
  }

  /** The next delay to wait, in ms. */
  next(): number {
    const now = this.#clock.now();
    if (this.#lastStart === undefined || now - this.#lastStart > this.#options.resetMs) this.#current = this.#options.initialMs;
    this.#lastStart = now;
    const base = this.#current;
    this.#current = Math.min(base * this.#options.factor, this.#options.maxMs);
    return jitter(base, this.#options.jitter, this.#random);
  }
}

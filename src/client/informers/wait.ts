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

export interface PollOptions {
  /** Give up after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** Between tries (default 200 ms). */
  readonly intervalMs?: number;
  /** More to say when it times out (e.g. the tail of a server's log). */
  readonly context?: () => string;
}

/**
 * Calls `probe` until it yields a value (anything but undefined or false) and returns that
 * value, as apimachinery's wait.PollUntilContextTimeout polls a condition. A probe that throws
 * counts as "not yet"; on timeout the error names `what` and the probe's last error.
 */
export async function pollUntil<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, options: PollOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const context = options.context?.() ?? '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}${context === '' ? '' : `\n${context}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}

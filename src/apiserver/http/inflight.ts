// How many API requests run at once (upstream's --max-requests-inflight and
// --max-mutating-requests-inflight): read-only requests (get, list) and mutating ones (the other
// verbs) each have a number of seats. Long-running requests (watches, exec, attach,
// port-forward, proxy, logs) take none, nor do requests of system:masters.
//
// Upstream's legacy filter refuses a request with 429 when its pool is full; upstream's
// default, priority and fairness, queues it instead and never holds up system:masters (its
// exempt level). This does the same, first come first served: a request waits for a seat at
// most 15 s (a quarter of upstream's 60 s request timeout, APF's wait limit) and at most
// WAITING_PER_POOL wait in a pool; past either it is answered as upstream answers (429, "Too
// many requests, please try again later.", Retry-After: 1).
//
// On a server with one event loop, the seats bound how many requests hold their decoded bodies,
// objects and responses in the heap at once: a burst past them waits its turn rather than
// growing the heap the garbage collector must copy.

import { realClock, type Clock, type Timer } from '../../api/clock.ts';
import type { MetricsRegistry } from '../../client/metrics/registry.ts';
import type { Gauge } from '../../client/metrics/metric.ts';
import type { RequestInfo } from '../endpoints/request-info.ts';
import type { User } from './types.ts';

/** Upstream's default for --max-requests-inflight. */
export const DEFAULT_MAX_REQUESTS_INFLIGHT = 400;
/**
 * Upstream's default for --max-mutating-requests-inflight. (From 2026-11-26 17:30 to 20:40 it was
 * 32 here: fewer seats made pods faster while node's 64 KiB HTTP/2 windows throttled clients;
 * with client-go's windows, 64 to 200 seats or none do as well, and 32 is 7 % slower.)
 */
export const DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT = 200;

export interface InflightOptions {
  /** Read-only requests served at once (0: no limit). */
  readonly maxReadOnly: number;
  /** Mutating requests served at once (0: no limit). */
  readonly maxMutating: number;
  /** How long a request waits for a seat before it is refused (default 15 s). */
  readonly maxWaitMs?: number;
  readonly clock?: Clock;
  /** Where apiserver_current_inflight_requests goes (see publish). */
  readonly metrics?: MetricsRegistry;
}

/** Requests that may wait in one pool; later ones are refused at once. */
export const WAITING_PER_POOL = 2000;

/** What upstream's filter answers (Go's http.Error: text, not a Status). */
export const TOO_MANY_REQUESTS = 'Too many requests, please try again later.\n';

/** Upstream's long-running subresources (its BasicLongRunningRequestCheck). */
const LONG_RUNNING_SUBRESOURCES = new Set(['attach', 'exec', 'log', 'portforward', 'proxy']);

/** Whether a request is served without a seat: it may stay open for as long as the client wants. */
export function isLongRunning(info: RequestInfo): boolean {
  return info.kind === 'resource' && (info.verb === 'watch' || info.verb === 'connect' || LONG_RUNNING_SUBRESOURCES.has(info.subresource));
}

/** Upstream's non-mutating verbs (get, list, watch); other requests read when they GET. */
export function isReadOnly(info: RequestInfo, method: string): boolean {
  if (info.kind === 'resource') return info.verb === 'get' || info.verb === 'list' || info.verb === 'watch';
  return method === 'GET' || method === 'HEAD';
}

/** A request that found no seat in time, or found its pool's queue full. */
export class TooManyRequests extends Error {
  constructor(pool: 'readOnly' | 'mutating') {
    super(`too many ${pool === 'readOnly' ? 'read-only' : 'mutating'} requests in flight`);
    this.name = 'TooManyRequests';
  }
}

interface Waiter {
  readonly admit: () => void;
  timer: Timer | undefined;
  /** Set once the waiter left the queue (admitted, timed out or its client left). */
  done: boolean;
}

/** One kind's seats and the requests waiting for one, oldest first. */
class Pool {
  readonly #kind: 'readOnly' | 'mutating';
  readonly #seats: number;
  readonly #maxWaitMs: number;
  readonly #clock: Clock;
  #busy = 0;
  /** The most seats taken at once since takePeak last ran. */
  #peak = 0;
  /** FIFO: entries before #head have left. */
  #waiting: Waiter[] = [];
  #head = 0;
  #queued = 0;

  constructor(kind: 'readOnly' | 'mutating', seats: number, maxWaitMs: number, clock: Clock) {
    this.#kind = kind;
    this.#seats = seats;
    this.#maxWaitMs = maxWaitMs;
    this.#clock = clock;
  }

  get busy(): number {
    return this.#busy;
  }

  get waiting(): number {
    return this.#queued;
  }

  /**
   * Takes a seat: at once (undefined) when one is free, else a promise of one. The request's
   * signal is asked for only when it has to wait: making it costs, and most requests never do.
   */
  acquire(signalOf: () => AbortSignal): Promise<void> | undefined {
    if (this.#busy < this.#seats) {
      this.#busy++;
      if (this.#busy > this.#peak) this.#peak = this.#busy;
      return undefined;
    }
    if (this.#queued >= WAITING_PER_POOL) return Promise.reject(new TooManyRequests(this.#kind));
    const signal = signalOf();
    if (signal.aborted) return Promise.reject(new Error('the client went away before its request got a seat'));
    return new Promise<void>((resolve, reject) => {
      const leave = (error: Error): void => {
        if (waiter.done) return;
        waiter.done = true;
        waiter.timer?.cancel();
        this.#queued--;
        signal.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = (): void => leave(new Error('the client went away while its request waited for a seat'));
      const waiter: Waiter = {
        admit: () => {
          waiter.timer?.cancel();
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        timer: undefined,
        done: false,
      };
      waiter.timer = this.#clock.after(this.#maxWaitMs, () => leave(new TooManyRequests(this.#kind)));
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#queued++;
    });
  }

  /** The most seats taken at once since the last call. */
  takePeak(): number {
    const peak = this.#peak;
    this.#peak = this.#busy;
    return peak;
  }

  /** Gives the seat to the oldest request still waiting, or frees it. */
  release(): void {
    while (this.#head < this.#waiting.length) {
      const next = this.#waiting[this.#head] as Waiter;
      this.#head++;
      if (next.done) continue;
      next.done = true;
      this.#queued--;
      this.#compact();
      next.admit();
      return;
    }
    this.#compact();
    this.#busy--;
  }

  /** Drops the entries that left, once they are most of the array. */
  #compact(): void {
    if (this.#head === this.#waiting.length) {
      this.#waiting = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
  }
}

export class InflightLimiter {
  readonly #readOnly: Pool | undefined;
  readonly #mutating: Pool | undefined;
  readonly #gauge: Gauge<'request_kind'> | undefined;

  constructor(options: InflightOptions) {
    const wait = options.maxWaitMs ?? 15_000;
    const clock = options.clock ?? realClock;
    this.#readOnly = options.maxReadOnly > 0 ? new Pool('readOnly', options.maxReadOnly, wait, clock) : undefined;
    this.#mutating = options.maxMutating > 0 ? new Pool('mutating', options.maxMutating, wait, clock) : undefined;
    this.#gauge = options.metrics?.gauge({
      name: 'apiserver_current_inflight_requests',
      help: '[STABLE] Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
      labelNames: ['request_kind'],
    });
    this.publish();
  }

  /** Sets apiserver_current_inflight_requests to each pool's peak since the last call (call every second). */
  publish(): void {
    this.#gauge?.set({ request_kind: 'readOnly' }, this.#readOnly?.takePeak() ?? 0);
    this.#gauge?.set({ request_kind: 'mutating' }, this.#mutating?.takePeak() ?? 0);
  }

  /** Seats taken and requests waiting, per kind (upstream's apiserver_current_inflight_requests is the first). */
  stats(): { readOnly: { busy: number; waiting: number }; mutating: { busy: number; waiting: number } } {
    const of = (pool: Pool | undefined): { busy: number; waiting: number } => ({ busy: pool?.busy ?? 0, waiting: pool?.waiting ?? 0 });
    return { readOnly: of(this.#readOnly), mutating: of(this.#mutating) };
  }

  /**
   * Runs `serve` in a seat of the request's pool, waiting for one if need be. Rejects with
   * TooManyRequests when none came in time (serve is not called then), or with another error
   * when the client left while waiting.
   */
  async run<T>(info: RequestInfo, method: string, user: User, signal: () => AbortSignal, serve: () => Promise<T>): Promise<T> {
    const pool = isLongRunning(info) || user.groups.includes('system:masters') ? undefined : isReadOnly(info, method) ? this.#readOnly : this.#mutating;
    if (pool === undefined) return await serve();
    const waiting = pool.acquire(signal);
    if (waiting !== undefined) await waiting;
    try {
      return await serve();
    } finally {
      pool.release();
    }
  }
}

// Lease-based leader election with client-go's LeaderElector semantics:
//  - acquire: try at once, then every retryPeriod (jittered by up to 1.2x) until the lock is
//    free (no holder) or expired, then take it with an update guarded by its resourceVersion;
//  - lead: onStartedLeading(signal) runs while the lease is renewed every retryPeriod; a renewal
//    keeps retrying for up to renewDeadline, after which leadership is lost and the signal aborts;
//  - expiry is judged by local time: a lease counts as held until leaseDuration has passed since
//    this candidate last *saw it change*, so clocks need not agree between candidates;
//  - stop: when run()'s signal aborts, leading stops and, with releaseOnCancel, the lease is
//    released (holder cleared) so another candidate takes over at its next try, not after expiry.
// Unlike upstream, the elector waits for the promise of onStartedLeading to settle before it
// releases the lease, so two leaders never work at once. onStoppedLeading is called whenever
// run() ends, led or not, as upstream does.

import { realClock, type Clock } from '../../api/clock.ts';
import { isConflict, isNotFound } from '../../api/status-predicates.ts';
import { jitter, sleep } from '../informers/wait.ts';
import { microTime, type LeaderElectionRecord, type ResourceLock } from './lease-lock.ts';

export const JITTER_FACTOR = 1.2;

export interface LeaderCallbacks {
  /** Runs the leader's work until `signal` aborts (leadership lost or run() stopping). */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  onStoppedLeading(): void;
  /** Told whenever the observed holder changes (including to this candidate, and to "" after a release). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  readonly lock: ResourceLock;
  readonly callbacks: LeaderCallbacks;
  /** How long others wait after the last observed change before taking the lease (default 15 s). */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps retrying a renewal before it gives up (default 10 s). */
  readonly renewDeadlineMs?: number;
  /** The pause between attempts (default 2 s). */
  readonly retryPeriodMs?: number;
  /** Clear the holder when run()'s signal aborts (only safe if the work stops with it). */
  readonly releaseOnCancel?: boolean;
  readonly name?: string;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Told of failed lock operations (defaults to stderr). */
  readonly onError?: (message: string, error: unknown) => void;
}

const EMPTY: LeaderElectionRecord = { holderIdentity: '', leaseDurationSeconds: 0, leaderTransitions: 0 };

/** Resolves with the promise's value, or `fallback` once `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, fallback: T): Promise<T> {
  if (signal.aborted) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(fallback);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}

export class LeaderElector {
  readonly #config: LeaderElectionConfig;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #leaseDurationMs: number;
  readonly #renewDeadlineMs: number;
  readonly #retryPeriodMs: number;
  #observed: LeaderElectionRecord = EMPTY;
  #observedRaw = '';
  #observedTime = 0;
  #reportedLeader = '';

  /** Checks the timings as upstream's NewLeaderElector does; does no I/O. */
  constructor(config: LeaderElectionConfig) {
    this.#config = config;
    this.#clock = config.clock ?? realClock;
    this.#random = config.random ?? Math.random;
    this.#leaseDurationMs = config.leaseDurationMs ?? 15_000;
    this.#renewDeadlineMs = config.renewDeadlineMs ?? 10_000;
    this.#retryPeriodMs = config.retryPeriodMs ?? 2_000;
    if (this.#leaseDurationMs <= this.#renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
    if (this.#renewDeadlineMs <= JITTER_FACTOR * this.#retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (this.#retryPeriodMs < 1) throw new Error('retryPeriod must be greater than zero');
    if (config.lock.identity === '') throw new Error('the lock\'s identity must not be empty');
  }

  /** Whether the last observed holder is this candidate. */
  isLeader(): boolean {
    return this.#observed.holderIdentity === this.#config.lock.identity;
  }

  /** The last observed holder ("" when none). */
  getLeader(): string {
    return this.#observed.holderIdentity;
  }

  /** For health checks: an error once a leader has failed to renew for leaseDuration + `toleranceMs`. */
  check(toleranceMs: number): Error | undefined {
    if (!this.isLeader()) return undefined;
    if (this.#clock.now() - this.#observedTime > this.#leaseDurationMs + toleranceMs) {
      return new Error(`failed election to renew leadership on lease ${this.#config.name ?? this.#config.lock.describe()}`);
    }
    return undefined;
  }

  /** Contends, leads while it can, and returns when leadership is lost or `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    try {
      if (!(await this.#acquire(signal))) return;
      const leading = new AbortController();
      const stopLeading = (): void => leading.abort();
      signal.addEventListener('abort', stopLeading, { once: true });
      let work: Promise<void> = Promise.resolve();
      try {
        if (!signal.aborted) {
          work = Promise.resolve()
            .then(() => this.#config.callbacks.onStartedLeading(leading.signal))
            .catch((err: unknown) => this.#error('the leader\'s work failed', err));
        }
        await this.#renew(leading.signal);
      } finally {
        signal.removeEventListener('abort', stopLeading);
        leading.abort();
        await work;
      }
      if (this.#config.releaseOnCancel === true) await this.#release();
    } finally {
      this.#config.callbacks.onStoppedLeading();
    }
  }

  async #acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const acquired = await this.#tryAcquireOrRenew(signal);
      this.#maybeReportTransition();
      if (acquired) return true;
      await sleep(this.#clock, jitter(this.#retryPeriodMs, JITTER_FACTOR, this.#random), signal);
    }
    return false;
  }

  async #renew(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const renewed = await this.#renewBeforeDeadline(signal);
      this.#maybeReportTransition();
      if (!renewed) return;
      await sleep(this.#clock, this.#retryPeriodMs, signal);
    }
  }

  /**
   * Retries every retryPeriod until a renewal succeeds; false once renewDeadline passes or
   * `signal` aborts. An attempt in flight when `signal` aborts is let finish (it is bounded by
   * the deadline): cut short, its write could land unseen and leave the lock's resourceVersion
   * stale, and the release that follows would fail with a conflict.
   */
  async #renewBeforeDeadline(signal: AbortSignal): Promise<boolean> {
    const deadline = new AbortController();
    const timer = this.#clock.after(this.#renewDeadlineMs, () => deadline.abort());
    const either = AbortSignal.any([deadline.signal, signal]);
    try {
      while (!either.aborted) {
        if (await raceAbort(this.#tryAcquireOrRenew(deadline.signal), deadline.signal, false)) return !signal.aborted;
        await sleep(this.#clock, this.#retryPeriodMs, either);
      }
      return false;
    } finally {
      timer.cancel();
    }
  }

  /** One attempt to take or keep the lock; never throws. */
  async #tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const lock = this.#config.lock;
    const now = this.#clock.now();
    const desired: LeaderElectionRecord = {
      holderIdentity: lock.identity, leaseDurationSeconds: Math.floor(this.#leaseDurationMs / 1000),
      acquireTime: microTime(now), renewTime: microTime(now), leaderTransitions: 0,
    };
    // 1. The leader renews over the object it wrote last; a conflict falls back to reading.
    if (this.isLeader() && this.#isLeaseValid(now)) {
      const renewal = { ...desired, ...this.#kept(this.#observed), leaderTransitions: this.#observed.leaderTransitions };
      try {
        await lock.update(renewal, signal);
        this.#setObserved(renewal);
        return true;
      } catch (err) {
        this.#error(`failed to update lock ${lock.describe()} optimistically, falling back to slow path`, err);
      }
    }
    // 2. Read the lock, creating it when there is none.
    let current: { record: LeaderElectionRecord; raw: string };
    try {
      current = await lock.get(signal);
    } catch (err) {
      if (!isNotFound(err)) {
        this.#error(`error retrieving resource lock ${lock.describe()}`, err);
        return false;
      }
      try {
        await lock.create(desired, signal);
      } catch (createErr) {
        this.#error('error initially creating leader election record', createErr);
        return false;
      }
      this.#setObserved(desired);
      return true;
    }
    // 3. A change restarts the expiry clock; a valid lease held by another is left alone.
    if (current.raw !== this.#observedRaw) {
      this.#setObserved(current.record);
      this.#observedRaw = current.raw;
    }
    if (current.record.holderIdentity !== '' && this.#isLeaseValid(now) && !this.isLeader()) return false;
    // 4. Take it (counting a transition) or keep it.
    const record = this.isLeader()
      ? { ...desired, ...this.#kept(current.record), leaderTransitions: current.record.leaderTransitions }
      : { ...desired, leaderTransitions: current.record.leaderTransitions + 1 };
    try {
      await lock.update(record, signal);
    } catch (err) {
      this.#error(`failed to update lock ${lock.describe()}`, err);
      return false;
    }
    this.#setObserved(record);
    return true;
  }

  /**
   * Clears the holder if this candidate holds the lock; bounded by renewDeadline. A conflict
   * (the Lease changed since it was last seen) is checked once against a fresh read: the lease
   * is released only if this candidate still holds it.
   */
  async #release(): Promise<void> {
    if (!this.isLeader()) return;
    const now = this.#clock.now();
    const record: LeaderElectionRecord = {
      holderIdentity: '', leaseDurationSeconds: 1, acquireTime: microTime(now), renewTime: microTime(now),
      leaderTransitions: this.#observed.leaderTransitions,
    };
    const lock = this.#config.lock;
    const deadline = new AbortController();
    const timer = this.#clock.after(this.#renewDeadlineMs, () => deadline.abort());
    try {
      try {
        await lock.update(record, deadline.signal);
      } catch (err) {
        if (!isConflict(err)) throw err;
        const current = await lock.get(deadline.signal);
        if (current.record.holderIdentity !== lock.identity) return;
        await lock.update({ ...record, leaderTransitions: current.record.leaderTransitions }, deadline.signal);
      }
      this.#setObserved(record);
    } catch (err) {
      this.#error('failed to release lock', err);
    } finally {
      timer.cancel();
    }
  }

  /** The acquire time of a record being renewed: kept as it was. */
  #kept(record: LeaderElectionRecord): { acquireTime?: string } {
    return record.acquireTime === undefined ? {} : { acquireTime: record.acquireTime };
  }

  #isLeaseValid(now: number): boolean {
    return this.#observedTime + this.#leaseDurationMs > now;
  }

  #setObserved(record: LeaderElectionRecord): void {
    this.#observed = record;
    this.#observedTime = this.#clock.now();
  }

  #maybeReportTransition(): void {
    const holder = this.#observed.holderIdentity;
    if (holder === this.#reportedLeader) return;
    this.#reportedLeader = holder;
    try {
      this.#config.callbacks.onNewLeader?.(holder);
    } catch (err) {
      this.#error('onNewLeader failed', err);
    }
  }

  #error(message: string, err: unknown): void {
    if (this.#config.onError !== undefined) {
      this.#config.onError(message, err);
      return;
    }
    const detail = err instanceof Error ? err.message : String(err);
    process.stderr.write(`leaderelection ${this.#config.name ?? this.#config.lock.describe()}: ${message}: ${detail}\n`);
  }
}

// One probe of one container, run on the injected clock as upstream's prober worker runs it:
// a first run right away (or after a random part of the period while the kubelet has just
// started, so a restarted kubelet does not probe everything at once), then one per period;
// nothing until initialDelaySeconds have passed since the container started; a result counts
// only after successThreshold successes or failureThreshold failures in a row; an errored run
// changes nothing. Runs never overlap: a tick that finds a run in flight runs once more after it.

import type { Clock, Timer } from '../../api/clock.ts';
import type { Probe } from '../../api/types/core/v1/index.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** A probe's settings with upstream's defaults applied. */
export interface ProbeTiming {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

export function probeTiming(kind: ProbeKind, spec: Probe): ProbeTiming {
  const positive = (v: number | undefined, d: number): number => (v !== undefined && v > 0 ? v : d);
  return {
    initialDelaySeconds: Math.max(spec.initialDelaySeconds ?? 0, 0),
    periodSeconds: positive(spec.periodSeconds, 10),
    // The API server rejects anything but 1 for liveness and startup probes.
    successThreshold: kind === 'readiness' ? positive(spec.successThreshold, 1) : 1,
    failureThreshold: positive(spec.failureThreshold, 3),
  };
}

export interface ProbeWorkerOptions {
  readonly kind: ProbeKind;
  readonly timing: ProbeTiming;
  readonly clock: Clock;
  /** When the container started (ms since the epoch): initialDelaySeconds count from here. */
  readonly startedAt: number;
  /** Wait before the first run (upstream's start-up jitter), in ms. */
  readonly firstRunDelayMs: number;
  /** Whether the probe may run now (liveness and readiness wait for startup to succeed). */
  readonly mayRun: () => boolean;
  /** One probe run: 'success', 'failure', or undefined when it errored (no change). */
  readonly probe: (signal: AbortSignal) => Promise<'success' | 'failure' | undefined>;
  /** A result that reached its threshold; called again on every further run that keeps it. */
  readonly report: (result: 'success' | 'failure') => void;
}

export class ProbeWorker {
  readonly kind: ProbeKind;
  readonly #o: ProbeWorkerOptions;
  #timers: Timer[] = [];
  #inFlight: AbortController | undefined;
  #again = false;
  #stopped = false;
  #last: 'success' | 'failure' | undefined;
  #run = 0;

  constructor(options: ProbeWorkerOptions) {
    this.kind = options.kind;
    this.#o = options;
  }

  start(): void {
    const begin = (): void => {
      this.trigger();
      this.#timers.push(this.#o.clock.every(this.#o.timing.periodSeconds * 1000, () => this.trigger()));
    };
    if (this.#o.firstRunDelayMs > 0) this.#timers.push(this.#o.clock.after(this.#o.firstRunDelayMs, begin));
    else begin();
  }

  /** Runs the probe now (or right after the run in flight). */
  trigger(): void {
    if (this.#stopped) return;
    if (this.#inFlight !== undefined) {
      this.#again = true;
      return;
    }
    void this.#loop();
  }

  /** Stops the timers and abandons a run in flight (its sockets are closed). Idempotent. */
  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers) t.cancel();
    this.#timers = [];
    this.#inFlight?.abort();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  async #loop(): Promise<void> {
    // Bounded: each pass consumes the one pending re-run flag, and ticks come from timers.
    do {
      this.#again = false;
      try {
        await this.#once();
      } catch {
        // probe and report never throw (the prober guards its callbacks); a bug must not
        // surface as an unhandled rejection that takes the agent down.
      }
    } while (this.#again && !this.#stopped);
  }

  async #once(): Promise<void> {
    const { timing, clock } = this.#o;
    if (Math.floor((clock.now() - this.#o.startedAt) / 1000) < timing.initialDelaySeconds) return;
    if (!this.#o.mayRun()) return;
    const controller = new AbortController();
    this.#inFlight = controller;
    let result: 'success' | 'failure' | undefined;
    try {
      result = await this.#o.probe(controller.signal);
    } finally {
      this.#inFlight = undefined;
    }
    if (this.#stopped || result === undefined) return;
    if (this.#last === result) this.#run++;
    else {
      this.#last = result;
      this.#run = 1;
    }
    const threshold = result === 'success' ? timing.successThreshold : timing.failureThreshold;
    if (this.#run < threshold) return;
    if (result === 'failure' && this.kind !== 'readiness') {
      // The container will be killed: nothing more to learn from it (upstream holds the worker
      // until a new container appears; the pod worker adds that one afresh).
      this.stop();
    }
    this.#o.report(result);
  }
}

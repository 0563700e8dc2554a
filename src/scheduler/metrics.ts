// The scheduler's metrics, with upstream kube-scheduler's names, labels and buckets: attempts by
// result and profile, the duration of one attempt (and the older end-to-end name for it), the
// time from a pod's first attempt to its binding by number of attempts, preemption attempts, and
// the pending pods per queue (read from the queue when scraped). One instance outlives the
// Scheduler objects of successive leader terms, so counters keep counting.

import { MetricsRegistry } from '../client/metrics/registry.ts';
import type { Counter, Gauge, Histogram } from '../client/metrics/metric.ts';

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

/** Go's prometheus.ExponentialBuckets(start, factor, count). */
function exponential(start: number, factor: number, count: number): number[] {
  const out: number[] = [];
  // Multiplied step by step as Go does, so the bounds print the same.
  for (let i = 0, b = start; i < count; i++, b *= factor) out.push(b);
  return out;
}

export interface QueueLengths {
  readonly active: number;
  readonly backoff: number;
  readonly unschedulable: number;
  readonly gated: number;
}

export class SchedulerMetrics {
  readonly registry: MetricsRegistry;
  readonly #attempts: Counter<'result' | 'profile'>;
  readonly #attemptDuration: Histogram<'result' | 'profile'>;
  readonly #e2eDuration: Histogram<'result' | 'profile'>;
  readonly #sliDuration: Histogram<'attempts'>;
  readonly #preemptionAttempts: Counter;
  readonly #pending: Gauge<'queue'>;
  #queue: (() => QueueLengths) | undefined;

  /** Registers the metrics on `registry` (a fresh one by default). */
  constructor(registry = new MetricsRegistry()) {
    this.registry = registry;
    this.#attempts = registry.counter({ name: 'scheduler_schedule_attempts_total', help: 'Number of attempts to schedule pods, by the result. \'unschedulable\' means a pod could not be scheduled, while \'error\' means an internal scheduler problem.', labelNames: ['result', 'profile'] });
    const attemptBuckets = exponential(0.001, 2, 15);
    this.#attemptDuration = registry.histogram({ name: 'scheduler_scheduling_attempt_duration_seconds', help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)', labelNames: ['result', 'profile'], buckets: attemptBuckets });
    this.#e2eDuration = registry.histogram({ name: 'scheduler_e2e_scheduling_duration_seconds', help: 'E2e scheduling latency in seconds (scheduling algorithm + binding). This metric is replaced by scheduling_attempt_duration_seconds.', labelNames: ['result', 'profile'], buckets: attemptBuckets });
    this.#sliDuration = registry.histogram({ name: 'scheduler_pod_scheduling_sli_duration_seconds', help: 'E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue and might involve multiple scheduling attempts.', labelNames: ['attempts'], buckets: exponential(0.01, 2, 20) });
    this.#preemptionAttempts = registry.counter({ name: 'scheduler_preemption_attempts_total', help: 'Total preemption attempts in the cluster till now' });
    this.#pending = registry.gauge({ name: 'scheduler_pending_pods', help: 'Number of pending pods, by the queue type. \'active\' means number of pods in activeQ; \'backoff\' means number of pods in backoffQ; \'unschedulable\' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; \'gated\' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.', labelNames: ['queue'] });
  }

  /** One finished attempt; `seconds` from the pod's pop to its binding (or the failure). */
  attempt(result: AttemptResult, profile: string, seconds: number): void {
    this.#attempts.inc({ result, profile });
    this.#attemptDuration.observe({ result, profile }, seconds);
    this.#e2eDuration.observe({ result, profile }, seconds);
  }

  /** A pod bound after `attempts` attempts, `seconds` after it first entered the queue. */
  podScheduled(attempts: number, seconds: number): void {
    this.#sliDuration.observe({ attempts: String(attempts) }, seconds);
  }

  preemptionAttempt(): void {
    this.#preemptionAttempts.inc({});
  }

  /** Where scheduler_pending_pods reads from; the latest scheduler's queue wins. */
  watchQueue(lengths: () => QueueLengths): void {
    this.#queue = lengths;
  }

  /** The text exposition, with the pending-pod gauges read now. */
  text(): string {
    const q = this.#queue?.() ?? { active: 0, backoff: 0, unschedulable: 0, gated: 0 };
    this.#pending.set({ queue: 'active' }, q.active);
    this.#pending.set({ queue: 'backoff' }, q.backoff);
    this.#pending.set({ queue: 'unschedulable' }, q.unschedulable);
    this.#pending.set({ queue: 'gated' }, q.gated);
    return this.registry.text();
  }
}

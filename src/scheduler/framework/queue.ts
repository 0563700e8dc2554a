// The scheduling queue (upstream's PriorityQueue), three parts:
//  - activeQ: pods ready to be tried, ordered by the profile's QueueSort (priority, then time);
//  - backoffQ: pods that failed recently, each held for 1 s doubling to 10 s per attempt;
//  - unschedulable: pods that fit nowhere, moved back by a cluster event that may help (node
//    added or changed, a pod deleted or assigned; see cluster-events.ts for which event wakes
//    which pod) or after `maxUnschedulableMs` at the latest.
// Pods whose PreEnqueue (SchedulingGates) rejects them wait in `gated` until they are updated.
// An event that arrives while a pod is being scheduled sends that pod to backoff, not to
// unschedulable, so the event is never lost (upstream's moveRequestCycle).

import type { Clock, Timer } from '../../api/clock.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { mayHelp, type ClusterEvent, type QueueingHints } from './cluster-events.ts';
import { KeyedHeap } from './heap.ts';
import { podKey } from './node-info.ts';
import { isSuccess, type Status } from './status.ts';
import type { QueuedPodInfo } from './types.ts';

export interface QueueOptions {
  readonly clock: Clock;
  readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  readonly preEnqueue: (pod: Pod) => Status;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly maxUnschedulableMs?: number;
  /** The plugins' queueing hints, asked when an event comes with its object. */
  readonly hints?: QueueingHints;
}

export class SchedulingQueue {
  readonly #o: QueueOptions;
  readonly #active: KeyedHeap<QueuedPodInfo>;
  readonly #backoff = new Map<string, QueuedPodInfo>();
  readonly #unschedulable = new Map<string, { info: QueuedPodInfo; since: number }>();
  readonly #gated = new Map<string, QueuedPodInfo>();
  readonly #inFlight = new Set<string>();
  #schedulingCycle = 0;
  #moveRequestCycle = -1;
  #waiters: (() => void)[] = [];
  #timers: Timer[] = [];

  constructor(options: QueueOptions) {
    this.#o = options;
    this.#active = new KeyedHeap((i) => podKey(i.pod), options.less);
  }

  /** Starts the backoff (1 s) and unschedulable (30 s) flushes until `signal` aborts. */
  run(signal: AbortSignal): void {
    this.#timers.push(this.#o.clock.every(1000, () => this.flushBackoff()));
    this.#timers.push(this.#o.clock.every(30_000, () => this.flushUnschedulable()));
    signal.addEventListener('abort', () => {
      for (const t of this.#timers) t.cancel();
      this.#wake();
    }, { once: true });
  }

  get schedulingCycle(): number {
    return this.#schedulingCycle;
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const key = podKey(pod);
    if (this.#has(key)) return this.update(pod);
    const now = this.#o.clock.now();
    this.#enqueue({ pod, initialAttemptTimestamp: now, timestamp: now, attempts: 0, unschedulablePlugins: new Set() });
  }

  /** A pending pod changed: it gets another try (and another PreEnqueue check). */
  update(pod: Pod): void {
    const key = podKey(pod);
    const active = this.#active.get(key);
    if (active !== undefined) {
      active.pod = pod;
      return;
    }
    const waiting = this.#backoff.get(key) ?? this.#unschedulable.get(key)?.info ?? this.#gated.get(key);
    if (waiting === undefined) {
      if (!this.#inFlight.has(key)) this.add(pod);
      return;
    }
    waiting.pod = pod;
    if (this.#backoff.has(key)) return;
    this.#unschedulable.delete(key);
    this.#gated.delete(key);
    this.#enqueue(waiting);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.#active.delete(key);
    this.#backoff.delete(key);
    this.#unschedulable.delete(key);
    this.#gated.delete(key);
  }

  /** The next pod to schedule; undefined once `signal` aborts. */
  async pop(signal: AbortSignal): Promise<QueuedPodInfo | undefined> {
    while (!signal.aborted) {
      const info = this.#active.pop();
      if (info !== undefined) {
        info.attempts++;
        this.#schedulingCycle++;
        this.#inFlight.add(podKey(info.pod));
        return info;
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return undefined;
  }

  /** The pod was scheduled (or given up on): it is no longer in flight. */
  done(pod: Pod): void {
    this.#inFlight.delete(podKey(pod));
  }

  /**
   * A pod that failed in the cycle `podCycle`: to backoff if a move request came meanwhile (or
   * the failure was an error), else to unschedulable.
   */
  addUnschedulable(info: QueuedPodInfo, podCycle: number, error = false): void {
    const key = podKey(info.pod);
    this.#inFlight.delete(key);
    if (this.#has(key)) return;
    info.timestamp = this.#o.clock.now();
    if (error || this.#moveRequestCycle >= podCycle) this.#backoff.set(key, info);
    else this.#unschedulable.set(key, { info, since: this.#o.clock.now() });
  }

  /**
   * A cluster event that may make unschedulable pods fit: those it may help (all of them when no
   * event is named) go back to the activeQ, or to backoff while their backoff lasts. `obj`, the
   * object the event is about, lets the plugins' queueing hints judge each pod.
   */
  moveAllToActiveOrBackoff(event?: ClusterEvent, obj?: unknown): void {
    const hints = this.#o.hints;
    for (const [key, { info }] of this.#unschedulable) {
      const detail = hints === undefined || obj === undefined ? undefined : { hints, pod: info.pod, obj };
      if (event !== undefined && !mayHelp(event, info.unschedulablePlugins, detail)) continue;
      this.#unschedulable.delete(key);
      if (this.#backoffExpiry(info) > this.#o.clock.now()) this.#backoff.set(key, info);
      else this.#enqueue(info);
    }
    this.#moveRequestCycle = this.#schedulingCycle;
  }

  flushBackoff(): void {
    const now = this.#o.clock.now();
    for (const [key, info] of this.#backoff) {
      if (this.#backoffExpiry(info) > now) continue;
      this.#backoff.delete(key);
      this.#enqueue(info);
    }
  }

  flushUnschedulable(): void {
    const now = this.#o.clock.now();
    const max = this.#o.maxUnschedulableMs ?? 60_000;
    for (const [key, { info, since }] of this.#unschedulable) {
      if (now - since < max) continue;
      this.#unschedulable.delete(key);
      if (this.#backoffExpiry(info) > now) this.#backoff.set(key, info);
      else this.#enqueue(info);
    }
  }

  /** Counts per part, for tests and metrics. */
  lengths(): { active: number; backoff: number; unschedulable: number; gated: number } {
    return { active: this.#active.size, backoff: this.#backoff.size, unschedulable: this.#unschedulable.size, gated: this.#gated.size };
  }

  #backoffExpiry(info: QueuedPodInfo): number {
    const initial = this.#o.initialBackoffMs ?? 1000;
    const max = this.#o.maxBackoffMs ?? 10_000;
    const duration = Math.min(max, initial * 2 ** Math.max(0, info.attempts - 1));
    return info.timestamp + duration;
  }

  #has(key: string): boolean {
    return this.#active.has(key) || this.#backoff.has(key) || this.#unschedulable.has(key) || this.#gated.has(key);
  }

  #enqueue(info: QueuedPodInfo): void {
    if (!isSuccess(this.#o.preEnqueue(info.pod))) {
      this.#gated.set(podKey(info.pod), info);
      return;
    }
    info.timestamp = this.#o.clock.now();
    this.#active.push(info);
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}

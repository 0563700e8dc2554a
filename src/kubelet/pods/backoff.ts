// Per-key exponential back-off on the injected Clock, with the semantics of client-go's
// flowcontrol.Backoff as the kubelet uses it for crash loops and image pulls: the first failure
// is retried at once and starts a delay of `initialMs`; each further failure doubles it up to
// `maxMs`; an entry whose last update is more than 2×maxMs before the event is forgotten (a
// container that ran for ten minutes starts again from 10 s).

import type { Clock } from '../../api/clock.ts';

interface Entry {
  delayMs: number;
  lastUpdate: number;
  /** What the last failure said (an image pull's error), for messages during the back-off. */
  detail: string | undefined;
}

export class Backoff {
  readonly #clock: Clock;
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #entries = new Map<string, Entry>();

  constructor(clock: Clock, initialMs: number, maxMs: number) {
    this.#clock = clock;
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
  }

  #expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > 2 * this.#maxMs;
  }

  /** The current delay for `key`, 0 when none. */
  delay(key: string): number {
    return this.#entries.get(key)?.delayMs ?? 0;
  }

  /** Whether `eventTime` (e.g. when the container last finished) is still inside the back-off window. */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined || this.#expired(eventTime, entry)) return false;
    return this.#clock.now() - eventTime < entry.delayMs;
  }

  /** Whether now is inside the window started by the last update (image pulls). */
  isInBackOffSinceUpdate(key: string): boolean {
    const entry = this.#entries.get(key);
    const now = this.#clock.now();
    if (entry === undefined || this.#expired(now, entry)) return false;
    return now - entry.lastUpdate < entry.delayMs;
  }

  /** When the window for `eventTime` ends (ms since the epoch); now when not backing off. */
  readyAt(key: string, eventTime: number): number {
    const entry = this.#entries.get(key);
    return entry === undefined ? this.#clock.now() : Math.max(this.#clock.now(), eventTime + entry.delayMs);
  }

  /** When the window started by the last update ends (image pulls); now when none. */
  readyAtSinceUpdate(key: string): number {
    const entry = this.#entries.get(key);
    return entry === undefined ? this.#clock.now() : Math.max(this.#clock.now(), entry.lastUpdate + entry.delayMs);
  }

  /** Records a failure: starts or doubles the delay. */
  next(key: string, eventTime: number, detail?: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined || this.#expired(eventTime, entry)) {
      this.#entries.set(key, { delayMs: this.#initialMs, lastUpdate: this.#clock.now(), detail });
      return;
    }
    entry.delayMs = Math.min(entry.delayMs * 2, this.#maxMs);
    entry.lastUpdate = this.#clock.now();
    entry.detail = detail;
  }

  /** The detail given with the last failure of `key`. */
  detail(key: string): string | undefined {
    return this.#entries.get(key)?.detail;
  }

  /** Forgets every key starting with `prefix` (a pod's entries once it is gone). */
  forgetPrefix(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
  }
}

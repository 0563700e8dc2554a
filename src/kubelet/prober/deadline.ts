// One probe attempt's deadline on the injected Clock, so tests decide when a probe times out
// and a stopped worker releases its socket at once.

import type { Clock, Timer } from '../../api/clock.ts';

export class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: Timer;
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = (): void => this.#controller.abort();
  #expired = false;

  /** Aborts `signal` after `ms` on `clock`, or as soon as `parent` aborts. Call dispose() when the attempt ends. */
  constructor(clock: Clock, ms: number, parent?: AbortSignal) {
    this.#timer = clock.after(ms, () => {
      this.#expired = true;
      this.#controller.abort();
    });
    this.#parent = parent;
    if (parent?.aborted) this.#controller.abort();
    else parent?.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  /** Aborted when the time is up or the caller gave up. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True only when the time ran out (not when the caller aborted). */
  get expired(): boolean {
    return this.#expired;
  }

  dispose(): void {
    this.#timer.cancel();
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }
}

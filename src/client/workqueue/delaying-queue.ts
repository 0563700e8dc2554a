// A work queue that can add an item later (client-go's DelayingInterface), timed by the injected
// Clock. An item waiting to be added is waiting once: adding it again with a delay that ends
// sooner moves it earlier, a later one is ignored. Shutting down cancels every pending timer.

import { realClock, type Clock, type Timer } from '../../api/clock.ts';
import { WorkQueue } from './queue.ts';

interface Waiting {
  readonly readyAt: number;
  readonly timer: Timer;
}

export class DelayingQueue<T> extends WorkQueue<T> {
  protected readonly clock: Clock;
  readonly #waiting = new Map<T, Waiting>();

  constructor(clock: Clock = realClock) {
    super();
    this.clock = clock;
  }

  /** Adds `item` after `delayMs` (at once when not positive). */
  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown()) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    const readyAt = this.clock.now() + delayMs;
    const existing = this.#waiting.get(item);
    if (existing !== undefined) {
      if (existing.readyAt <= readyAt) return;
      existing.timer.cancel();
    }
    const timer = this.clock.after(delayMs, () => {
      this.#waiting.delete(item);
      this.add(item);
    });
    this.#waiting.set(item, { readyAt, timer });
  }

  /** Items waiting for their delay to pass. */
  waitingLen(): number {
    return this.#waiting.size;
  }

  override shutDown(): void {
    for (const waiting of this.#waiting.values()) waiting.timer.cancel();
    this.#waiting.clear();
    super.shutDown();
  }
}

// A bounded, single-consumer queue that a producer pushes into and a watcher iterates.
// Bounded on purpose: a consumer that falls `limit` items behind is failed (as upstream drops
// slow watchers) instead of letting memory grow without end.

import { StorageError } from './errors.ts';

export class EventQueue<T> implements AsyncIterable<T> {
  readonly #limit: number;
  #items: T[] = [];
  #head = 0;
  #ended = false;
  #error: unknown = undefined;
  #wake: (() => void) | undefined;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Adds an item; when the consumer is `limit` items behind, fails the queue instead. */
  push(item: T): void {
    if (this.#ended) return;
    if (this.#items.length - this.#head >= this.#limit) {
      this.fail(StorageError.unavailable(`watcher fell more than ${this.#limit} events behind and was stopped; watch again`));
      return;
    }
    this.#items.push(item);
    this.#notify();
  }

  /** Ends iteration after the items already queued. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#notify();
  }

  /** Ends iteration at once with `error` thrown to the consumer. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#error = error;
    this.#items = [];
    this.#head = 0;
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      if (this.#head < this.#items.length) {
        const item = this.#items[this.#head] as T;
        this.#head++;
        if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
          this.#items = this.#items.slice(this.#head);
          this.#head = 0;
        }
        yield item;
        continue;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

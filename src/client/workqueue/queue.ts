// A work queue with client-go's guarantees (util/workqueue's Typed queue):
//  - Fair: items are handed out in the order they were added.
//  - Deduplicated: an item added many times before a worker takes it is handed out once.
//  - Never concurrent per item: an item handed out is "processing" until done(item); adding it
//    meanwhile marks it dirty, and done() queues it again, so the latest state is processed
//    once more, by one worker at a time.
//  - Bounded shut-down: after shutDown() adds are ignored, queued items are still handed out,
//    and get() answers `shutdown` once the queue is empty.
// Items are compared as Map keys (===), so use strings (namespace/name keys) or shared objects.

export type GetResult<T> = { readonly shutdown: false; readonly item: T } | { readonly shutdown: true };

export class WorkQueue<T> {
  #queue: T[] = [];
  #head = 0;
  readonly #dirty = new Set<T>();
  readonly #processing = new Set<T>();
  #getters: ((result: GetResult<T>) => void)[] = [];
  #drained: (() => void)[] = [];
  #shuttingDown = false;

  /** Marks `item` as needing processing; ignored once shutting down. */
  add(item: T): void {
    if (this.#shuttingDown || this.#dirty.has(item)) return;
    this.#dirty.add(item);
    // Processing now: done() will queue it again.
    if (this.#processing.has(item)) return;
    this.#enqueue(item);
  }

  /** Items waiting to be handed out (not those being processed). */
  len(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * The next item, waiting until there is one. The caller must call done(item) when finished.
   * Resolves `{ shutdown: true }` once the queue is shut down and empty.
   */
  get(): Promise<GetResult<T>> {
    if (this.len() > 0) return Promise.resolve(this.#take());
    if (this.#shuttingDown) return Promise.resolve({ shutdown: true });
    return new Promise((resolve) => this.#getters.push(resolve));
  }

  /** Ends the processing of `item`; if it was added meanwhile, it is queued again. */
  done(item: T): void {
    this.#processing.delete(item);
    if (this.#dirty.has(item)) this.#enqueue(item);
    else if (this.#processing.size === 0) this.#notifyDrained();
  }

  /** Stops accepting items; waiting get() calls answer `shutdown`; queued items are still handed out. */
  shutDown(): void {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    const getters = this.#getters;
    this.#getters = [];
    // Getters only wait while the queue is empty, so there is nothing left to give them.
    for (const resolve of getters) resolve({ shutdown: true });
    if (this.#processing.size === 0) this.#notifyDrained();
  }

  /** shutDown(), then resolves once no item is being processed (client-go's ShutDownWithDrain). */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.#processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  #enqueue(item: T): void {
    const getter = this.#getters.shift();
    if (getter !== undefined) {
      this.#processing.add(item);
      this.#dirty.delete(item);
      getter({ shutdown: false, item });
      return;
    }
    this.#queue.push(item);
  }

  #take(): GetResult<T> {
    const item = this.#queue[this.#head] as T;
    this.#head++;
    // Compact now and then so the array does not grow without bound.
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    this.#processing.add(item);
    this.#dirty.delete(item);
    return { shutdown: false, item };
  }

  #notifyDrained(): void {
    const drained = this.#drained;
    this.#drained = [];
    for (const resolve of drained) resolve();
  }
}

// One 'abort' listener per signal for every request that listens on it. An AbortSignal keeps its
// listeners in a list that addEventListener walks (to refuse duplicates) and removeEventListener
// searches: with a hundred requests in flight on one signal (a kubelet's), each request paid for
// all the others, twice. Here a request joins a Set, in constant time, and the signal's one
// listener calls the requests still waiting, in the order they joined.

export class AbortListeners {
  readonly #bySignal = new WeakMap<AbortSignal, Set<() => void>>();

  /** Calls `onAbort` once when `signal` aborts, unless remove() comes first. */
  add(signal: AbortSignal, onAbort: () => void): void {
    let waiting = this.#bySignal.get(signal);
    if (waiting === undefined) {
      const callbacks = new Set<() => void>();
      this.#bySignal.set(signal, callbacks);
      signal.addEventListener('abort', () => {
        // A callback may remove others that have not run yet (Set iteration skips them).
        for (const callback of callbacks) callback();
        callbacks.clear();
        this.#bySignal.delete(signal);
      }, { once: true });
      waiting = callbacks;
    }
    waiting.add(onAbort);
  }

  remove(signal: AbortSignal, onAbort: () => void): void {
    this.#bySignal.get(signal)?.delete(onAbort);
  }
}

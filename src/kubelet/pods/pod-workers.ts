// One serialized worker per pod (pkg/kubelet/pod_workers.go): a pod is never synced twice at
// once, while different pods sync in parallel. A request that arrives during a sync marks the
// worker dirty and the worker runs once more afterwards, so a burst of updates costs one sync.
// Each worker may also ask to be woken at a time (a back-off ending) on the injected Clock.

import type { Clock, Timer } from '../../api/clock.ts';

interface Worker {
  running: boolean;
  dirty: boolean;
  timer: Timer | undefined;
  wakeAt: number | undefined;
  idle: Promise<void>;
}

export class PodWorkers {
  readonly #clock: Clock;
  /** Runs one sync of `uid`; answers when it wants to be woken (ms since the epoch), if at all. */
  readonly #sync: (uid: string) => Promise<number | undefined>;
  readonly #workers = new Map<string, Worker>();
  #stopped = false;

  constructor(clock: Clock, sync: (uid: string) => Promise<number | undefined>) {
    this.#clock = clock;
    this.#sync = sync;
  }

  /** Asks for a sync of `uid` as soon as its worker is free. */
  trigger(uid: string): void {
    if (this.#stopped) return;
    let w = this.#workers.get(uid);
    if (w === undefined) {
      w = { running: false, dirty: false, timer: undefined, wakeAt: undefined, idle: Promise.resolve() };
      this.#workers.set(uid, w);
    }
    if (w.running) {
      w.dirty = true;
      return;
    }
    w.running = true;
    w.idle = this.#loop(uid, w);
  }

  /** Forgets the worker of a pod that is gone (its timer too). */
  forget(uid: string): void {
    const w = this.#workers.get(uid);
    w?.timer?.cancel();
    if (w !== undefined && !w.running) this.#workers.delete(uid);
  }

  uids(): string[] {
    return [...this.#workers.keys()];
  }

  /**
   * Stops taking work and waits for syncs in progress to finish, at most `maxWaitMs` (real
   * time): a sync may be waiting out a container's grace period, which must not hold up the
   * agent's shutdown (its containers keep running, as upstream's do when the kubelet stops).
   */
  async stop(maxWaitMs = 5_000): Promise<void> {
    this.#stopped = true;
    for (const w of this.#workers.values()) w.timer?.cancel();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.#workers.values()].map((w) => w.idle)),
      new Promise<void>((resolve) => { timer = setTimeout(resolve, maxWaitMs); }),
    ]);
    clearTimeout(timer);
  }

  async #loop(uid: string, w: Worker): Promise<void> {
    // Bounded: each turn either ends the loop or consumes a dirty mark set by a new request.
    while (!this.#stopped) {
      w.dirty = false;
      let wake: number | undefined;
      try {
        wake = await this.#sync(uid);
      } catch {
        // The sync reports its own errors; retry soon.
        wake = this.#clock.now() + 2_000;
      }
      if (wake !== undefined) this.#wakeAt(uid, w, wake);
      if (!w.dirty) break;
    }
    w.running = false;
  }

  #wakeAt(uid: string, w: Worker, at: number): void {
    if (this.#stopped) return;
    if (w.timer !== undefined && w.wakeAt !== undefined && w.wakeAt <= at) return;
    w.timer?.cancel();
    w.wakeAt = at;
    w.timer = this.#clock.after(Math.max(0, at - this.#clock.now()), () => {
      w.timer = undefined;
      w.wakeAt = undefined;
      this.trigger(uid);
    });
  }
}

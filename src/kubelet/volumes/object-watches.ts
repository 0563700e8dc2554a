// The ConfigMaps and Secrets that running pods' volumes are made of, kept current the way
// upstream's kubelet does by default (watch-based manager): one watch per referenced object,
// narrowed by `metadata.name`, shared by every pod that references it and stopped when the last
// such pod is gone. Reads come from a synced watch's cache, or straight from the API server
// before the watch has synced (or while run() is not running).

import type { Clock } from '../../api/clock.ts';
import { isNotFound } from '../../api/status-predicates.ts';
import { listWatchFromClient } from '../../client/informers/list-watch.ts';
import { SharedInformer } from '../../client/informers/shared-informer.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { KubeObject, ResourceType } from '../../client/rest/types.ts';

export interface ObjectRef {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name: string;
}

export function refKey(ref: ObjectRef): string {
  return `${ref.type.resource}/${ref.namespace}/${ref.name}`;
}

interface Watch {
  readonly ref: ObjectRef;
  readonly informer: SharedInformer<KubeObject>;
  readonly users: Set<string>;
  stop: AbortController | undefined;
  done: Promise<void> | undefined;
}

export class ObjectWatches {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #onChange: (key: string, users: readonly string[]) => void;
  readonly #watches = new Map<string, Watch>();
  readonly #byUser = new Map<string, Set<string>>();
  /** Watches released while running, until their informer has returned. */
  readonly #stopping = new Set<Promise<void>>();
  #signal: AbortSignal | undefined;

  /** `onChange` hears of every add, update and delete of a watched object, with the users of it. */
  constructor(client: RestClient, clock: Clock, onChange: (key: string, users: readonly string[]) => void) {
    this.#client = client;
    this.#clock = clock;
    this.#onChange = onChange;
  }

  /** The object, or undefined when it does not exist. */
  async get<T extends KubeObject>(ref: ObjectRef, signal?: AbortSignal): Promise<T | undefined> {
    const watch = this.#watches.get(refKey(ref));
    if (watch !== undefined && watch.informer.hasSynced()) {
      return watch.informer.lister().namespace(ref.namespace).get(ref.name) as T | undefined;
    }
    try {
      return await this.#client.resource<T>(ref.type).namespace(ref.namespace).get(ref.name, signal === undefined ? {} : { signal });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Makes `refs` the objects `user` (a pod UID) depends on; watches follow. */
  track(user: string, refs: readonly ObjectRef[]): void {
    const wanted = new Set(refs.map(refKey));
    const before = this.#byUser.get(user) ?? new Set<string>();
    for (const ref of refs) {
      const key = refKey(ref);
      let watch = this.#watches.get(key);
      if (watch === undefined) {
        watch = this.#newWatch(ref);
        this.#watches.set(key, watch);
        if (this.#signal !== undefined) this.#start(watch, this.#signal);
      }
      watch.users.add(user);
    }
    for (const key of before) if (!wanted.has(key)) this.#release(key, user);
    if (wanted.size === 0) this.#byUser.delete(user);
    else this.#byUser.set(user, wanted);
  }

  untrack(user: string): void {
    this.track(user, []);
  }

  /** Number of objects watched (for tests and metrics). */
  get size(): number {
    return this.#watches.size;
  }

  /** Runs the watches until `signal` aborts; each is stopped and awaited then. */
  async run(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.#signal = signal;
    for (const watch of this.#watches.values()) this.#start(watch, signal);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.#signal = undefined;
    const done = [...this.#watches.values()].map((w) => {
      w.stop?.abort();
      return w.done;
    });
    await Promise.all([...done, ...this.#stopping]);
    for (const watch of this.#watches.values()) {
      watch.stop = undefined;
      watch.done = undefined;
    }
  }

  #newWatch(ref: ObjectRef): Watch {
    const client = this.#client.resource<KubeObject>(ref.type).namespace(ref.namespace);
    const informer = new SharedInformer<KubeObject>(listWatchFromClient(client, { fieldSelector: `metadata.name=${ref.name}` }),
      { clock: this.#clock, name: `volume source ${refKey(ref)}` });
    const key = refKey(ref);
    const tell = (): void => {
      const watch = this.#watches.get(key);
      if (watch !== undefined) this.#onChange(key, [...watch.users]);
    };
    informer.addEventHandler({ onAdd: tell, onUpdate: (a, b) => { if (a.metadata?.resourceVersion !== b.metadata?.resourceVersion) tell(); }, onDelete: tell });
    return { ref, informer, users: new Set(), stop: undefined, done: undefined };
  }

  #start(watch: Watch, parent: AbortSignal): void {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    parent.addEventListener('abort', onAbort, { once: true });
    watch.stop = stop;
    watch.done = watch.informer.run(stop.signal)
      .catch(() => undefined)
      .finally(() => parent.removeEventListener('abort', onAbort));
  }

  #release(key: string, user: string): void {
    const watch = this.#watches.get(key);
    if (watch === undefined) return;
    watch.users.delete(user);
    if (watch.users.size > 0) return;
    this.#watches.delete(key);
    watch.stop?.abort();
    const done = watch.done;
    if (done !== undefined) {
      this.#stopping.add(done);
      void done.finally(() => this.#stopping.delete(done));
    }
  }
}

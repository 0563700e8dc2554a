// One informer per resource for a whole component (client-go's SharedInformerFactory): every
// controller asking for pods gets the same informer, so the process lists and watches pods once.
// Informers are created on request and started by start(); start() may be called again after
// more are requested, and starts only the new ones.

import { realClock, type Clock } from '../../api/clock.ts';
import type { RestClient } from '../rest/client.ts';
import type { KubeObject, ResourceType } from '../rest/types.ts';
import { listWatchFromClient } from './list-watch.ts';
import type { ReflectorOptions } from './reflector.ts';
import { SharedInformer } from './shared-informer.ts';

export interface InformerFactoryOptions {
  /** Watch one namespace only (all when absent). */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** The handlers' default resync period (ms); 0 or absent: none. */
  readonly resyncPeriodMs?: number;
  readonly clock?: Clock;
  /** Applied to every object of every informer before it is cached (SharedInformerOptions.transform). */
  readonly transform?: <T extends KubeObject>(obj: T) => T;
  /**
   * Watched objects' metadata.managedFields are cut from each event's text before it is parsed,
   * for a component whose transform drops them anyway (trimManagedFields): a good part of every
   * pod event, never built. Listed objects still come whole, for the transform to trim.
   */
  readonly dropManagedFields?: boolean;
  /** Reflector tuning (backoff, watch timeout, page size) for every informer. */
  readonly reflector?: Omit<ReflectorOptions, 'clock' | 'name'>;
}

interface Entry {
  readonly informer: SharedInformer<KubeObject>;
  started: boolean;
}

/** `apps/v1/deployments`, `v1/pods`: the factory's key for a resource. */
export function resourceKey(type: ResourceType): string {
  return type.group === '' ? `${type.version}/${type.resource}` : `${type.group}/${type.version}/${type.resource}`;
}

export class SharedInformerFactory {
  readonly #client: RestClient;
  readonly #options: InformerFactoryOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #runs: Promise<void>[] = [];

  constructor(client: RestClient, options: InformerFactoryOptions = {}) {
    this.#client = client;
    this.#options = options;
  }

  /** The informer of `type`, created on first request. T is the caller's view of the objects. */
  forResource<T extends KubeObject>(type: ResourceType): SharedInformer<T> {
    const key = resourceKey(type);
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const o = this.#options;
      let client = this.#client.resource<T>(type);
      if (type.namespaced && o.namespace !== undefined && o.namespace !== '') client = client.namespace(o.namespace);
      const lw = listWatchFromClient(client, {
        ...(o.labelSelector === undefined ? {} : { labelSelector: o.labelSelector }),
        ...(o.fieldSelector === undefined ? {} : { fieldSelector: o.fieldSelector }),
        ...(o.dropManagedFields === true ? { dropManagedFields: true } : {}),
      });
      const informer = new SharedInformer<T>(lw, {
        ...o.reflector, name: `informer ${key}`, clock: o.clock ?? realClock,
        ...(o.resyncPeriodMs === undefined ? {} : { resyncPeriodMs: o.resyncPeriodMs }),
        ...(o.transform === undefined ? {} : { transform: o.transform }),
      });
      entry = { informer: informer as unknown as SharedInformer<KubeObject>, started: false };
      this.#entries.set(key, entry);
    }
    return entry.informer as unknown as SharedInformer<T>;
  }

  /** Runs every informer not yet started until `signal` aborts; returns at once. */
  start(signal: AbortSignal): void {
    for (const entry of this.#entries.values()) {
      if (entry.started) continue;
      entry.started = true;
      this.#runs.push(entry.informer.run(signal));
    }
  }

  /** Resolves with each started informer's key and whether it synced before `signal` aborted. */
  async waitForCacheSync(signal: AbortSignal): Promise<Map<string, boolean>> {
    const started = [...this.#entries].filter(([, entry]) => entry.started);
    const synced = await Promise.all(started.map(([, entry]) => entry.informer.waitForSync(signal)));
    return new Map(started.map(([key], i) => [key, synced[i] ?? false]));
  }

  /** Resolves once every started informer has stopped (after the start signal aborted). */
  async shutdown(): Promise<void> {
    await Promise.all(this.#runs);
  }
}

// The kubelet's volume manager on a real host: directories, tmpfs mounts and atomically
// written files under <podsDir>/<uid>/volumes, kept current while pods run. Work for one pod is
// serialized here (set-up, refresh and tear-down never overlap); different pods proceed in
// parallel.

import { readdir, rm, rmdir } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Clock, Timer } from '../../api/clock.ts';
import { isNotFound } from '../../api/status-predicates.ts';
import type { ConfigMap, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { VolumeNotReadyError, type HostVolume, type VolumeManager } from '../seams.ts';
import { contentKind, objectRefs, tokenAsks, type ContentSources } from './content.ts';
import type { ResourceList } from './downward.ts';
import { mountsUnder, mountTmpfs, unmount } from './mounts.ts';
import { ObjectWatches, type ObjectRef } from './object-watches.ts';
import { setUpVolume, writeContentVolume, type PluginContext } from './plugins.ts';
import { NODES, PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES } from './resources.ts';
import { TokenManager, type TokenAsk } from './tokens.ts';

export interface HostVolumeManagerOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  /** DATA/agent/pods: a pod's volumes live under <podsDir>/<uid>/volumes. */
  readonly podsDir: string;
  readonly nodeName: string;
  readonly log: (message: string) => void;
}

/** How often run() looks for tokens due for refresh (no I/O unless one is due). */
export const TOKEN_CHECK_INTERVAL_MS = 10_000;
/** How long the node's allocatable resources are trusted before being read again. */
const ALLOCATABLE_TTL_MS = 5 * 60_000;

/** UIDs name directories that get removed recursively: never a path, never `.` or `..`. */
function isSafeUid(uid: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(uid) && uid !== '.' && uid !== '..';
}

interface PodEntry {
  pod: Pod;
  /** The tail of the pod's work chain. */
  lock: Promise<void>;
  tokens: TokenAsk[];
  refreshQueued: boolean;
  /** Torn down: queued refreshes must not write the volumes again. */
  removed: boolean;
}

export class HostVolumeManager implements VolumeManager {
  readonly #o: HostVolumeManagerOptions;
  readonly #tokens: TokenManager;
  readonly #watches: ObjectWatches;
  readonly #pods = new Map<string, PodEntry>();
  readonly #inFlight = new Set<Promise<void>>();
  #allocatable: { at: number; value: ResourceList } | undefined;
  #tmpfsRefused = false;
  #runSignal: AbortSignal | undefined;

  constructor(options: HostVolumeManagerOptions) {
    this.#o = options;
    this.#tokens = new TokenManager(options.client, options.clock);
    this.#watches = new ObjectWatches(options.client, options.clock, (_key, users) => {
      for (const uid of users) this.#queueRefresh(uid);
    });
  }

  #volumesDir(uid: string): string {
    return join(this.#o.podsDir, uid, 'volumes');
  }

  /** Runs `work` after every earlier piece of work for the pod. */
  #serialized<T>(entry: PodEntry, work: () => Promise<T>): Promise<T> {
    const result = entry.lock.then(work);
    entry.lock = result.then(() => undefined, () => undefined);
    return result;
  }

  #entry(uid: string, pod?: Pod): PodEntry {
    let entry = this.#pods.get(uid);
    if (entry === undefined) {
      entry = { pod: pod ?? {}, lock: Promise.resolve(), tokens: [], refreshQueued: false, removed: false };
      this.#pods.set(uid, entry);
    }
    return entry;
  }

  async setUpPod(pod: Pod, signal: AbortSignal): Promise<ReadonlyMap<string, HostVolume>> {
    const uid = pod.metadata?.uid ?? '';
    if (!isSafeUid(uid)) throw new VolumeNotReadyError('', `pod UID ${JSON.stringify(uid)} cannot name a directory`);
    const entry = this.#entry(uid, pod);
    return this.#serialized(entry, async () => {
      entry.pod = pod;
      const namespace = pod.metadata?.namespace ?? '';
      const volumes = pod.spec?.volumes ?? [];
      this.#watches.track(uid, volumes.flatMap((v) => objectRefs(namespace, v)));
      entry.tokens = volumes.flatMap((v) => tokenAsks(pod, v));
      const ctx = this.#context(uid);
      const ready = new Map<string, HostVolume>();
      let firstError: unknown;
      for (const volume of volumes) {
        if (signal.aborted) throw signal.reason;
        try {
          ready.set(volume.name, await setUpVolume(ctx, pod, volume, signal));
        } catch (err) {
          firstError ??= err instanceof VolumeNotReadyError ? err : new VolumeNotReadyError(volume.name, err instanceof Error ? err.message : String(err));
        }
      }
      if (signal.aborted) throw signal.reason;
      if (firstError !== undefined) throw firstError;
      return ready;
    });
  }

  async tearDownPod(podUid: string): Promise<void> {
    if (!isSafeUid(podUid)) throw new Error(`pod UID ${JSON.stringify(podUid)} cannot name a directory`);
    const entry = this.#entry(podUid);
    // Out of the map at once: a later setUpPod of this UID starts afresh, refreshes stop.
    entry.removed = true;
    this.#pods.delete(podUid);
    await this.#serialized(entry, async () => {
      this.#watches.untrack(podUid);
      this.#tokens.forgetPod(podUid);
      const dir = this.#volumesDir(podUid);
      // Unmount first: removing files through a mount would empty what it shows.
      for (const point of await mountsUnder(dir)) await unmount(point);
      await rm(dir, { recursive: true, force: true });
      // The pod's own directory goes too once nothing else lives in it.
      await rmdir(join(this.#o.podsDir, podUid)).catch(() => undefined);
    });
  }

  async podsOnDisk(): Promise<readonly string[]> {
    let entries;
    try {
      entries = await readdir(this.#o.podsDir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const uids: string[] = [];
    for (const e of entries) {
      if (!e.isDirectory() || !isSafeUid(e.name)) continue;
      const inside = await readdir(join(this.#o.podsDir, e.name)).catch(() => [] as string[]);
      if (inside.includes('volumes')) uids.push(e.name);
    }
    return uids.sort();
  }

  async run(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.#runSignal = signal;
    const timer: Timer = this.#o.clock.every(TOKEN_CHECK_INTERVAL_MS, () => {
      for (const [uid, entry] of this.#pods) {
        if (entry.tokens.some((ask) => this.#tokens.needsRefresh(ask))) this.#queueRefresh(uid);
      }
    });
    try {
      await this.#watches.run(signal);
    } finally {
      timer.cancel();
      this.#runSignal = undefined;
      await Promise.all([...this.#inFlight]);
    }
  }

  /** Rewrites the pod's written volumes whose contents changed (once, however often asked meanwhile). */
  #queueRefresh(uid: string): void {
    const entry = this.#pods.get(uid);
    const signal = this.#runSignal;
    if (entry === undefined || signal === undefined || signal.aborted || entry.refreshQueued) return;
    entry.refreshQueued = true;
    const work = this.#serialized(entry, async () => {
      entry.refreshQueued = false;
      if (entry.removed) return;
      const ctx = this.#context(uid);
      for (const volume of entry.pod.spec?.volumes ?? []) {
        if (contentKind(volume) === undefined || signal.aborted) continue;
        try {
          const { written } = await writeContentVolume(ctx, entry.pod, volume, signal);
          if (written) this.#o.log(`volumes: updated volume ${volume.name} of pod ${entry.pod.metadata?.namespace ?? ''}/${entry.pod.metadata?.name ?? ''}`);
        } catch (err) {
          if (!signal.aborted) this.#o.log(`volumes: cannot update volume ${volume.name} of pod ${entry.pod.metadata?.namespace ?? ''}/${entry.pod.metadata?.name ?? ''}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    });
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  #context(uid: string): PluginContext {
    const client = this.#o.client;
    const getOrUndefined = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read();
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    };
    const sources: ContentSources = {
      getConfigMap: (ref: ObjectRef, signal) => this.#watches.get<ConfigMap>(ref, signal),
      getSecret: (ref: ObjectRef, signal) => this.#watches.get<Secret>(ref, signal),
      token: (ask, signal) => this.#tokens.token(ask, signal),
      allocatable: (signal) => this.#allocatableResources(signal),
    };
    return {
      volumesDir: this.#volumesDir(uid),
      sources,
      getClaim: (ns, name, signal) => getOrUndefined(() => client.resource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS).namespace(ns).get(name, { signal })),
      getVolume: (name, signal) => getOrUndefined(() => client.resource<PersistentVolume>(PERSISTENT_VOLUMES).get(name, { signal })),
      tmpfs: (dir, size) => this.#mountTmpfs(dir, size),
      now: () => this.#o.clock.now(),
    };
  }

  async #mountTmpfs(dir: string, size: bigint | undefined): Promise<boolean> {
    if (this.#tmpfsRefused) return false;
    try {
      await mountTmpfs(dir, size);
      return true;
    } catch (err) {
      // Without the right to mount (an unprivileged agent), files go to disk; say so once.
      this.#tmpfsRefused = true;
      this.#o.log(`volumes: cannot mount tmpfs, memory-backed volumes use the disk: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  /** The node's allocatable resources (the defaults of limits and of tmpfs sizes). */
  async #allocatableResources(signal: AbortSignal): Promise<ResourceList> {
    const now = this.#o.clock.now();
    if (this.#allocatable !== undefined && now - this.#allocatable.at < ALLOCATABLE_TTL_MS) return this.#allocatable.value;
    try {
      const node = await this.#o.client.resource<Node>(NODES).get(this.#o.nodeName, { signal });
      const value = node.status?.allocatable ?? {};
      this.#allocatable = { at: now, value };
      return value;
    } catch (err) {
      if (signal.aborted) throw err;
      // Not registered yet: the machine's own figures stand in.
      return { cpu: String(cpus().length), memory: String(totalmem()) };
    }
  }
}

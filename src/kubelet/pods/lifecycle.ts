// The kubelet's pod lifecycle: watches the pods bound to this node, runs a serialized worker
// per pod (pod-workers.ts) that syncs it (syncer.ts) and writes its status when it changed, and
// confirms deletions once everything is stopped (DELETE with grace 0 and a uid precondition).
// At start it reconciles what the runtime already has: sandboxes and containers of pods that
// still exist are adopted as they are (found by their io.kubernetes.* labels), those of pods
// that are gone are stopped and removed. Container exits are noticed by polling the runtime
// every second (upstream's PLEG relist), which wakes only the pods whose containers changed.

import { readFileSync } from 'node:fs';
import type { Clock, Timer } from '../../api/clock.ts';
import { isNotFound } from '../../api/status-predicates.ts';
import type { Pod, PodStatus } from '../../api/types/core/v1/index.ts';
import { newEventRecorder, type EventRecorder } from '../../client/events/recorder.ts';
import { SharedInformerFactory } from '../../client/informers/factory.ts';
import type { HandlerRegistration, ResourceEventHandler } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../../client/informers/store.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { resourceVersionOf } from '../../client/rest/object-version.ts';
import { resourcePath } from '../../client/rest/resource-client.ts';
import { PATCH_CONTENT_TYPES } from '../../client/rest/types.ts';
import type { ImageService, RuntimeService } from '../cri/runtime.ts';
import { LABEL_POD_UID, type ProbeEvents, type ProbeManager, type VolumeManager } from '../seams.ts';
import { ApiSources, PODS } from './api-sources.ts';
import { Backoff } from './backoff.ts';
import { MIN_GRACE_SECONDS, podKey, type SyncDeps } from './deps.ts';
import { diskPodFiles, type PodFiles } from './pod-files.ts';
import { needsSync } from './needs-sync.ts';
import { newPodState, type PodState } from './pod-state.ts';
import { PodWorkers } from './pod-workers.ts';
import { Relist } from './relist.ts';
import { parseResolvConf, type HostResolv } from './sandbox-config.ts';
import { cacheCaughtUp, ownedStatusFingerprint, STATUS_RECONCILE_MS } from './status-reconcile.ts';
import { carried } from './status.ts';
import { PodSyncer } from './syncer.ts';

export interface PodLifecycleOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly nodeName: string;
  readonly runtime: RuntimeService;
  readonly images: ImageService;
  readonly volumes: VolumeManager;
  readonly prober: ProbeManager;
  readonly podLogsRoot: string;
  readonly podsDir: string;
  /** Where the pod files under podsDir are kept (default: on disk). */
  readonly files?: PodFiles;
  readonly clusterDNS: readonly string[];
  readonly clusterDomain: string;
  readonly hostIP: () => string;
  readonly log: (message: string) => void;
  /**
   * The pods bound to this node, when the caller watches them for many kubelets at once
   * (`k8ts simulate`: one pod watch for every simulated node). Absent: a watch of our own with
   * fieldSelector spec.nodeName=<nodeName>. The source must deliver only this node's pods.
   */
  readonly podSource?: PodSource;
  /** The kubelet's one event recorder (upstream's kubelet has one broadcaster); absent: one of its own. */
  readonly recorder?: EventRecorder;
}

/** The pods bound to one node, as an informer delivers them. */
export interface PodSource {
  waitForSync(signal: AbortSignal): Promise<boolean>;
  /** The pods known now. */
  list(): readonly Pod[];
  addEventHandler(handler: ResourceEventHandler<Pod>): HandlerRegistration;
}

/** Upstream's relist period. */
const POLL_MS = 1_000;
const BACKOFF_INITIAL_MS = 10_000;
const CRASH_BACKOFF_MAX_MS = 300_000;
const PULL_BACKOFF_MAX_MS = 300_000;
const RETRY_MS = 2_000;
const POD_RESOURCE = { group: '', resource: 'pods' };

interface Entry {
  pod: Pod;
  readonly state: PodState;
  /** Gone from the API (deleted without us, or never seen again). */
  gone: boolean;
  /** Terminated and deleted by us; waiting for the informer to drop it. */
  finished: boolean;
  /** ownedStatusFingerprint of the status last written; the API's is compared with it now and then. */
  written?: string;
  /** The pod's resourceVersion that write produced: the cache is compared only once it caught up. */
  writtenVersion?: string | undefined;
  /** The cached pod the last reconcile found agreeing with `written`: the same object agrees again. */
  agreed?: Pod | undefined;
}

function readHostResolv(): HostResolv {
  try {
    return parseResolvConf(readFileSync('/etc/resolv.conf', 'utf8'));
  } catch {
    return { servers: [], searches: [], options: [] };
  }
}

export class PodLifecycle {
  readonly probeEvents: ProbeEvents;
  readonly #o: PodLifecycleOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #workers: PodWorkers;
  readonly #syncer: PodSyncer;
  readonly #recorder: EventRecorder;
  #runtimeName = 'containerd';
  #signal: AbortSignal = new AbortController().signal;
  readonly #relist = new Relist();
  #polling = false;

  constructor(options: PodLifecycleOptions) {
    this.#o = options;
    this.#recorder = options.recorder ?? newEventRecorder(options.client, options.clock, 'kubelet', { apiVersion: 'v1', kind: 'Pod' }, { host: options.nodeName });
    const sources = new ApiSources(options.client, options.clock, options.nodeName);
    let hostResolv: HostResolv | undefined;
    const deps: SyncDeps = {
      runtime: options.runtime, images: options.images, volumes: options.volumes, prober: options.prober,
      recorder: this.#recorder, clock: options.clock, podLogsRoot: options.podLogsRoot, podsDir: options.podsDir, files: options.files ?? diskPodFiles,
      dns: () => ({ clusterDNS: options.clusterDNS, clusterDomain: options.clusterDomain, hostResolv: hostResolv ??= readHostResolv() }),
      hostIPs: () => { const ip = options.hostIP(); return ip === '' ? [] : [ip]; },
      envSources: sources, pullSecrets: (pod) => sources.pullSecrets(pod), runtimeName: () => this.#runtimeName,
      crashBackoff: new Backoff(options.clock, BACKOFF_INITIAL_MS, CRASH_BACKOFF_MAX_MS),
      pullBackoff: new Backoff(options.clock, BACKOFF_INITIAL_MS, PULL_BACKOFF_MAX_MS),
      log: options.log,
    };
    this.#syncer = new PodSyncer(deps);
    this.#workers = new PodWorkers(options.clock, (uid) => this.#syncOne(uid));
    this.probeEvents = {
      unhealthy: (pod, containerName, containerId, message) => {
        const uid = pod.metadata?.uid ?? '';
        const entry = this.#entries.get(uid);
        if (entry === undefined) return;
        entry.state.unhealthy.set(containerId, message !== '' ? message : `Container ${containerName} failed liveness probe`);
        this.#workers.trigger(uid);
      },
      changed: (podUid) => {
        if (this.#entries.has(podUid)) this.#workers.trigger(podUid);
      },
    };
  }

  /** Pods this node runs (not finished, not being torn down). */
  runningPods(): number {
    let n = 0;
    for (const e of this.#entries.values()) {
      const phase = e.pod.status?.phase;
      if (!e.gone && !e.finished && phase !== 'Succeeded' && phase !== 'Failed') n++;
    }
    return n;
  }

  async run(signal: AbortSignal): Promise<void> {
    this.#signal = signal;
    const o = this.#o;
    this.#runtimeName = await this.#waitForRuntime(signal);
    if (signal.aborted) return;
    let factory: SharedInformerFactory | undefined;
    let source = o.podSource;
    if (source === undefined) {
      factory = new SharedInformerFactory(o.client, { fieldSelector: `spec.nodeName=${o.nodeName}` });
      const informer = factory.forResource<Pod>(PODS);
      source = { waitForSync: (s) => informer.waitForSync(s), list: () => informer.lister().list(), addEventHandler: (h) => informer.addEventHandler(h) };
      factory.start(signal);
    }
    if (!(await source.waitForSync(signal))) {
      await factory?.shutdown();
      return;
    }
    await this.#removeOrphans(source).catch((err) => o.log(`pods: cleaning up after a restart failed: ${String(err)}`));
    const registration = source.addEventHandler({
      onAdd: (pod) => this.#upsert(pod),
      onUpdate: (old, pod) => this.#upsert(pod, needsSync(old, pod)),
      onDelete: (obj) => {
        const pod = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
        const uid = pod.metadata?.uid ?? '';
        const entry = this.#entries.get(uid);
        if (entry === undefined) return;
        if (entry.finished) {
          this.#entries.delete(uid);
          this.#workers.forget(uid);
          return;
        }
        entry.gone = true;
        this.#workers.trigger(uid);
      },
    });
    const poll: Timer = o.clock.every(POLL_MS, () => void this.#poll());
    const reconcile: Timer = o.clock.every(STATUS_RECONCILE_MS, () => this.#reconcileStatuses());
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    poll.cancel();
    reconcile.cancel();
    registration.remove();
    await this.#workers.stop();
    await factory?.shutdown();
  }

  async #waitForRuntime(signal: AbortSignal): Promise<string> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        return (await this.#o.runtime.version()).runtimeName;
      } catch (err) {
        if (attempt % 10 === 0) this.#o.log(`pods: container runtime not answering yet: ${err instanceof Error ? err.message : String(err)}`);
        await new Promise<void>((resolve) => {
          const t = this.#o.clock.after(RETRY_MS, resolve);
          signal.addEventListener('abort', () => { t.cancel(); resolve(); }, { once: true });
        });
      }
    }
    return 'containerd';
  }

  #upsert(pod: Pod, sync = true): void {
    const uid = pod.metadata?.uid ?? '';
    if (uid === '') return;
    const entry = this.#entries.get(uid);
    if (entry === undefined) this.#entries.set(uid, { pod, state: newPodState(), gone: false, finished: false });
    else entry.pod = pod;
    if (sync || entry === undefined) this.#workers.trigger(uid);
  }

  /** One sync of one pod; answers when to sync again (a back-off ending), if ever. */
  async #syncOne(uid: string): Promise<number | undefined> {
    const entry = this.#entries.get(uid);
    const signal = this.#signal;
    if (entry === undefined || entry.finished || signal.aborted) return undefined;
    const pod = entry.pod;
    const o = this.#o;
    try {
      if (entry.gone) {
        await this.#syncer.terminate(pod, entry.state, signal, MIN_GRACE_SECONDS);
        this.#entries.delete(uid);
        this.#workers.forget(uid);
        return undefined;
      }
      if (pod.metadata?.deletionTimestamp !== undefined) {
        const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
        const status = await this.#syncer.terminate(pod, entry.state, signal, grace);
        entry.state.generated = carried(status);
        await this.#writeStatus(entry, status);
        await this.#confirmDeletion(pod, signal);
        entry.finished = true;
        return undefined;
      }
      entry.state.wakeAt = undefined;
      const status = await this.#syncer.sync(pod, entry.state, signal);
      entry.state.generated = carried(status);
      await this.#writeStatus(entry, status);
      return entry.state.wakeAt;
    } catch (err) {
      if (!signal.aborted) o.log(`pods: sync of ${podKey(pod)} failed: ${err instanceof Error ? err.message : String(err)}`);
      return o.clock.now() + RETRY_MS;
    }
  }

  /**
   * A strategic merge patch of the whole status, as upstream's status manager sends: conditions
   * merge by type, so a readiness-gate condition another writer set meanwhile is not lost. The
   * lists merged by key (podIPs, hostIPs) are replaced (`$patch: replace`), so a sandbox
   * recreated with a new IP does not leave the old one beside it. The whole status (not a diff
   * from the cached pod) is sent, so a stale cache never hides a field the server lost.
   */
  async #writeStatus(entry: Entry, status: PodStatus): Promise<void> {
    const replace = (key: 'podIPs' | 'hostIPs'): object => (status[key] === undefined ? {} : { [key]: [{ $patch: 'replace' }, ...status[key]] });
    // The patch is a function of the status alone: its JSON serves both as the body and as
    // what is compared with the last write (one serialization per sync).
    const json = JSON.stringify({ status: { ...status, ...replace('podIPs'), ...replace('hostIPs') } });
    if (json === entry.state.lastWritten) return;
    const pod = entry.pod;
    const name = pod.metadata?.name ?? '';
    try {
      // Of the pod the server answers, only the version this write made is kept.
      const version = await this.#o.client.request<string | undefined>({
        method: 'PATCH', path: resourcePath(PODS, pod.metadata?.namespace ?? '', name, 'status'), bodyJson: json,
        contentType: PATCH_CONTENT_TYPES.strategic, resource: POD_RESOURCE, name, signal: this.#signal, decode: resourceVersionOf,
      });
      entry.state.lastWritten = json;
      entry.written = ownedStatusFingerprint(status);
      entry.agreed = undefined;
      entry.writtenVersion = version;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async #confirmDeletion(pod: Pod, signal: AbortSignal): Promise<void> {
    const uid = pod.metadata?.uid ?? '';
    try {
      await this.#o.client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '')
        .delete(pod.metadata?.name ?? '', { signal, body: { gracePeriodSeconds: 0, preconditions: { uid } } });
    } catch (err) {
      // Gone already, or a new pod of the same name (the uid precondition failed).
      if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
    }
  }

  /** Stops and removes sandboxes (and volumes) of pods that no longer exist. */
  async #removeOrphans(source: PodSource): Promise<void> {
    const o = this.#o;
    const known = new Set(source.list().map((p) => p.metadata?.uid ?? ''));
    const orphans = new Map<string, Pod>();
    for (const s of await o.runtime.listPodSandbox()) {
      const uid = s.labels[LABEL_POD_UID];
      if (uid === undefined || known.has(uid)) continue;
      orphans.set(uid, { metadata: { uid, name: s.metadata?.name ?? '', namespace: s.metadata?.namespace ?? '' } });
    }
    for (const uid of await o.volumes.podsOnDisk()) {
      if (!known.has(uid) && !orphans.has(uid)) await o.volumes.tearDownPod(uid);
    }
    for (const [uid, pod] of orphans) {
      o.log(`pods: removing what is left of pod ${podKey(pod)} (${uid}), which no longer exists`);
      await this.#syncer.terminate(pod, newPodState(), this.#signal, MIN_GRACE_SECONDS);
    }
  }

  /**
   * Pods whose status in the API differs from what we last wrote in what the kubelet owns (see
   * status-reconcile.ts) are synced and their status written again, even though it did not
   * change on our side.
   */
  #reconcileStatuses(): void {
    if (this.#signal.aborted) return;
    for (const [uid, entry] of this.#entries) {
      if (entry.gone || entry.finished || entry.written === undefined || entry.agreed === entry.pod) continue;
      if (!cacheCaughtUp(entry.pod.metadata?.resourceVersion, entry.writtenVersion)) continue;
      if (ownedStatusFingerprint(entry.pod.status) === entry.written) {
        entry.agreed = entry.pod;
        continue;
      }
      entry.state.lastWritten = undefined;
      this.#workers.trigger(uid);
    }
  }

  /**
   * Wakes the pods whose containers changed state since the last poll, unless the pod's own
   * last sync already saw them as they are now (it started them): that sync would change nothing.
   */
  async #poll(): Promise<void> {
    if (this.#polling || this.#signal.aborted) return;
    this.#polling = true;
    try {
      for (const [uid, now] of this.#relist.changes(await this.#o.runtime.listContainers())) {
        const entry = this.#entries.get(uid);
        if (entry !== undefined && now !== entry.state.seen) this.#workers.trigger(uid);
      }
    } catch (err) {
      this.#o.log(`pods: listing containers failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.#polling = false;
    }
  }
}

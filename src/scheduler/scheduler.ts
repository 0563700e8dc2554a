// The scheduler (upstream's Scheduler): informers feed the cache and the queue; one loop pops a
// pod, runs its profile's scheduling cycle against a snapshot, assumes the pod on the chosen
// node and binds it in the background, so the next cycle already counts it. Failures become a
// FailedScheduling event, a PodScheduled=False condition and a requeue.

import { setMaxListeners } from 'node:events';
import { realClock, type Clock } from '../api/clock.ts';
import type { Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service } from '../api/types/core/v1/index.ts';
import type { StorageClass } from '../api/types/storage/v1/index.ts';
import type { PodDisruptionBudget } from '../api/types/policy/v1/index.ts';
import { SharedInformerFactory } from '../client/informers/factory.ts';
import { trimManagedFields } from '../client/informers/shared-informer.ts';
import type { RestClient } from '../client/rest/client.ts';
import type { KubeObject } from '../client/rest/types.ts';
import { SchedulerApi } from './api-actions.ts';
import { SchedulerMetrics } from './metrics.ts';
import { schedulerConfig, type SchedulerConfig } from './config/config.ts';
import { defaultSelector } from './default-selector.ts';
import { isAssigned, registerHandlers } from './event-handlers.ts';
import { Cache } from './framework/cache.ts';
import { CycleState } from './framework/cycle-state.ts';
import { Framework, type Registry } from './framework/framework.ts';
import { FitError, PodScheduler } from './framework/schedule-pod.ts';
import { SchedulingQueue } from './framework/queue.ts';
import { Nominator } from './framework/nominator.ts';
import { Snapshot } from './framework/snapshot.ts';
import { isSuccess, message, type Status } from './framework/status.ts';
import type { QueuedPodInfo } from './framework/types.ts';
import type { SpreadHandle } from './plugins/pod-topology-spread/pod-topology-spread.ts';
import { inTreeQueueingHints } from './plugins/queueing-hints.ts';
import { inTreeRegistry } from './plugins/registry.ts';
import { NAMESPACES, NODES, PDBS, PODS, PVCS, PVS, REPLICA_SETS, SERVICES, STATEFUL_SETS, STORAGE_CLASSES } from './resources.ts';

/** The longest stretch of back-to-back scheduling cycles before the loop lets I/O run. */
const YIELD_EVERY_MS = 10;
/**
 * Bindings and status writes the loop lets run at once; past this it waits for one to finish.
 * Upstream's client rate limit plays this part: without it, thousands of pods that fit nowhere
 * turn into as many concurrent status writes and swamp the API server.
 */
const MAX_IN_FLIGHT = 64;

export interface SchedulerOptions {
  readonly client: RestClient;
  readonly config?: SchedulerConfig;
  readonly clock?: Clock;
  /** Extra (out-of-tree) plugins, merged over the in-tree ones. */
  readonly registry?: Registry;
  readonly random?: () => number;
  readonly log?: (message: string) => void;
  /** Where attempts and queue lengths are counted; shared across leader terms by runScheduler. */
  readonly metrics?: SchedulerMetrics;
}

export class Scheduler {
  readonly cache = new Cache();
  readonly metrics: SchedulerMetrics;
  readonly queue: SchedulingQueue;
  readonly #o: SchedulerOptions;
  readonly #clock: Clock;
  readonly #api: SchedulerApi;
  readonly #informers: SharedInformerFactory;
  readonly #frameworks = new Map<string, Framework>();
  readonly #podScheduler: PodScheduler;
  /** Bindings and status writes under way. */
  readonly #inFlight = new Set<Promise<void>>();
  /** Kept current by the cache between cycles; a cycle reads it and nothing else. */
  readonly #snapshot = new Snapshot();
  /** Pods nominated to nodes by preemption: Filter keeps their room for them. */
  readonly #nominator = new Nominator();
  /** run()'s signal, for the binding cycles it starts (VolumeBinding's PreBind waits on it). */
  #stop: AbortSignal = new AbortController().signal;

  /** Builds the profiles (throws on an unknown plugin); does no I/O. */
  constructor(o: SchedulerOptions) {
    this.#o = o;
    this.#clock = o.clock ?? realClock;
    this.metrics = o.metrics ?? new SchedulerMetrics();
    const config = o.config ?? schedulerConfig();
    this.#api = new SchedulerApi(o.client, this.#clock);
    // No plugin reads managedFields: the cache keeps every pod and node without them (less
    // memory, and less for the collector when the scheduler is hosted in the API server).
    this.#informers = new SharedInformerFactory(o.client, { clock: this.#clock, transform: trimManagedFields, dropManagedFields: true });
    this.#podScheduler = new PodScheduler(o.random);
    const f = this.#informers;
    const namespaces = f.forResource<Namespace>(NAMESPACES).lister();
    const pdbs = f.forResource<PodDisruptionBudget>(PDBS).lister();
    const listers = {
      services: f.forResource<Service>(SERVICES).lister(),
      replicaSets: f.forResource<KubeObject>(REPLICA_SETS).lister(),
      statefulSets: f.forResource<KubeObject>(STATEFUL_SETS).lister(),
    };
    const claims = f.forResource<PersistentVolumeClaim>(PVCS).lister();
    const volumes = f.forResource<PersistentVolume>(PVS).lister();
    const classes = f.forResource<StorageClass>(STORAGE_CLASSES).lister();
    const pods = f.forResource<Pod>(PODS).lister();
    const handle: Omit<SpreadHandle, 'runFilters'> = {
      clock: this.#clock, api: this.#api,
      volumes: {
        claim: (ns, name) => claims.namespace(ns).get(name),
        volume: (name) => volumes.get(name),
        volumes: () => volumes.list(),
        storageClass: (name) => classes.get(name),
        pod: (ns, name) => pods.namespace(ns).get(name),
      },
      namespace: (name) => namespaces.get(name),
      pdbs: (ns) => pdbs.namespace(ns).list(),
      defaultSpreadSelector: (pod) => defaultSelector(pod, listers),
    };
    const registry = { ...inTreeRegistry(), ...o.registry };
    for (const profile of config.profiles) this.#frameworks.set(profile.schedulerName, new Framework(profile, registry, handle));
    const first = [...this.#frameworks.values()][0];
    if (first === undefined) throw new Error('scheduler: no profiles');
    this.queue = new SchedulingQueue({
      clock: this.#clock, less: (a, b) => first.less(a, b),
      preEnqueue: (pod) => this.#frameworkFor(pod)?.runPreEnqueue(pod) ?? { code: 'Success', reasons: [] },
      initialBackoffMs: config.podInitialBackoffMs, maxBackoffMs: config.podMaxBackoffMs, hints: inTreeQueueingHints(),
    });
  }

  /** Watches, schedules and binds until `signal` aborts; in-flight bindings are awaited. */
  async run(signal: AbortSignal): Promise<void> {
    // One listener per informer, reflector and the queue: more than Node's default warning limit.
    setMaxListeners(100, signal);
    this.#stop = signal;
    const pods = this.#informers.forResource<Pod>(PODS);
    const nodes = this.#informers.forResource<Node>(NODES);
    const volumeInformers = {
      claims: this.#informers.forResource<KubeObject>(PVCS), volumes: this.#informers.forResource<KubeObject>(PVS),
      classes: this.#informers.forResource<KubeObject>(STORAGE_CLASSES),
    };
    registerHandlers(pods, nodes, this.cache, this.queue, (pod) => this.#frameworkFor(pod) !== undefined, this.#nominator, volumeInformers);
    this.#informers.start(signal);
    await this.#informers.waitForCacheSync(signal);
    this.queue.run(signal);
    this.metrics.watchQueue(() => this.queue.lengths());
    this.#log(`scheduling with profiles ${[...this.#frameworks.keys()].join(', ')}`);
    const podLister = pods.lister();
    let sliceStart = performance.now();
    while (!signal.aborted) {
      // Cycles that find the queue non-empty never leave the microtask queue: give I/O (the
      // bindings just sent, informer events, and the API server when it shares the process) a
      // turn every few milliseconds, as a scheduler on its own thread would.
      if (performance.now() - sliceStart > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      while (this.#inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.#inFlight).catch(() => undefined);
      const info = await this.queue.pop(signal);
      if (info === undefined) break;
      const current = podLister.namespace(info.pod.metadata?.namespace ?? '').get(info.pod.metadata?.name ?? '');
      if (current === undefined || isAssigned(current) || current.metadata?.deletionTimestamp || this.cache.isAssumed(current)) {
        this.queue.done(info.pod);
        continue;
      }
      info.pod = current;
      try {
        await this.#scheduleOne(info);
      } catch (err) {
        this.#log(`scheduling ${podName(info.pod)}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        this.metrics.attempt('error', this.#frameworkFor(info.pod)?.schedulerName ?? '', 0);
        this.queue.addUnschedulable(info, this.queue.schedulingCycle, true);
      }
    }
    await Promise.allSettled([...this.#inFlight]);
    await this.#informers.shutdown();
  }

  #frameworkFor(pod: Pod): Framework | undefined {
    return this.#frameworks.get(pod.spec?.schedulerName || 'default-scheduler');
  }

  async #scheduleOne(info: QueuedPodInfo): Promise<void> {
    const pod = info.pod;
    const fwk = this.#frameworkFor(pod);
    if (fwk === undefined) {
      this.queue.done(pod);
      return;
    }
    const attempt: Attempt = { info, podCycle: this.queue.schedulingCycle, started: this.#clock.now(), profile: fwk.schedulerName };
    this.cache.updateSnapshot(this.#snapshot);
    const state = new CycleState(this.#snapshot);
    let nodeName: string;
    try {
      const nominated = this.#nominator.size === 0 ? undefined : (n: string) => this.#nominator.podsOn(n);
      nodeName = this.#podScheduler.schedule(fwk, state, pod, nominated).nodeName;
    } catch (err) {
      if (!(err instanceof FitError)) {
        info.unschedulablePlugins = new Set();
        this.#fail(attempt, 'SchedulerError', err instanceof Error ? err.message : String(err), true);
        return;
      }
      info.unschedulablePlugins = rejectingPlugins(err.diagnosis.statuses.values());
      let nominated: string | undefined;
      if (fwk.postFilters.length > 0) {
        this.metrics.preemptionAttempt();
        const r = await fwk.runPostFilter(state, pod, err.diagnosis.statuses);
        if (isSuccess(r.status)) nominated = r.nominatedNodeName;
        else err.diagnosis.postFilterMessage = message(r.status);
        if (r.status.code === 'Error') this.#log(`preemption for ${podName(pod)}: ${message(r.status)}`);
      }
      this.#fail(attempt, 'Unschedulable', err.summary(), false, nominated);
      return;
    }
    const assumed: Pod = { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName } };
    this.cache.assumePod(assumed);
    this.#nominator.delete(pod);
    let s = fwk.runReserve(state, assumed, nodeName);
    if (isSuccess(s)) s = fwk.runPermit(state, assumed, nodeName);
    if (!isSuccess(s)) {
      fwk.runUnreserve(state, assumed, nodeName);
      this.cache.forgetPod(assumed);
      info.unschedulablePlugins = rejectingPlugins([s]);
      this.#fail(attempt, s.code === 'Error' ? 'SchedulerError' : 'Unschedulable', message(s), s.code === 'Error');
      return;
    }
    this.#background(this.#bind(fwk, state, attempt, assumed, nodeName));
  }

  /** The binding cycle, off the scheduling loop: the next pod is scheduled meanwhile. */
  async #bind(fwk: Framework, state: CycleState, attempt: Attempt, assumed: Pod, nodeName: string): Promise<void> {
    const s = await fwk.runBindingCycle(state, assumed, nodeName, this.#stop);
    if (isSuccess(s)) {
      this.queue.done(assumed);
      const now = this.#clock.now();
      this.metrics.attempt('scheduled', attempt.profile, (now - attempt.started) / 1000);
      this.metrics.podScheduled(attempt.info.attempts, (now - attempt.info.initialAttemptTimestamp) / 1000);
      this.#api.event(assumed, 'Normal', 'Scheduled', `Successfully assigned ${podName(assumed)} to ${nodeName}`);
      return;
    }
    fwk.runUnreserve(state, assumed, nodeName);
    this.cache.forgetPod(assumed);
    this.queue.moveAllToActiveOrBackoff();
    this.#fail(attempt, s.code === 'Error' ? 'SchedulerError' : 'Unschedulable', message(s), s.code === 'Error');
  }

  /**
   * FailedScheduling event, PodScheduled=False, then back to the queue; in the background, so
   * the loop goes on with the next pod while the status write is under way.
   */
  #fail(attempt: Attempt, reason: string, msg: string, error: boolean, nominated?: string): void {
    const info = attempt.info;
    const pod = info.pod;
    this.metrics.attempt(error ? 'error' : 'unschedulable', attempt.profile, (this.#clock.now() - attempt.started) / 1000);
    this.#api.event(pod, 'Warning', 'FailedScheduling', msg);
    if (nominated !== undefined && nominated !== '') this.#nominator.set(pod, nominated);
    this.#background((async () => {
      try {
        await this.#api.markUnschedulable(pod, reason, msg, nominated);
      } catch (err) {
        this.#log(`updating status of ${podName(pod)}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (nominated !== undefined) info.pod = { ...pod, status: { ...pod.status, nominatedNodeName: nominated } };
      this.queue.addUnschedulable(info, attempt.podCycle, error);
    })());
  }

  /** Tracks work the loop does not wait for; run() awaits what is left when it stops. */
  #background(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  #log(msg: string): void {
    (this.#o.log ?? ((m: string) => process.stderr.write(`${new Date(this.#clock.now()).toISOString()} scheduler: ${m}\n`)))(msg);
  }
}

/** One scheduling attempt of one pod, for the failure path and the metrics. */
interface Attempt {
  readonly info: QueuedPodInfo;
  /** The queue's scheduling cycle when the pod was popped. */
  readonly podCycle: number;
  /** Clock time (ms) the attempt began. */
  readonly started: number;
  readonly profile: string;
}

/** The plugins behind rejections, for the queue's choice of events that may help. */
function rejectingPlugins(statuses: Iterable<Status>): Set<string> {
  const out = new Set<string>();
  for (const s of statuses) if (s.plugin !== undefined && s.code !== 'Error') out.add(s.plugin);
  return out;
}

function podName(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

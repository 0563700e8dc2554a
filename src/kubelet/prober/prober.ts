// The kubelet's prober (ProbeManager in ../seams.ts). The pod worker adds each running
// container with its CRI id; the prober runs a worker per probe the container declares and
// keeps the results per container:
//   - started: true when there is no startup probe, else once it has succeeded; liveness and
//     readiness probes do not run before. A success triggers the readiness probe at once.
//   - ready: false until the readiness probe succeeds (true with none), and only once started.
//   - after failureThreshold liveness (or startup) failures in a row, events.unhealthy is called
//     once for that container, and that probe stops. The message is upstream's for the Killing
//     event: "Container NAME failed liveness probe, will be restarted" (startup likewise; no
//     ", will be restarted" when restartPolicy is Never).
// Every run that fails records a Warning "Unhealthy" event ("Liveness probe failed: …"), an
// errored run "… probe errored and resulted in unknown state: …", a redirect not followed a
// Warning "ProbeWarning"; events.changed(podUid) follows every change of ready or started.
// Timers live from addContainer to removeContainer/removePod; run(signal) stops them all.

import type { Clock } from '../../api/clock.ts';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import type { ProbeEvents, ProbeManager, ProbeState } from '../seams.ts';
import { runProbe } from './handler.ts';
import { ProbeWorker, probeTiming, type ProbeKind } from './worker.ts';

export interface ProberOptions {
  readonly runtime: RuntimeService;
  readonly clock: Clock;
  readonly events: ProbeEvents;
  /** The pod's IP, which httpGet/tcpSocket (without host) and grpc probes connect to. */
  readonly podIP: (podUid: string) => string | undefined;
  readonly recordEvent?: (pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string) => void;
  readonly log: (message: string) => void;
  /** Source of the start-up jitter, in [0, 1); Math.random unless a test fixes it. */
  readonly random?: () => number;
}

type Result = 'success' | 'failure' | 'unknown';

interface Entry {
  readonly pod: Pod;
  readonly podUid: string;
  readonly container: Container;
  readonly containerId: string;
  readonly workers: Map<ProbeKind, ProbeWorker>;
  readonly results: Record<ProbeKind, Result>;
  unhealthyReported: boolean;
}

const KIND_NAME: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export class Prober implements ProbeManager {
  readonly #o: ProberOptions;
  readonly #started: number;
  readonly #entries = new Map<string, Entry>();
  #closed = false;

  constructor(options: ProberOptions) {
    this.#o = options;
    this.#started = options.clock.now();
  }

  /** Until `signal` aborts; then every worker stops and later additions are ignored. */
  run(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const close = (): void => {
        this.#closed = true;
        for (const id of [...this.#entries.keys()]) this.removeContainer(id);
        resolve();
      };
      if (signal.aborted) close();
      else signal.addEventListener('abort', close, { once: true });
    });
  }

  addContainer(pod: Pod, container: Container, containerId: string, startedAt: Date): void {
    if (this.#closed || this.#entries.has(containerId)) return;
    const podUid = pod.metadata?.uid ?? '';
    const deleting = pod.metadata?.deletionTimestamp != null;
    const entry: Entry = {
      pod, podUid, container, containerId, workers: new Map(), unhealthyReported: false,
      // Upstream's initial values: not ready, liveness assumed fine, startup not known.
      // A pod being deleted is not probed for liveness or startup (a quiet shutdown).
      results: { readiness: 'failure', liveness: 'success', startup: deleting ? 'success' : 'unknown' },
    };
    this.#entries.set(containerId, entry);
    const probes: [ProbeKind, Container['livenessProbe']][] = [
      ['startup', deleting ? undefined : container.startupProbe],
      ['readiness', container.readinessProbe],
      ['liveness', deleting ? undefined : container.livenessProbe],
    ];
    for (const [kind, spec] of probes) {
      if (spec === undefined || spec === null) continue;
      const timing = probeTiming(kind, spec);
      const period = timing.periodSeconds * 1000;
      const justStarted = this.#o.clock.now() - this.#started < period;
      const worker = new ProbeWorker({
        kind, timing, clock: this.#o.clock, startedAt: startedAt.getTime(),
        firstRunDelayMs: justStarted ? Math.floor((this.#o.random ?? Math.random)() * period) : 0,
        mayRun: () => kind === 'startup' || this.#isStarted(entry),
        probe: (signal) => this.#probe(entry, kind, signal),
        report: (result) => this.#report(entry, kind, result),
      });
      entry.workers.set(kind, worker);
    }
    for (const worker of entry.workers.values()) worker.start();
  }

  removeContainer(containerId: string): void {
    const entry = this.#entries.get(containerId);
    if (entry === undefined) return;
    this.#entries.delete(containerId);
    for (const worker of entry.workers.values()) worker.stop();
  }

  removePod(podUid: string): void {
    for (const [id, entry] of [...this.#entries]) if (entry.podUid === podUid) this.removeContainer(id);
  }

  /**
   * For a pod whose termination has begun (not part of ProbeManager; upstream's
   * StopLivenessAndStartup): its liveness and startup probes stop, so a container on its way
   * out is not reported unhealthy; a container without a startup result counts as started, and
   * readiness goes on until the containers are removed.
   */
  stopLivenessAndStartup(podUid: string): void {
    for (const entry of this.#entries.values()) {
      if (entry.podUid !== podUid) continue;
      const before = this.#state(entry);
      for (const kind of ['liveness', 'startup'] as const) {
        entry.workers.get(kind)?.stop();
        entry.results[kind] = 'success';
      }
      const after = this.#state(entry);
      if (before.ready !== after.ready || before.started !== after.started) {
        this.#guard('changed', () => this.#o.events.changed(entry.podUid));
      }
    }
  }

  state(containerId: string): ProbeState | undefined {
    const entry = this.#entries.get(containerId);
    return entry === undefined ? undefined : this.#state(entry);
  }

  #state(entry: Entry): ProbeState {
    const started = this.#isStarted(entry);
    const ready = started && (entry.container.readinessProbe == null || entry.results.readiness === 'success');
    return { ready, started };
  }

  #isStarted(entry: Entry): boolean {
    return entry.container.startupProbe == null || entry.results.startup === 'success';
  }

  async #probe(entry: Entry, kind: ProbeKind, signal: AbortSignal): Promise<'success' | 'failure' | undefined> {
    const spec = kind === 'liveness' ? entry.container.livenessProbe : kind === 'readiness' ? entry.container.readinessProbe : entry.container.startupProbe;
    if (spec == null) return undefined;
    const outcome = await runProbe(spec, {
      runtime: this.#o.runtime, clock: this.#o.clock, container: entry.container, containerId: entry.containerId,
      podIP: this.#o.podIP(entry.podUid), signal,
    });
    // A worker stopped mid-run (container removed) has nothing to report.
    if (signal.aborted) return undefined;
    const name = KIND_NAME[kind];
    switch (outcome.result) {
      case 'success':
        return 'success';
      case 'warning':
        this.#event(entry, 'ProbeWarning', `${name} probe warning: ${outcome.output}`);
        return 'success';
      case 'failure':
        this.#event(entry, 'Unhealthy', `${name} probe failed: ${outcome.output}`);
        return 'failure';
      case 'error':
        this.#event(entry, 'Unhealthy', `${name} probe errored and resulted in ${outcome.state} state: ${outcome.error}`);
        return undefined;
    }
  }

  #report(entry: Entry, kind: ProbeKind, result: 'success' | 'failure'): void {
    if (this.#entries.get(entry.containerId) !== entry) return;
    const before = this.#state(entry);
    entry.results[kind] = result;
    if (kind === 'startup' && result === 'success') {
      // Started for good: the startup probe has done its job, and readiness may run now.
      entry.workers.get('startup')?.stop();
      entry.workers.get('readiness')?.trigger();
    }
    if (kind !== 'readiness' && result === 'failure' && !entry.unhealthyReported) {
      entry.unhealthyReported = true;
      const restarts = entry.pod.spec?.restartPolicy !== 'Never';
      const message = `Container ${entry.container.name} failed ${kind} probe${restarts ? ', will be restarted' : ''}`;
      this.#guard('unhealthy', () => this.#o.events.unhealthy(entry.pod, entry.container.name, entry.containerId, message));
    }
    const after = this.#state(entry);
    if (before.ready !== after.ready || before.started !== after.started) {
      this.#guard('changed', () => this.#o.events.changed(entry.podUid));
    }
  }

  #event(entry: Entry, reason: string, message: string): void {
    const record = this.#o.recordEvent;
    if (record === undefined) {
      this.#o.log(`pod ${entry.pod.metadata?.namespace}/${entry.pod.metadata?.name} container ${entry.container.name}: ${message}`);
      return;
    }
    this.#guard('recordEvent', () => record(entry.pod, 'Warning', reason, message));
  }

  /** Callbacks belong to other parts; one that throws is logged, never allowed to stop probing. */
  #guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#o.log(`prober: ${what} callback failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

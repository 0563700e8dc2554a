// The prober of a simulated node (ProbeManager in ../seams.ts): the kubelet's own Prober
// (timing, thresholds, Unhealthy events, restarts on liveness failure) over the in-memory
// runtime, with one difference: simulated pods have no network, so an httpGet, tcpSocket or
// grpc probe is run as an exec probe of `true`, which always succeeds. Exec probes run the
// command through the runtime's execSync, so `sh -c "exit 1"` fails as it would in a container.

import type { Clock } from '../../api/clock.ts';
import type { Container, Pod, Probe } from '../../api/types/core/v1/index.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import { Prober } from '../prober/prober.ts';
import type { ProbeEvents, ProbeManager, ProbeState } from '../seams.ts';

export interface SimulatedProberOptions {
  readonly runtime: RuntimeService;
  readonly clock: Clock;
  readonly events: ProbeEvents;
  readonly recordEvent?: (pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string) => void;
  readonly log: (message: string) => void;
}

/** The probe as a simulated node runs it: network handlers become `exec true`, timing kept. */
export function simulatedProbe(probe: Probe | null | undefined): Probe | undefined {
  if (probe == null) return undefined;
  if (probe.exec != null) return probe;
  const { httpGet: _http, tcpSocket: _tcp, grpc: _grpc, ...timing } = probe;
  return { ...timing, exec: { command: ['true'] } };
}

export class SimulatedProber implements ProbeManager {
  readonly #prober: Prober;

  constructor(o: SimulatedProberOptions) {
    this.#prober = new Prober({
      runtime: o.runtime, clock: o.clock, events: o.events, log: o.log, podIP: () => undefined,
      ...(o.recordEvent === undefined ? {} : { recordEvent: o.recordEvent }),
    });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.#prober.run(signal);
  }

  /**
   * A container without any probe is not registered: the prober would only keep the pod and
   * container for it (a few KiB per pod, 10,000 pods on a simulate process), and without an
   * entry its state is what the status assumes for a container without probes (started, ready).
   */
  addContainer(pod: Pod, container: Container, containerId: string, startedAt: Date): void {
    const probes = { livenessProbe: simulatedProbe(container.livenessProbe), readinessProbe: simulatedProbe(container.readinessProbe), startupProbe: simulatedProbe(container.startupProbe) };
    if (Object.values(probes).every((p) => p === undefined)) return;
    const rewritten: Container = { ...container };
    for (const [key, value] of Object.entries(probes) as [keyof typeof probes, Probe | undefined][]) {
      if (value === undefined) delete rewritten[key];
      else rewritten[key] = value;
    }
    this.#prober.addContainer(pod, rewritten, containerId, startedAt);
  }

  removeContainer(containerId: string): void {
    this.#prober.removeContainer(containerId);
  }

  removePod(podUid: string): void {
    this.#prober.removePod(podUid);
  }


  state(containerId: string): ProbeState | undefined {
    return this.#prober.state(containerId);
  }
}

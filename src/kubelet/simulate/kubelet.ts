// One simulated node's pod side: the kubelet's own pod workers (PodLifecycle) over an in-memory
// runtime (FakeRuntime/FakeImageService: containers run and exit as fakeruntime/commands.ts
// says), the simulated volume manager and prober. Pod IPs come from the node's spec.podCIDR:
// as the real agent, it waits for node IPAM to assign one (at most POD_CIDR_WAIT_MS, so a
// cluster without a controller-manager still runs pods, from fallbackPodCidr), and a range
// assigned later is used for the sandboxes started after it. The pod files the kubelet keeps
// (/etc/hosts, termination logs) and the container logs are kept in memory (pods/pod-files.ts:
// no container and no log server reads them); paths are still named under `dir`.

import { join } from 'node:path';
import type { Clock } from '../../api/clock.ts';
import type { Node } from '../../api/types/core/v1/index.ts';
import { newEventRecorder } from '../../client/events/recorder.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { FakeImageService } from '../fakeruntime/images.ts';
import { FakeRuntime } from '../fakeruntime/runtime.ts';
import { PodLifecycle, type PodSource } from '../pods/lifecycle.ts';
import { MemoryPodFiles } from '../pods/pod-files.ts';
import type { ProbeEvents } from '../seams.ts';
import { fallbackPodCidr, loopbackAddress, parseIpv4Cidr } from './ip-pool.ts';
import { SimulatedProber } from './prober.ts';
import { SimulatedVolumeManager } from './volumes.ts';

/** How long a node waits for node IPAM before it uses its fallback range. */
export const POD_CIDR_WAIT_MS = 10_000;
const POD_CIDR_POLL_MS = 250;

export interface SimulatedKubeletOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly nodeName: string;
  /** The node as the shared node informer last saw it. */
  readonly cachedNode: () => Node | undefined;
  readonly pods: PodSource;
  /** This node's directory for pod files and container logs. */
  readonly dir: string;
  /** Images (normalised, e.g. docker.io/library/busybox:1.36) that fail to pull; default none. */
  readonly unpullable?: RegExp;
  readonly clusterDNS: string;
  readonly clusterDomain: string;
  readonly log: (message: string) => void;
}

export class SimulatedKubelet {
  readonly #o: SimulatedKubeletOptions;
  #runtime: FakeRuntime | undefined;
  #lifecycle: PodLifecycle | undefined;

  constructor(options: SimulatedKubeletOptions) {
    this.#o = options;
  }

  /** Pods this node runs now (0 before its pod workers start). */
  runningPods(): number {
    return this.#lifecycle?.runningPods() ?? 0;
  }

  /** The node's pod CIDR changed (node IPAM): new sandboxes take their IPs from it. Ignores a malformed one. */
  podCidrChanged(cidr: string | undefined): void {
    if (cidr !== undefined && parseIpv4Cidr(cidr) !== undefined) this.#runtime?.setPodCidr(cidr);
  }

  /** Runs the pod workers until `signal` aborts; every container timer is cancelled then. */
  async run(signal: AbortSignal): Promise<void> {
    const o = this.#o;
    const cidr = await this.#waitForPodCidr(signal);
    if (signal.aborted) return;
    const unpullable = o.unpullable;
    const images = new FakeImageService(unpullable === undefined ? {} : { pullable: (name) => !unpullable.test(name) });
    // The pod files and the container logs of this node, in memory: nothing reads them from disk.
    const files = new MemoryPodFiles();
    const runtime = new FakeRuntime({ clock: o.clock, images, podCidr: cidr, logs: files });
    this.#runtime = runtime;
    // A range assigned while we waited for the runtime to be built.
    this.podCidrChanged(o.cachedNode()?.spec?.podCIDR);
    const recorder = newEventRecorder(o.client, o.clock, 'kubelet', { apiVersion: 'v1', kind: 'Pod' }, { host: o.nodeName });
    // Called only once pods run, after `lifecycle` below exists.
    const events: ProbeEvents = {
      unhealthy: (pod, name, id, message) => lifecycle.probeEvents.unhealthy(pod, name, id, message),
      changed: (uid) => lifecycle.probeEvents.changed(uid),
    };
    const prober = new SimulatedProber({ runtime, clock: o.clock, events, log: o.log, recordEvent: (pod, type, reason, message) => recorder.event(pod, type, reason, message) });
    const volumes = new SimulatedVolumeManager(o.client, o.clock, join(o.dir, 'volumes'));
    const lifecycle = new PodLifecycle({
      client: o.client, clock: o.clock, nodeName: o.nodeName, runtime, images, volumes, prober,
      podLogsRoot: join(o.dir, 'logs'), podsDir: join(o.dir, 'pods'), files, clusterDNS: [o.clusterDNS], clusterDomain: o.clusterDomain,
      hostIP: () => loopbackAddress(o.nodeName), log: o.log, podSource: o.pods, recorder,
    });
    this.#lifecycle = lifecycle;
    // The node going away takes its containers with it: they are killed at once, so no pod
    // worker waits out a grace period (a pod being deleted) before the process can exit.
    const killAll = (): void => {
      void runtime.listContainers({ state: { state: 'CONTAINER_RUNNING' } })
        .then((running) => Promise.all(running.map((c) => runtime.stopContainer(c.id, 0))))
        .catch(() => undefined);
    };
    signal.addEventListener('abort', killAll, { once: true });
    try {
      await Promise.all([prober.run(signal), volumes.run(signal), lifecycle.run(signal)]);
    } finally {
      signal.removeEventListener('abort', killAll);
      runtime.close();
    }
  }

  /** spec.podCIDR once node IPAM set it; the fallback range after POD_CIDR_WAIT_MS or on abort. */
  async #waitForPodCidr(signal: AbortSignal): Promise<string> {
    const o = this.#o;
    const deadline = o.clock.now() + POD_CIDR_WAIT_MS;
    while (!signal.aborted && o.clock.now() < deadline) {
      const cidr = o.cachedNode()?.spec?.podCIDR;
      if (cidr !== undefined && parseIpv4Cidr(cidr) !== undefined) return cidr;
      await new Promise<void>((resolve) => {
        const t = o.clock.after(POD_CIDR_POLL_MS, () => { signal.removeEventListener('abort', onAbort); resolve(); });
        const onAbort = (): void => { t.cancel(); resolve(); };
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    const fallback = fallbackPodCidr(o.nodeName);
    if (!signal.aborted) o.log(`simulate: node ${o.nodeName} has no pod CIDR after ${POD_CIDR_WAIT_MS / 1000} s (no node IPAM controller?); using ${fallback}`);
    return fallback;
  }
}

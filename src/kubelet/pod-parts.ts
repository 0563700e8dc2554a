// The kubelet's pod-facing parts, composed through the seams (seams.ts): the pod workers
// (PodLifecycle) with the volume manager and the prober, and the kubelet HTTPS server. The
// prober and the pod workers need each other (probe results wake pod workers; pod workers add
// containers to the prober), so the prober's events are forwarded to the lifecycle once built.
// A pod informer of our own answers the prober's pod IPs and the server's /pods.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../api/clock.ts';
import type { Pod } from '../api/types/core/v1/index.ts';
import { newEventRecorder } from '../client/events/recorder.ts';
import { listWatchFromClient } from '../client/informers/list-watch.ts';
import { SharedInformer } from '../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../client/informers/store.ts';
import type { RestClient } from '../client/rest/client.ts';
import type { ImageService, RuntimeService } from './cri/runtime.ts';
import { PODS } from './node/resources.ts';
import { PodLifecycle } from './pods/lifecycle.ts';
import { Prober } from './prober/prober.ts';
import type { ProbeEvents } from './seams.ts';
import { accessReviewAuthorizer } from './server/access-review.ts';
import { KubeletServer } from './server/kubelet-server.ts';
import { HostVolumeManager } from './volumes/manager.ts';

export interface PodPartsOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly nodeName: string;
  readonly runtime: RuntimeService;
  readonly images: ImageService;
  /** DATA/agent: pods under pods/, their logs under logs/pods/. */
  readonly agentDir: string;
  readonly clusterDNS: string;
  readonly clusterDomain: string;
  readonly hostIP: string;
  readonly kubeletPort: number;
  /** The kubelet's serving certificate and the cluster CA its clients must be signed by. */
  readonly tls: { readonly certFile: string; readonly keyFile: string; readonly caFile: string };
  readonly log: (message: string) => void;
}

/** Runs every part until `signal` aborts (or one fails: then rejects with its error); settles once all have stopped. */
export async function runPodParts(o: PodPartsOptions, signal: AbortSignal): Promise<void> {
  const podsDir = join(o.agentDir, 'pods');
  const [cert, key, ca] = await Promise.all([o.tls.certFile, o.tls.keyFile, o.tls.caFile].map((f) => readFile(f, 'utf8')));

  const pods = new SharedInformer<Pod>(listWatchFromClient(o.client.resource<Pod>(PODS), { fieldSelector: `spec.nodeName=${o.nodeName}` }),
    { clock: o.clock, name: 'kubelet pods' });
  const byUid = new Map<string, Pod>();
  const keep = (pod: Pod): void => void byUid.set(pod.metadata?.uid ?? '', pod);
  pods.addEventHandler({
    onAdd: keep, onUpdate: (_old, pod) => keep(pod),
    onDelete: (obj) => void byUid.delete((obj instanceof DeletedFinalStateUnknown ? obj.obj : obj).metadata?.uid ?? ''),
  });

  const recorder = newEventRecorder(o.client, o.clock, 'kubelet', { apiVersion: 'v1', kind: 'Pod' }, { host: o.nodeName });
  // Called only once the prober runs, after `lifecycle` below exists.
  const events: ProbeEvents = {
    unhealthy: (pod, containerName, containerId, message) => lifecycle.probeEvents.unhealthy(pod, containerName, containerId, message),
    changed: (podUid) => lifecycle.probeEvents.changed(podUid),
  };
  const prober = new Prober({
    runtime: o.runtime, clock: o.clock, events, log: o.log,
    podIP: (uid) => byUid.get(uid)?.status?.podIP,
    recordEvent: (pod, type, reason, message) => recorder.event(pod, type, reason, message),
  });
  const volumes = new HostVolumeManager({ client: o.client, clock: o.clock, podsDir, nodeName: o.nodeName, log: o.log });
  const lifecycle = new PodLifecycle({
    client: o.client, clock: o.clock, nodeName: o.nodeName, runtime: o.runtime, images: o.images, volumes, prober,
    podLogsRoot: join(o.agentDir, 'logs', 'pods'), podsDir, clusterDNS: [o.clusterDNS], clusterDomain: o.clusterDomain,
    hostIP: () => o.hostIP, log: o.log, recorder,
  });
  const server = new KubeletServer({
    runtime: o.runtime, nodeName: o.nodeName, tls: { cert: cert as string, key: key as string, ca: ca as string },
    port: o.kubeletPort, pods: () => [...byUid.values()], log: o.log, clock: o.clock,
    // Who may use the kubelet's API is the API server's decision, asked as upstream's webhook mode does.
    authorize: accessReviewAuthorizer({ client: o.client, nodeName: o.nodeName, clock: o.clock, log: o.log }),
  });
  // One part failing (the port taken, say) stops the others; all are awaited before the error is told.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) stop.abort();
  let failure: unknown;
  const guard = (name: string, run: Promise<void>): Promise<void> => run.catch((err: unknown) => {
    failure ??= new Error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    stop.abort();
  });
  try {
    await Promise.all([
      guard('pod informer', pods.run(stop.signal)), guard('prober', prober.run(stop.signal)), guard('volume manager', volumes.run(stop.signal)),
      guard('pod workers', lifecycle.run(stop.signal)), guard('kubelet server', server.run(stop.signal)),
    ]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
}

// The kubelet's pod-facing parts, composed through the seams (seams.ts): the volume manager and
// the kubelet HTTPS server, both running until `signal` aborts.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../api/clock.ts';
import type { RestClient } from '../client/rest/client.ts';
import type { ImageService, RuntimeService } from './cri/runtime.ts';
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

export async function runPodParts(o: PodPartsOptions, signal: AbortSignal): Promise<void> {
  const podsDir = join(o.agentDir, 'pods');
  const volumes = new HostVolumeManager({ client: o.client, clock: o.clock, podsDir, nodeName: o.nodeName, log: o.log });
  const [cert, key, ca] = await Promise.all([o.tls.certFile, o.tls.keyFile, o.tls.caFile].map((f) => readFile(f, 'utf8')));
  const server = new KubeletServer({
    runtime: o.runtime, nodeName: o.nodeName, tls: { cert: cert as string, key: key as string, ca: ca as string },
    port: o.kubeletPort, pods: () => [], log: o.log, clock: o.clock,
  });
  await Promise.all([volumes.run(signal), server.run(signal)]);
}

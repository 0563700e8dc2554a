// The node agent's kubelet, composed (upstream's kubelet.Run, k3s' agent): credentials from the
// join token → containerd (ours under DATA/agent/containerd, or the user's CRI endpoint) →
// air-gap images → the Node registered and heartbeating → the pod CIDR from the node IPAM
// controller written as the CNI bridge network → the pod workers, volumes, prober and the
// kubelet HTTPS server. run(signal) owns every part: on abort the parts stop, containerd is
// stopped by PID, and running pods are left running (their shims outlive containerd), so a
// restarted agent finds them again.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { realClock, type Clock, type Timer } from '../api/clock.ts';
import { RestClient } from '../client/rest/client.ts';
import { withUserAgent } from '../client/rest/config.ts';
import { loadKubeconfig } from '../client/rest/kubeconfig.ts';
import { writeBridgeConflist } from './containerd/cni.ts';
import { checkContainerdBinaries, ManagedContainerd } from './containerd/managed.ts';
import { CriClient } from './cri/client.ts';
import { importAirGapImages } from './images/airgap.ts';
import { ensureNodeCredentials, type NodeCredentialFiles } from './node/credentials.ts';
import { readMachineFacts } from './node/machine.ts';
import { NodeAgent } from './node/node-agent.ts';
import { runPodParts } from './pod-parts.ts';

export interface KubeletOptions {
  /** https://host:port of the API server. */
  readonly server: string;
  /** The cluster's join token (K10…::server:SECRET, or the bare secret). */
  readonly token: string;
  readonly nodeName: string;
  /** The agent keeps everything under DATA/agent. */
  readonly dataDir: string;
  /** unix:///… of an existing CRI runtime; absent: a containerd of our own. */
  readonly containerRuntimeEndpoint?: string;
  readonly kubeletPort: number;
  readonly clusterDNS: string;
  readonly clusterDomain: string;
  /** The Linux bridge pods attach to (cni0 by default, as k3s names it). */
  readonly cniBridge: string;
  /** Label the node node-role.kubernetes.io/control-plane=true (the server's own agent). */
  readonly controlPlane: boolean;
  readonly clock?: Clock;
  readonly log: (message: string) => void;
}

/** The CNI network name k8ts writes, and the file it lands in (10-k8ts.conflist). */
const NETWORK_NAME = 'k8ts';
const JOIN_RETRY_MS = [1000, 2000, 5000, 10_000] as const;

export class Kubelet {
  readonly #o: KubeletOptions;
  readonly #clock: Clock;

  constructor(options: KubeletOptions) {
    this.#o = options;
    this.#clock = options.clock ?? realClock;
  }

  get agentDir(): string {
    return join(this.#o.dataDir, 'agent');
  }

  /** Runs until `signal` aborts; rejects on set-up errors a retry cannot fix (missing binaries, a CA mismatch). */
  async run(signal: AbortSignal): Promise<void> {
    const o = this.#o;
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) stop.abort();
    const background: Promise<void>[] = [];
    const timers: Timer[] = [];
    let client: RestClient | undefined;
    let cri: CriClient | undefined;
    try {
      // Missing containerd/runc/CNI plugins: say which Debian packages to install, before anything else happens.
      if (o.containerRuntimeEndpoint === undefined) checkContainerdBinaries();
      await mkdir(this.agentDir, { recursive: true, mode: 0o700 });
      const facts = await readMachineFacts(this.agentDir);
      const creds = await this.#join(facts.internalIP, stop.signal);
      if (creds === undefined) return;
      client = new RestClient(withUserAgent(await loadKubeconfig(creds.kubeconfig), 'kubelet'));

      // The container runtime: ours, or the user's.
      let endpoint = o.containerRuntimeEndpoint;
      let cniConfDir: string | undefined;
      if (endpoint === undefined) {
        const containerd = new ManagedContainerd({ dataDir: join(this.agentDir, 'containerd'), onEvent: (m) => o.log(m) });
        const running = containerd.run(stop.signal);
        background.push(running.catch(() => undefined));
        await Promise.race([containerd.ready(stop.signal), running.then(() => { throw new Error('containerd stopped before it was ready'); })]);
        endpoint = containerd.endpoint;
        cniConfDir = containerd.paths.cniConfDir;
      }
      cri = new CriClient({ endpoint });
      const imported = importAirGapImages({
        images: cri, address: endpoint.replace(/^unix:\/\//, ''), archivesDir: join(this.agentDir, 'images'),
        scratchDir: join(this.agentDir, 'containerd'), log: o.log, signal: stop.signal,
      });
      // Our containerd cannot run a pod without the pause image; a user's runtime may not be a
      // containerd `ctr` can import into, and brings its own sandbox image.
      if (cniConfDir !== undefined) await imported;
      else await imported.catch((err: unknown) => o.log(`air-gap images not imported into ${endpoint}: ${err instanceof Error ? err.message : String(err)}`));

      const node = new NodeAgent({
        client, clock: this.#clock, nodeName: o.nodeName, dataDir: this.agentDir, runtime: cri, images: cri,
        kubeletPort: o.kubeletPort, controlPlane: o.controlPlane, log: o.log, facts,
      });
      await node.register(stop.signal);
      if (stop.signal.aborted) return;
      timers.push(node.start(stop.signal));
      const podCIDR = await node.waitForPodCIDR(stop.signal);
      if (podCIDR === undefined) return;
      if (cniConfDir !== undefined) {
        await writeBridgeConflist(cniConfDir, {
          name: NETWORK_NAME, bridge: o.cniBridge, subnet: podCIDR, ipamDataDir: join(this.agentDir, 'containerd', 'cni', 'ipam'), ipMasq: true, portMap: true,
        });
        o.log(`pod network: bridge ${o.cniBridge}, pod CIDR ${podCIDR}`);
        await this.#waitNetworkReady(cri, stop.signal);
      } else {
        o.log(`pod CIDR ${podCIDR}; the CRI runtime at ${endpoint} uses its own CNI configuration`);
      }
      await node.refresh(stop.signal);

      await runPodParts({
        client, clock: this.#clock, nodeName: o.nodeName, runtime: cri, images: cri, agentDir: this.agentDir,
        clusterDNS: o.clusterDNS, clusterDomain: o.clusterDomain, hostIP: facts.internalIP ?? '127.0.0.1',
        kubeletPort: o.kubeletPort, tls: { certFile: creds.servingCertFile, keyFile: creds.servingKeyFile, caFile: creds.caFile }, log: o.log,
      }, stop.signal);
    } catch (err) {
      // Errors of parts cut short by a shutdown are not failures.
      if (!signal.aborted) throw err;
    } finally {
      stop.abort();
      signal.removeEventListener('abort', onAbort);
      for (const timer of timers) timer.cancel();
      cri?.close();
      client?.close();
      await Promise.all(background);
    }
  }

  /** The node's credentials; retries while the server cannot be reached. undefined on abort. */
  async #join(internalIP: string | undefined, signal: AbortSignal): Promise<NodeCredentialFiles | undefined> {
    const o = this.#o;
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        return await ensureNodeCredentials({
          server: o.server, token: o.token, nodeName: o.nodeName, addresses: internalIP === undefined ? [] : [internalIP],
          dir: this.agentDir, log: o.log, signal,
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // A refused secret or a foreign CA will not get better by waiting.
        if (/HTTP 401|is not the one the join token names|join token/.test(message)) throw err;
        if (signal.aborted) return undefined;
        o.log(`joining ${o.server} failed, retrying: ${message}`);
        await new Promise<void>((resolve) => { this.#clock.after(JOIN_RETRY_MS[Math.min(attempt, JOIN_RETRY_MS.length - 1)] as number, resolve); });
      }
    }
    return undefined;
  }

  /** containerd loads a new CNI config within a few seconds; wait for it (at most 10 s) so the first Ready post is true. */
  async #waitNetworkReady(cri: CriClient, signal: AbortSignal): Promise<void> {
    for (let i = 0; i < 40 && !signal.aborted; i++) {
      const conditions = await cri.status().catch(() => []);
      if (conditions.some((c) => c.type === 'NetworkReady' && c.status)) return;
      await new Promise<void>((resolve) => { this.#clock.after(250, resolve); });
    }
  }
}

// The raw CRI floor: what a pod start costs containerd itself, measured against a containerd of
// the benchmark's own (ManagedContainerd on a temp dir, the built-in pause and busybox images
// imported, a CNI bridge network configured as the kubelet configures its own: bridge +
// host-local + masquerade + portmap). One pod = RunPodSandbox → CreateContainer →
// StartContainer → ContainerStatus says CONTAINER_RUNNING, timed per pod through the CriClient
// the kubelet uses. Everything it made (sandboxes, containerd by PID, its shims, the bridge,
// ip_forward, new CNI iptables chains, mounts, the temp dir) is undone by close(), also after a
// failure.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeBridgeConflist } from '../../src/kubelet/containerd/cni.ts';
import { ManagedContainerd } from '../../src/kubelet/containerd/managed.ts';
import { CriClient } from '../../src/kubelet/cri/client.ts';
import type { PodSandboxConfig } from '../../src/kubelet/cri/types.ts';
import { busyboxImageDefinition, busyboxImageNames, pauseImageDefinition } from '../../src/kubelet/images/builtin.ts';
import { importImageArchive, writeImageArchive } from '../../src/kubelet/images/import.ts';
import { killShims, onInterrupt, restoreHost, snapshotHost, type HostSnapshot } from './host.ts';

export interface FloorOptions {
  readonly bridge: string;
  /** The pod subnet of the floor's network, e.g. 10.244.245.0/24. */
  readonly subnet: string;
  readonly log: (message: string) => void;
}

export class CriFloor {
  readonly #options: FloorOptions;
  readonly #dir: string;
  readonly #host: HostSnapshot;
  readonly #abort = new AbortController();
  readonly #containerd: ManagedContainerd;
  #running: Promise<void> = Promise.resolve();
  #client: CriClient | undefined;
  #seq = 0;
  #unregister: () => void = () => undefined;

  private constructor(options: FloorOptions, dir: string, host: HostSnapshot) {
    this.#options = options;
    this.#dir = dir;
    this.#host = host;
    this.#containerd = new ManagedContainerd({ dataDir: join(dir, 'containerd'), maxBackoffMs: 2000, onEvent: (m) => options.log(`floor containerd: ${m}`) });
  }

  /** Starts the floor's containerd and imports the images; on failure everything made is undone. */
  static async start(options: FloorOptions): Promise<CriFloor> {
    const floor = new CriFloor(options, mkdtempSync(join(tmpdir(), 'k8ts-bench-floor-')), snapshotHost());
    floor.#unregister = onInterrupt(() => floor.close());
    try {
      await floor.#start();
      return floor;
    } catch (err) {
      await floor.close();
      throw err;
    }
  }

  async #start(): Promise<void> {
    const containerd = this.#containerd;
    await writeBridgeConflist(containerd.paths.cniConfDir, {
      name: 'k8ts-bench-floor', bridge: this.#options.bridge, subnet: this.#options.subnet, ipamDataDir: join(this.#dir, 'ipam'), ipMasq: true, portMap: true,
    });
    this.#running = containerd.run(this.#abort.signal);
    const timeout = AbortSignal.timeout(30_000);
    await Promise.race([
      containerd.ready(timeout),
      this.#running.then(() => { throw new Error('the floor containerd stopped before it was ready'); }),
    ]);
    for (const [file, define] of [['pause.tar', pauseImageDefinition], ['busybox.tar', busyboxImageDefinition]] as const) {
      const { path } = await writeImageArchive(join(this.#dir, 'images'), file, await define());
      await importImageArchive(path, { address: containerd.paths.socket });
    }
    this.#client = new CriClient({ endpoint: containerd.endpoint, timeoutMs: 60_000 });
    // containerd reports the network ready only once it has loaded the conflist.
    for (let i = 0; i < 100; i++) {
      const conditions = await this.#client.status();
      if (conditions.some((c) => c.type === 'NetworkReady' && c.status)) return;
      await sleep(100);
    }
    throw new Error('the floor containerd never reported NetworkReady');
  }

  /** containerd's own PID (its RSS is reported beside the agent's). */
  get containerdPid(): number | undefined {
    return this.#containerd.pid;
  }

  /** Starts `count` pods at once; the ms each took from RunPodSandbox to its container running. */
  async startPods(count: number): Promise<number[]> {
    const client = this.#need();
    return Promise.all(Array.from({ length: count }, async () => {
      const n = this.#seq++;
      const sandbox: PodSandboxConfig = {
        metadata: { name: `floor-${n}`, uid: `floor-uid-${n}`, namespace: 'bench', attempt: 0 },
        hostname: `floor-${n}`,
        logDirectory: join(this.#dir, 'pods', `floor-${n}`),
        linux: { cgroupParent: '', securityContext: { namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
      };
      const t0 = performance.now();
      const sandboxId = await client.runPodSandbox(sandbox);
      const containerId = await client.createContainer(sandboxId, {
        metadata: { name: 'main', attempt: 0 },
        image: { image: busyboxImageNames[0] },
        command: ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'],
        logPath: 'main/0.log',
      }, sandbox);
      await client.startContainer(containerId);
      const status = await client.containerStatus(containerId);
      if (status.state !== 'CONTAINER_RUNNING') throw new Error(`floor pod ${n}: container ${status.state} after StartContainer`);
      return performance.now() - t0;
    }));
  }

  /** Stops and removes every sandbox (between rounds, so each round starts from an empty node). */
  async removeAll(): Promise<void> {
    const client = this.#need();
    await Promise.all((await client.listPodSandbox()).map(async (s) => {
      await client.stopPodSandbox(s.id).catch(() => undefined);
      await client.removePodSandbox(s.id).catch(() => undefined);
    }));
  }

  /** Removes every pod, stops containerd by PID, kills leftover shims, restores the host, removes the dir. */
  async close(): Promise<void> {
    this.#unregister();
    if (this.#client !== undefined) {
      await this.removeAll().catch((err: unknown) => this.#options.log(`floor: removing sandboxes failed: ${String(err)}`));
      this.#client.close();
      this.#client = undefined;
    }
    this.#abort.abort();
    await this.#running.catch(() => undefined);
    killShims(this.#containerd.paths.socket);
    restoreHost(this.#host, this.#options.bridge, this.#options.subnet.replace(/\.0\/\d+$/, '.'), this.#dir);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #need(): CriClient {
    if (this.#client === undefined) throw new Error('the CRI floor is not started');
    return this.#client;
  }
}

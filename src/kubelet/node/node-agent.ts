// The real node's side of the API (upstream's kubelet_node_status.go and nodelease): register
// the Node with the host's facts, heartbeat (lease every 10 s, status on change or every
// 5 minutes), and wait for the pod CIDR the node IPAM controller assigns.

import type { Clock, Timer } from '../../api/clock.ts';
import type { Node, NodeStatus } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ImageService, RuntimeService } from '../cri/runtime.ts';
import type { Image, RuntimeCondition } from '../cri/types.ts';
import { NodeHeartbeat } from './heartbeat.ts';
import { readMachineFacts, type MachineFacts } from './machine.ts';
import { CONTROL_PLANE_LABEL, initialNode } from './node-object.ts';
import { realNodeStatus } from './node-status.ts';
import { NODES } from './resources.ts';

export interface NodeAgentOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly nodeName: string;
  /** The directory whose filesystem is the node's ephemeral storage (DATA/agent). */
  readonly dataDir: string;
  readonly runtime: RuntimeService;
  readonly images: ImageService;
  readonly kubeletPort: number;
  /** Servers carry node-role.kubernetes.io/control-plane=true. */
  readonly controlPlane: boolean;
  readonly log: (message: string) => void;
  /** Host facts read at start (the status re-reads them on every heartbeat). */
  readonly facts: MachineFacts;
}

/** How often registration and the pod CIDR wait retry. */
const RETRY_MS = 1000;

export class NodeAgent {
  readonly #o: NodeAgentOptions;
  readonly #heartbeat: NodeHeartbeat;
  #runtimeVersion: string | undefined;

  constructor(options: NodeAgentOptions) {
    this.#o = options;
    this.#heartbeat = new NodeHeartbeat({
      client: options.client, clock: options.clock, log: options.log,
      initialNode: initialNode({
        name: options.nodeName, architecture: options.facts.architecture,
        ...(options.controlPlane ? { extraLabels: { [CONTROL_PLANE_LABEL]: 'true' } } : {}),
      }),
      status: (current, now) => this.#status(current, now),
    });
  }

  /** The node as the API server last returned it. */
  get node(): Node | undefined {
    return this.#heartbeat.node;
  }

  /** Registers the node, retrying every second until it succeeds or `signal` aborts. */
  async register(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        await this.#heartbeat.register(signal);
        this.#o.log(`node ${this.#o.nodeName} registered`);
        return;
      } catch (err) {
        if (signal.aborted) return;
        if (attempt === 1 || attempt % 30 === 0) this.#o.log(`registering node ${this.#o.nodeName} failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
        await this.#sleep(RETRY_MS, signal);
      }
    }
  }

  /** Heartbeats until the timer is cancelled or `signal` aborts. */
  start(signal: AbortSignal): Timer {
    return this.#heartbeat.start(this.#heartbeat.leaseDurationSeconds * 250, signal);
  }

  /** Computes and (if changed) posts the status now, e.g. once the network is ready. */
  refresh(signal: AbortSignal): Promise<void> {
    return this.#heartbeat.tick(signal);
  }

  /** The node's spec.podCIDR once the node IPAM controller has set it; undefined on abort. */
  async waitForPodCIDR(signal: AbortSignal): Promise<string | undefined> {
    let logged = false;
    while (!signal.aborted) {
      const cidr = this.node?.spec?.podCIDR;
      if (cidr !== undefined && cidr !== '') return cidr;
      if (!logged && this.node !== undefined) {
        this.#o.log(`waiting for node ${this.#o.nodeName} to get a pod CIDR (from the node IPAM controller)`);
        logged = true;
      }
      await this.#sleep(RETRY_MS / 4, signal);
      try {
        const node = await this.#o.client.resource<Node>(NODES).get(this.#o.nodeName, { signal });
        const got = node.spec?.podCIDR;
        if (got !== undefined && got !== '') return got;
      } catch (err) {
        if (!signal.aborted && !logged) this.#o.log(`reading node ${this.#o.nodeName}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return undefined;
  }

  async #status(current: Node | undefined, now: number): Promise<NodeStatus> {
    const facts = await readMachineFacts(this.#o.dataDir).catch(() => this.#o.facts);
    const runtime = this.#o.runtime;
    if (this.#runtimeVersion === undefined) {
      const v = await runtime.version().catch(() => undefined);
      if (v !== undefined) this.#runtimeVersion = `${v.runtimeName}://${v.runtimeVersion}`;
    }
    const conditions: readonly RuntimeCondition[] | Error = await runtime.status().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    const images: readonly Image[] = await this.#o.images.listImages().catch(() => []);
    return realNodeStatus({
      nodeName: this.#o.nodeName, facts, containerRuntimeVersion: this.#runtimeVersion ?? '', runtimeConditions: conditions,
      images, kubeletPort: this.#o.kubeletPort,
    }, current?.status?.conditions, now);
  }

  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.#o.clock.after(ms, done);
      function done(): void {
        timer.cancel();
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

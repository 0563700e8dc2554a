// `k8ts simulate`: many kubelets in one process, each the kubelet's own pod workers over an
// in-memory runtime (kubelet.ts). They share one node watch and one pod watch (pods with any
// spec.nodeName, handed to each node's pod workers by pod-source.ts), so hundreds of nodes cost
// two watches, one heartbeat timer per node, and the pod workers' timers. Pod files and
// container logs are named under a temp directory of the process (in /dev/shm when there is
// one), removed when run() ends; the simulated kubelets keep their contents in memory
// (kubelet.ts), so nothing is written there today.

import { setMaxListeners } from 'node:events';
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realClock, type Clock, type Timer } from '../../api/clock.ts';
import { isAlreadyExists } from '../../api/status-predicates.ts';
import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import { listWatchFromClient } from '../../client/informers/list-watch.ts';
import { SharedInformer, trimManagedFields } from '../../client/informers/shared-informer.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { NodeHeartbeat } from '../node/heartbeat.ts';
import { SimulatedKubelet } from './kubelet.ts';
import { LEASE_DURATION_SECONDS, leaseRenewMs, simulatedNodeHeartbeat } from './node-agent.ts';
import { NodePodSources } from './pod-source.ts';
import { NAMESPACES, NODE_LEASE_NAMESPACE, NODES, PODS } from './resources.ts';

export interface SimulatorOptions {
  readonly client: RestClient;
  /** The node names to run, e.g. sim-node-0 … sim-node-(N-1). */
  readonly nodeNames: readonly string[];
  readonly clock?: Clock;
  /** Images whose (normalised) name matches fail to pull (ErrImagePull); default: every image pulls. */
  readonly unpullableImages?: RegExp;
  /** Where pods resolve names (default 10.43.0.10, cluster.local), as the agent's flags. */
  readonly clusterDNS?: string;
  readonly clusterDomain?: string;
  /** Registrations in flight at once (default 16). */
  readonly registerConcurrency?: number;
  readonly log?: (message: string) => void;
  /** The kubelet's nodeLeaseDurationSeconds (default 40); heartbeats come every quarter of it. */
  readonly leaseDurationSeconds?: number;
  /**
   * Each node's client-side rate limit (the kubelet's --kube-api-qps / --kube-api-burst, upstream
   * 50 and 100): every node has a limit of its own, as every kubelet has; qps ≤ 0: none.
   */
  readonly kubeApiQps?: number;
  readonly kubeApiBurst?: number;
}

/** Upstream kubelet's defaults for kubeAPIQPS and kubeAPIBurst. */
export const KUBELET_API_QPS = 50;
export const KUBELET_API_BURST = 100;

/**
 * Where the pods' paths are named: /dev/shm (memory) when it is a writable directory, else the
 * temp directory, so that whatever may yet be written there never costs disk I/O.
 */
async function scratchRoot(): Promise<string> {
  try {
    await access('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** `prefix-0` … `prefix-(count-1)`. */
export function simulatedNodeNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

export class Simulator {
  readonly #o: SimulatorOptions;
  readonly #clock: Clock;
  readonly #log: (message: string) => void;
  readonly #names: ReadonlySet<string>;

  constructor(options: SimulatorOptions) {
    this.#o = options;
    this.#clock = options.clock ?? realClock;
    this.#log = options.log ?? ((m) => process.stderr.write(`${m}\n`));
    this.#names = new Set(options.nodeNames);
  }

  /**
   * Registers every node, then heartbeats and runs pods until `outer` aborts; every timer and
   * watch ends with it. One node's pod workers failing stops everything, and run() rejects with
   * that error once all has stopped.
   */
  async run(outer: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    outer.addEventListener('abort', onAbort, { once: true });
    if (outer.aborted) stop.abort();
    const signal = stop.signal;
    // Every node's requests and timers listen on this one signal.
    setMaxListeners(0, signal);
    const client = this.#o.client;
    const nodeInformer = new SharedInformer<Node>(listWatchFromClient(client.resource<Node>(NODES)), { clock: this.#clock, name: 'simulate nodes' });
    // managedFields, which no part of a kubelet reads, are cut from watch events before they
    // are parsed and trimmed from listed pods, as the scheduler's and controllers' informers do:
    // 10,000 pods sit in the cache of one simulate process.
    const podInformer = new SharedInformer<Pod>(listWatchFromClient(client.resource<Pod>(PODS), { fieldSelector: 'spec.nodeName!=', dropManagedFields: true }),
      { clock: this.#clock, name: 'simulate pods', transform: trimManagedFields });
    const sources = new NodePodSources(podInformer);
    const kubelets = new Map<string, SimulatedKubelet>();
    // Node IPAM assigning a range: new pods of that node take their IPs from it.
    nodeInformer.addEventHandler({
      onUpdate: (old, node) => {
        if (old.spec?.podCIDR !== node.spec?.podCIDR) kubelets.get(node.metadata?.name ?? '')?.podCidrChanged(node.spec?.podCIDR);
      },
    });
    const runs = [nodeInformer.run(signal), podInformer.run(signal)];
    const timers: Timer[] = [];
    let dir: string | undefined;
    try {
      dir = await mkdtemp(join(await scratchRoot(), 'k8ts-simulate-'));
      await this.#ensureLeaseNamespace(signal);
      if (!(await nodeInformer.waitForSync(signal))) return;
      const nodeClients = new Map(this.#o.nodeNames.map((name) => [name, client.withRateLimit(this.#o.kubeApiQps ?? KUBELET_API_QPS, this.#o.kubeApiBurst ?? KUBELET_API_BURST)]));
      const clientOf = (name: string): RestClient => nodeClients.get(name) ?? client;
      const agents = this.#o.nodeNames.map((name) => simulatedNodeHeartbeat({
        client: clientOf(name), clock: this.#clock, name, cachedNode: () => nodeInformer.lister().get(name), log: this.#log,
        leaseDurationSeconds: this.#o.leaseDurationSeconds ?? LEASE_DURATION_SECONDS,
      }));
      await this.#registerAll(agents, signal);
      if (signal.aborted) return;
      const renewMs = leaseRenewMs(this.#o.leaseDurationSeconds ?? LEASE_DURATION_SECONDS);
      agents.forEach((agent, i) => timers.push(agent.start(Math.floor((renewMs * i) / agents.length), signal)));
      this.#log(`simulate: ${agents.length} nodes registered`);
      const root = dir;
      for (const name of this.#o.nodeNames) {
        kubelets.set(name, new SimulatedKubelet({
          client: clientOf(name), clock: this.#clock, nodeName: name, cachedNode: () => nodeInformer.lister().get(name), pods: sources.forNode(name),
          dir: join(root, name), clusterDNS: this.#o.clusterDNS ?? '10.43.0.10', clusterDomain: this.#o.clusterDomain ?? 'cluster.local',
          log: this.#log, ...(this.#o.unpullableImages === undefined ? {} : { unpullable: this.#o.unpullableImages }),
        }));
      }
      // Each node's requests and timers listen on a signal of its own, linked to the common one:
      // an AbortSignal's listeners are a list that every addEventListener walks, and thousands
      // of requests in flight on one signal made each new request pay for all the others.
      const nodeSignal = (): AbortSignal => {
        const node = new AbortController();
        setMaxListeners(0, node.signal);
        signal.addEventListener('abort', () => node.abort(signal.reason), { once: true });
        return node.signal;
      };
      const results = await Promise.allSettled([...kubelets.values()].map((k) => k.run(nodeSignal()).catch((err: unknown) => {
        stop.abort();
        throw err;
      })));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    } finally {
      stop.abort();
      outer.removeEventListener('abort', onAbort);
      for (const timer of timers) timer.cancel();
      await Promise.allSettled(runs);
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    }
  }

  async #ensureLeaseNamespace(signal: AbortSignal): Promise<void> {
    try {
      await this.#o.client.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NODE_LEASE_NAMESPACE } }, { signal });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }

  /** Registers the nodes a few at a time; a failure is retried after a second until the abort. */
  async #registerAll(agents: readonly NodeHeartbeat[], signal: AbortSignal): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < agents.length && !signal.aborted) {
        const agent = agents[next++] as NodeHeartbeat;
        for (;;) {
          try {
            await agent.register(signal);
            break;
          } catch (err) {
            if (signal.aborted) return;
            this.#log(`simulate: registering ${agent.name} failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
            await new Promise<void>((resolve) => { this.#clock.after(1000, resolve); });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#o.registerConcurrency ?? 16, agents.length) }, () => worker()));
  }
}

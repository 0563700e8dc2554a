// The controller-manager (upstream's kube-controller-manager app): one client with its own
// identity, Lease leader election on kube-system/kube-controller-manager, and, while this
// instance leads, every enabled controller running on one shared informer factory. A term of
// leadership gets a fresh factory: informers cannot be restarted, and a new leader must not act
// on caches from a previous term. Losing leadership stops the controllers, and the instance
// contends again (upstream exits the process instead; a supervisor then restarts it).

import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { realClock, type Clock } from '../../api/clock.ts';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import { SharedInformerFactory } from '../../client/informers/factory.ts';
import { trimManagedFields } from '../../client/informers/shared-informer.ts';
import { sleep } from '../../client/informers/wait.ts';
import { LeaderElector } from '../../client/leaderelection/leader-elector.ts';
import { LeaseLock } from '../../client/leaderelection/lease-lock.ts';
import { RestClient } from '../../client/rest/client.ts';
import { withUserAgent } from '../../client/rest/config.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type Controller, type ControllerFactory, type ControllerOptions } from '../controller.ts';
import { controllerEnabled } from './enabled.ts';

export const LEASE_NAMESPACE = 'kube-system';
export const LEASE_NAME = 'kube-controller-manager';

export interface LeaderElectionTimings {
  readonly leaseDurationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
}

/** Upstream's defaults (--leader-elect-lease-duration 15s, renew-deadline 10s, retry-period 2s). */
export const DEFAULT_LEADER_ELECTION: LeaderElectionTimings = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

export interface ControllerManagerOptions {
  readonly kubeconfig: string;
  readonly controllers: ReadonlyArray<ControllerFactory>;
  readonly options?: Partial<ControllerOptions>;
  /** `--controllers`: "*", "name", "-name" (default ["*"]). */
  readonly enabled?: readonly string[];
  readonly leaderElection?: Partial<LeaderElectionTimings>;
  /** Defaults to `${hostname}_${uuid}`, as upstream. */
  readonly identity?: string;
  readonly clock?: Clock;
  readonly log?: (message: string) => void;
}

export class ControllerManager {
  readonly #o: ControllerManagerOptions;
  readonly #clock: Clock;
  readonly identity: string;
  #leading = false;

  /** Does no I/O: the kubeconfig is read by run(). */
  constructor(options: ControllerManagerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? realClock;
    this.identity = options.identity ?? `${hostname()}_${randomUUID()}`;
  }

  /** Whether this instance currently runs the controllers. */
  isLeader(): boolean {
    return this.#leading;
  }

  /** Contends and leads until `signal` aborts; the client and every informer are closed by then. */
  async run(signal: AbortSignal): Promise<void> {
    const config = await loadKubeconfig(this.#o.kubeconfig);
    const client = new RestClient({ ...withUserAgent(config, 'k8ts-controller-manager'), clock: this.#clock });
    const timings = { ...DEFAULT_LEADER_ELECTION, ...this.#o.leaderElection };
    try {
      while (!signal.aborted) {
        const lock = new LeaseLock({
          client: client.resource<Lease>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true }).namespace(LEASE_NAMESPACE),
          namespace: LEASE_NAMESPACE, name: LEASE_NAME, identity: this.identity,
        });
        const elector = new LeaderElector({
          lock, ...timings, releaseOnCancel: true, name: `${LEASE_NAMESPACE}/${LEASE_NAME}`, clock: this.#clock,
          callbacks: {
            onStartedLeading: (leading) => this.#lead(client, leading),
            onStoppedLeading: () => { this.#leading = false; },
            onNewLeader: (id) => { if (id !== '') this.#log(`new leader: ${id}${id === this.identity ? ' (this instance)' : ''}`); },
          },
        });
        await elector.run(signal);
        if (!signal.aborted) {
          this.#log('leadership lost: controllers stopped; contending again');
          await sleep(this.#clock, timings.retryPeriodMs, signal);
        }
      }
    } finally {
      client.close();
    }
  }

  /** One term of leadership: build, start informers, wait for sync, run until `signal` aborts. */
  async #lead(client: RestClient, signal: AbortSignal): Promise<void> {
    this.#leading = true;
    // Every informer, queue and request of the term listens on this one signal.
    setMaxListeners(0, signal);
    const options: ControllerOptions = { ...DEFAULT_CONTROLLER_OPTIONS, ...this.#o.options };
    // As upstream: the informers and each controller have a client (and a rate limit) of their
    // own, over the one connection; leader election keeps the unlimited one.
    const limited = (): RestClient => client.withRateLimit(options.kubeApiQps, options.kubeApiBurst);
    const informers = new SharedInformerFactory(limited(), { clock: this.#clock, transform: trimManagedFields, dropManagedFields: true });
    const enabled = this.#o.enabled ?? ['*'];
    const controllers: Controller[] = [];
    for (const factory of this.#o.controllers) {
      const controller = factory({ client: limited(), informers, clock: this.#clock, options });
      if (controllerEnabled(controller.name, enabled)) controllers.push(controller);
      else this.#log(`controller "${controller.name}" is disabled`);
    }
    informers.start(signal);
    try {
      await informers.waitForCacheSync(signal);
      if (signal.aborted) return;
      this.#log(`leading: starting ${controllers.map((c) => c.name).join(', ') || 'no controllers'}`);
      await Promise.all(controllers.map(async (controller) => {
        try {
          await controller.run(signal);
        } catch (err) {
          if (!signal.aborted) this.#log(`controller "${controller.name}" failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        }
      }));
    } finally {
      await informers.shutdown();
    }
  }

  #log(message: string): void {
    (this.#o.log ?? ((m: string) => process.stderr.write(`${new Date(this.#clock.now()).toISOString()} controller-manager: ${m}\n`)))(message);
  }
}

// Running the scheduler as a component: with leader election on the Lease
// kube-system/kube-scheduler (as upstream), only the leader schedules. Metrics are kept across
// leader terms and, given an address, served over HTTP by every instance, leader or not.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { realClock, type Clock } from '../api/clock.ts';
import type { Lease } from '../api/types/coordination/v1/index.ts';
import { LeaderElector } from '../client/leaderelection/leader-elector.ts';
import { LeaseLock } from '../client/leaderelection/lease-lock.ts';
import type { RestClient } from '../client/rest/client.ts';
import { schedulerConfig, type SchedulerConfig } from './config/config.ts';
import { LEASES } from './resources.ts';
import { SchedulerMetrics } from './metrics.ts';
import { MetricsServer } from './metrics-server.ts';
import { Scheduler } from './scheduler.ts';

export interface RunSchedulerOptions {
  readonly client: RestClient;
  readonly config?: SchedulerConfig;
  readonly clock?: Clock;
  readonly log?: (message: string) => void;
  /** Counted into (a fresh set by default). */
  readonly metrics?: SchedulerMetrics;
  /** "host:port" to serve /metrics and /healthz on; not served when absent. */
  readonly metricsAddress?: string;
  /** Called with the bound port once the metrics endpoint listens. */
  readonly onMetricsListening?: (port: number) => void;
}

/** Runs until `signal` aborts; a leader that loses its lease stops scheduling and campaigns again. */
export async function runScheduler(o: RunSchedulerOptions, stop: AbortSignal): Promise<void> {
  const config = o.config ?? schedulerConfig();
  const clock = o.clock ?? realClock;
  const log = o.log ?? ((m: string) => process.stderr.write(`${new Date(clock.now()).toISOString()} scheduler: ${m}\n`));
  const metrics = o.metrics ?? new SchedulerMetrics();
  const make = (): Scheduler => new Scheduler({ client: o.client, config, clock, log, metrics });
  // The endpoint closes when scheduling ends, whether by `stop` or by an error.
  const serveStop = new AbortController();
  let serving: Promise<void> = Promise.resolve();
  if (o.metricsAddress !== undefined) {
    serving = new MetricsServer({ metrics, address: o.metricsAddress }).run(serveStop.signal, o.onMetricsListening)
      .catch((err: unknown) => log(`metrics endpoint on ${o.metricsAddress ?? ''}: ${err instanceof Error ? err.message : String(err)}`));
  }
  try {
    await schedule(o, config, clock, log, make, stop);
  } finally {
    serveStop.abort();
    await serving;
  }
}

async function schedule(o: RunSchedulerOptions, config: SchedulerConfig, clock: Clock, log: (m: string) => void, make: () => Scheduler,
  stop: AbortSignal): Promise<void> {
  if (!config.leaderElect) {
    await make().run(stop);
    return;
  }
  const identity = `${hostname()}_${randomUUID()}`;
  const lock = new LeaseLock({ client: o.client.resource<Lease>(LEASES).namespace(config.leaseNamespace), namespace: config.leaseNamespace, name: config.leaseName, identity });
  while (!stop.aborted) {
    const elector = new LeaderElector({
      lock, clock, releaseOnCancel: true, name: 'kube-scheduler',
      callbacks: {
        onStartedLeading: async (lead) => {
          log(`became leader (${identity})`);
          await make().run(lead);
        },
        onStoppedLeading: () => log('stopped leading'),
      },
    });
    await elector.run(stop);
  }
}

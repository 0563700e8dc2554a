// The API server's request metrics, under upstream's names, labels and buckets
// (k8s.io/apiserver/pkg/endpoints/metrics), so existing dashboards and alerts read them.
// The API layer records each request through measure() once it knows what the request is.

import type { Clock } from '../../api/clock.ts';
import { StatusError } from '../../api/status.ts';
import type { CounterSeries, GaugeSeries, HistogramSeries } from '../../client/metrics/metric.ts';
import type { MetricsRegistry } from '../../client/metrics/registry.ts';
import type { ApiResponse } from './types.ts';

/** What a request was, as upstream's RequestInfo labels it. */
export interface RequestLabels {
  /** Upper case: GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETECOLLECTION, APPLY, CONNECT; or the HTTP method for non-resource paths. */
  readonly verb: string;
  readonly group?: string;
  readonly version?: string;
  readonly resource?: string;
  readonly subresource?: string;
  /** 'resource' (a named object), 'namespace', 'cluster', or '' for non-resource requests. */
  readonly scope?: string;
  readonly dryRun?: boolean;
  /** Watches and connections: counted in apiserver_longrunning_requests while they are open. */
  readonly longRunning?: boolean;
}

const durationBuckets = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];
const component = 'apiserver';

export class RequestMetrics {
  readonly #clock: Clock;
  readonly #total;
  readonly #duration;
  readonly #longRunning;
  /** By kind of request (every label but the code). */
  readonly #kinds = new Map<string, KindSeries>();

  constructor(registry: MetricsRegistry, clock: Clock) {
    this.#clock = clock;
    this.#total = registry.counter({
      name: 'apiserver_request_total',
      help: '[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
      labelNames: ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component', 'code'],
    });
    this.#duration = registry.histogram({
      name: 'apiserver_request_duration_seconds',
      help: '[STABLE] Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
      labelNames: ['verb', 'dry_run', 'group', 'version', 'resource', 'subresource', 'scope', 'component'],
      buckets: durationBuckets,
    });
    this.#longRunning = registry.gauge({
      name: 'apiserver_longrunning_requests',
      help: '[STABLE] Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
      labelNames: ['verb', 'group', 'version', 'resource', 'subresource', 'scope', 'component'],
    });
  }

  /**
   * Runs `serve` and records it: the count by response code, the duration, and for
   * long-running requests the open gauge while it runs. The code is the one sent, or else the one a
   * thrown StatusError will be answered with (500 for other errors). Errors pass through.
   */
  async measure<T>(labels: RequestLabels, res: ApiResponse, serve: () => Promise<T>): Promise<T> {
    const series = this.#seriesOf(labels);
    const start = this.#clock.now();
    series.longRunning?.inc();
    let code = 0;
    try {
      const result = await serve();
      code = res.statusCode;
      return result;
    } catch (error) {
      code = res.headersSent ? res.statusCode : error instanceof StatusError && error.code !== 0 ? error.code : 500;
      throw error;
    } finally {
      series.longRunning?.dec();
      series.total(code).inc();
      series.duration.observe((this.#clock.now() - start) / 1000);
    }
  }

  /** The series of one kind of request, looked up once per kind (the API server records every request). */
  #seriesOf(labels: RequestLabels): KindSeries {
    const dryRun = labels.dryRun === true ? 'All' : '';
    const key = `${labels.verb} ${labels.group ?? ''} ${labels.version ?? ''} ${labels.resource ?? ''} ${labels.subresource ?? ''} ${labels.scope ?? ''} ${dryRun} ${labels.longRunning === true}`;
    let series = this.#kinds.get(key);
    if (series !== undefined) return series;
    const base = {
      verb: labels.verb,
      group: labels.group ?? '',
      version: labels.version ?? '',
      resource: labels.resource ?? '',
      subresource: labels.subresource ?? '',
      scope: labels.scope ?? '',
      component,
    };
    const withDryRun = { ...base, dry_run: dryRun };
    const byCode = new Map<number, CounterSeries>();
    series = {
      total: (code) => {
        let counter = byCode.get(code);
        if (counter === undefined) byCode.set(code, (counter = this.#total.with({ ...withDryRun, code: String(code) })));
        return counter;
      },
      duration: this.#duration.with(withDryRun),
      longRunning: labels.longRunning === true ? this.#longRunning.with(base) : undefined,
    };
    this.#kinds.set(key, series);
    return series;
  }
}

interface KindSeries {
  total(code: number): CounterSeries;
  readonly duration: HistogramSeries;
  readonly longRunning: GaugeSeries | undefined;
}

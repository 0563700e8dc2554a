// The API server's request metrics, under upstream's names, labels and buckets
// (k8s.io/apiserver/pkg/endpoints/metrics), so existing dashboards and alerts read them.
// The API layer records each request through measure() once it knows what the request is.

import type { Clock } from '../../api/clock.ts';
import { StatusError } from '../../api/status.ts';
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
    const base = {
      verb: labels.verb,
      group: labels.group ?? '',
      version: labels.version ?? '',
      resource: labels.resource ?? '',
      subresource: labels.subresource ?? '',
      scope: labels.scope ?? '',
      component,
    };
    const withDryRun = { ...base, dry_run: labels.dryRun === true ? 'All' : '' };
    const start = this.#clock.now();
    if (labels.longRunning === true) this.#longRunning.inc(base);
    let code = 0;
    try {
      const result = await serve();
      code = res.statusCode;
      return result;
    } catch (error) {
      code = res.headersSent ? res.statusCode : error instanceof StatusError && error.code !== 0 ? error.code : 500;
      throw error;
    } finally {
      if (labels.longRunning === true) this.#longRunning.dec(base);
      this.#total.inc({ ...withDryRun, code: String(code) });
      this.#duration.observe(withDryRun, (this.#clock.now() - start) / 1000);
    }
  }
}

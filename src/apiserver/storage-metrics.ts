// Storage latency on /metrics: every Store call the API server makes, timed, under upstream's
// name etcd_request_duration_seconds{operation,type} (kept for both backends, so dashboards
// read the same), plus the object count per resource upstream publishes.

import type { HistogramSeries } from '../client/metrics/metric.ts';
import type { MetricsRegistry } from '../client/metrics/registry.ts';
import type { Store } from '../storage/store.ts';

const buckets = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

/** The resource of a registry key: "/registry/apps/deployments/ns/x" → "deployments.apps". */
function typeOf(key: string): string {
  const groupStart = key.indexOf('/', 1) + 1;
  if (groupStart === 0) return '';
  const groupEnd = key.indexOf('/', groupStart);
  const group = key.slice(groupStart, groupEnd === -1 ? key.length : groupEnd);
  const resourceEnd = groupEnd === -1 ? -1 : key.indexOf('/', groupEnd + 1);
  const resource = groupEnd === -1 ? '' : key.slice(groupEnd + 1, resourceEnd === -1 ? key.length : resourceEnd);
  return group === 'core' || group === '' ? resource : `${resource}.${group}`;
}

/** A Store that records how long each call takes; everything else passes through unchanged. */
export function measuredStore(store: Store, registry: MetricsRegistry): Store {
  const duration = registry.histogram({
    name: 'etcd_request_duration_seconds',
    help: '[ALPHA] Etcd request latency in seconds for each operation and object type.',
    labelNames: ['operation', 'type'],
    buckets,
  });
  // Each (operation, type) series looked up once: every Store call is timed.
  const series = new Map<string, HistogramSeries>();
  const seriesOf = (operation: string, key: string): HistogramSeries => {
    const type = typeOf(key);
    const id = `${operation} ${type}`;
    let found = series.get(id);
    if (found === undefined) series.set(id, (found = duration.with({ operation, type })));
    return found;
  };
  const time = async <T>(operation: string, key: string, call: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await call();
    } finally {
      seriesOf(operation, key).observe((performance.now() - start) / 1000);
    }
  };
  return {
    get: (key) => time('get', key, () => store.get(key)),
    list: (prefix, options) => time('listWithCount', prefix, () => store.list(prefix, options)),
    count: (prefix) => time('count', prefix, () => store.count(prefix)),
    create: (key, value, options) => time('create', key, () => store.create(key, value, options)),
    update: (key, value, expected, options) => time('update', key, () => store.update(key, value, expected, options)),
    delete: (key, preconditions) => time('delete', key, () => store.delete(key, preconditions)),
    watch: (prefix, options) => store.watch(prefix, options),
    compact: (revision) => time('compact', '', () => store.compact(revision)),
    currentRevision: () => store.currentRevision(),
    compactedRevision: () => store.compactedRevision(),
    close: () => store.close(),
  };
}

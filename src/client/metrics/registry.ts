// A registry of metrics and their text exposition (Prometheus text format 0.0.4), written the
// way Go's client_golang writes it: families sorted by name, series by label values, label
// pairs by name (a histogram's "le" last), floats as Go's strconv 'g' prints them.

import { goFormatFloat } from '../../api/go-format.ts';
import { Counter, Gauge, Histogram, type MetricOptions, type MetricType, type SeriesSnapshot } from './metric.ts';

/** What the registry needs of a metric. */
interface Collectable {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly labelNames: readonly string[];
  /** Histograms' upper bounds. */
  readonly buckets?: readonly number[];
  collect(): SeriesSnapshot[];
}

/** The Content-Type of text() output. */
export const exposition004 = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Holds metrics by name. Built explicitly and passed to whoever records or serves metrics:
 * there is no global default registry.
 */
export class MetricsRegistry {
  readonly #metrics = new Map<string, Collectable>();

  counter<const L extends string = never>(options: MetricOptions<L>): Counter<L> {
    return this.#add(new Counter<L>(options));
  }

  gauge<const L extends string = never>(options: MetricOptions<L>): Gauge<L> {
    return this.#add(new Gauge<L>(options));
  }

  histogram<const L extends string = never>(options: MetricOptions<L> & { readonly buckets?: readonly number[] }): Histogram<L> {
    return this.#add(new Histogram<L>(options));
  }

  #add<M extends Collectable>(metric: M): M {
    if (this.#metrics.has(metric.name)) throw new Error(`metric ${metric.name} is already registered`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }

  /** Every metric in text format 0.0.4. Metrics with labels but no series yet are left out. */
  text(): string {
    let out = '';
    for (const metric of [...this.#metrics.values()].sort((a, b) => compare(a.name, b.name))) {
      const series = metric.collect();
      if (series.length === 0) continue;
      out += `# HELP ${metric.name} ${escapeHelp(metric.help)}\n# TYPE ${metric.name} ${metric.type}\n`;
      // Go sorts label pairs by name, then series by their values in that order.
      const order = metric.labelNames.map((name, index) => ({ name, index })).sort((a, b) => compare(a.name, b.name));
      const pairs = (s: SeriesSnapshot): [string, string][] => order.map(({ name, index }) => [name, s.labelValues[index] as string]);
      const sorted = series.map((s) => ({ s, pairs: pairs(s) })).sort((a, b) => comparePairs(a.pairs, b.pairs));
      for (const { s, pairs: labels } of sorted) {
        const bounds = metric.buckets;
        if (bounds === undefined) {
          out += sample(metric.name, labels, s.value);
          continue;
        }
        bounds.forEach((bound, i) => {
          out += sample(`${metric.name}_bucket`, [...labels, ['le', goFormatFloat(bound)]], s.buckets?.[i] ?? 0);
        });
        out += sample(`${metric.name}_bucket`, [...labels, ['le', '+Inf']], s.count ?? 0);
        out += sample(`${metric.name}_sum`, labels, s.sum ?? 0);
        out += sample(`${metric.name}_count`, labels, s.count ?? 0);
      }
    }
    return out;
  }
}

function sample(name: string, labels: readonly (readonly [string, string])[], value: number): string {
  const text = labels.length === 0 ? '' : `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
  return `${name}${text} ${goFormatFloat(value)}\n`;
}

/** In HELP text a backslash and a line feed are escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** In label values a backslash, a double quote and a line feed are escaped. */
export function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePairs(a: readonly [string, string][], b: readonly [string, string][]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compare(a[i]?.[1] ?? '', b[i]?.[1] ?? '');
    if (c !== 0) return c;
  }
  return 0;
}

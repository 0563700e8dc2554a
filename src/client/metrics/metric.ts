// Counters, gauges and histograms with labels, in Prometheus' data model. Each metric keeps one
// series per distinct set of label values; a metric without labels has exactly one series,
// present (at zero) from the start, as Go's client does.

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** Values for every label a metric declares, by name; `{}` for a metric without labels. */
export type LabelValues<L extends string> = Readonly<Record<L, string>>;

export interface MetricOptions<L extends string> {
  /** [a-zA-Z_:][a-zA-Z0-9_:]* */
  readonly name: string;
  readonly help: string;
  /** [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__". */
  readonly labelNames?: readonly L[];
}

/** One series as the exposition writer sees it: label values in `labelNames` order. */
export interface SeriesSnapshot {
  readonly labelValues: readonly string[];
  /** Counter and gauge value. */
  readonly value: number;
  /** Histograms only: cumulative counts per upper bound (without +Inf), the sum and the count. */
  readonly buckets?: readonly number[];
  readonly sum?: number;
  readonly count?: number;
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** What every metric shares: its identity and the series it holds, by label values. */
export abstract class Metric<L extends string, S> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  abstract readonly type: MetricType;
  readonly #series = new Map<string, { readonly values: readonly string[]; readonly state: S }>();

  constructor(options: MetricOptions<L>) {
    if (!metricName.test(options.name)) throw new Error(`invalid metric name ${JSON.stringify(options.name)}`);
    const labels = options.labelNames ?? [];
    for (const label of labels) {
      if (!labelName.test(label) || label.startsWith('__')) throw new Error(`${options.name}: invalid label name ${JSON.stringify(label)}`);
    }
    if (new Set(labels).size !== labels.length) throw new Error(`${options.name}: duplicate label names`);
    this.name = options.name;
    this.help = options.help;
    this.labelNames = labels;
  }

  protected abstract initial(): S;
  protected abstract snapshot(state: S): Omit<SeriesSnapshot, 'labelValues'>;

  /** The state of the series for `labels`, created on first use; exactly the declared labels must be given. */
  protected series(labels: LabelValues<L>): S {
    // The key is built in one pass (every request of the API server records three series):
    // each value length-prefixed, so no two sets of values share a key.
    const names = this.labelNames;
    let key = '';
    for (const name of names) {
      const value: unknown = labels[name];
      if (typeof value !== 'string') throw this.#labelError(labels);
      key += `${value.length}:${value};`;
    }
    let given = 0;
    for (const _ in labels) given++;
    if (given !== names.length) throw this.#labelError(labels);
    let entry = this.#series.get(key);
    if (entry === undefined) {
      entry = { values: names.map((l) => labels[l]), state: this.initial() };
      this.#series.set(key, entry);
    }
    return entry.state;
  }

  #labelError(labels: LabelValues<L>): Error {
    return new Error(`${this.name}: expected labels {${this.labelNames.join(',')}}, got {${Object.keys(labels).join(',')}}`);
  }

  /** Every series, in no particular order. */
  collect(): SeriesSnapshot[] {
    // A metric without labels always shows its one series, even before the first update.
    if (this.labelNames.length === 0) this.series({} as LabelValues<L>);
    return [...this.#series.values()].map(({ values, state }) => ({ labelValues: values, ...this.snapshot(state) }));
  }
}

/** A value that only goes up (requests served, errors seen). */
export class Counter<L extends string = never> extends Metric<L, { value: number }> {
  readonly type = 'counter';
  protected initial(): { value: number } {
    return { value: 0 };
  }
  protected snapshot(state: { value: number }): { value: number } {
    return { value: state.value };
  }
  inc(labels: LabelValues<L>, by = 1): void {
    this.#add(this.series(labels), by);
  }
  get(labels: LabelValues<L>): number {
    return this.series(labels).value;
  }
  /** The series for `labels`, looked up once, for a caller that updates it often (client_golang's WithLabelValues). */
  with(labels: LabelValues<L>): CounterSeries {
    const state = this.series(labels);
    return { inc: (by = 1) => this.#add(state, by) };
  }
  #add(state: { value: number }, by: number): void {
    if (!(by >= 0)) throw new Error(`${this.name}: a counter cannot decrease (inc by ${by})`);
    state.value += by;
  }
}

export interface CounterSeries {
  inc(by?: number): void;
}

export interface GaugeSeries {
  inc(by?: number): void;
  dec(by?: number): void;
}

export interface HistogramSeries {
  observe(value: number): void;
}

/** A value that goes up and down (open watches, queue depth). */
export class Gauge<L extends string = never> extends Metric<L, { value: number }> {
  readonly type = 'gauge';
  protected initial(): { value: number } {
    return { value: 0 };
  }
  protected snapshot(state: { value: number }): { value: number } {
    return { value: state.value };
  }
  set(labels: LabelValues<L>, value: number): void {
    this.series(labels).value = value;
  }
  inc(labels: LabelValues<L>, by = 1): void {
    this.series(labels).value += by;
  }
  dec(labels: LabelValues<L>, by = 1): void {
    this.series(labels).value -= by;
  }
  get(labels: LabelValues<L>): number {
    return this.series(labels).value;
  }
  /** The series for `labels`, looked up once (see Counter.with). */
  with(labels: LabelValues<L>): GaugeSeries {
    const state = this.series(labels);
    return {
      inc(by = 1) {
        state.value += by;
      },
      dec(by = 1) {
        state.value -= by;
      },
    };
  }
}

/** Prometheus' default buckets (Go's prometheus.DefBuckets), in seconds. */
export const defaultBuckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface HistogramState {
  readonly counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into buckets by upper bound (latencies, sizes). */
export class Histogram<L extends string = never> extends Metric<L, HistogramState> {
  readonly type = 'histogram';
  /** Upper bounds, strictly increasing; +Inf is implicit. */
  readonly buckets: readonly number[];

  constructor(options: MetricOptions<L> & { readonly buckets?: readonly number[] }) {
    const buckets = (options.buckets ?? defaultBuckets).filter((b) => b !== Infinity);
    if (buckets.some((b, i) => Number.isNaN(b) || (i > 0 && b <= (buckets[i - 1] as number)))) {
      throw new Error(`${options.name}: buckets must be strictly increasing numbers`);
    }
    if ((options.labelNames ?? []).includes('le' as L)) throw new Error(`${options.name}: "le" is reserved in histograms`);
    super(options);
    this.buckets = buckets;
  }

  protected initial(): HistogramState {
    return { counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
  }
  protected snapshot(state: HistogramState): Omit<SeriesSnapshot, 'labelValues'> {
    let running = 0;
    const buckets = state.counts.map((c) => (running += c));
    return { value: state.sum, buckets, sum: state.sum, count: state.count };
  }
  observe(labels: LabelValues<L>, value: number): void {
    this.#record(this.series(labels), value);
  }
  /** The series for `labels`, looked up once (see Counter.with). */
  with(labels: LabelValues<L>): HistogramSeries {
    const state = this.series(labels);
    return { observe: (value) => this.#record(state, value) };
  }
  #record(state: HistogramState, value: number): void {
    const buckets = this.buckets;
    let index = 0;
    while (index < buckets.length && !(value <= (buckets[index] as number))) index++;
    if (index < buckets.length) state.counts[index] = (state.counts[index] as number) + 1;
    state.sum += value;
    state.count++;
  }
}

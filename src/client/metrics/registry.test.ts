import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsRegistry } from './registry.ts';

// Each case fills a fresh registry and states the exact text Go's client_golang would print.
const cases: { name: string; fill: (r: MetricsRegistry) => void; want: string }[] = [
  {
    name: 'a counter without labels is shown at zero before any update',
    fill: (r) => void r.counter({ name: 'x_total', help: 'Things.' }),
    want: '# HELP x_total Things.\n# TYPE x_total counter\nx_total 0\n',
  },
  {
    name: 'a labelled metric with no series is left out entirely',
    fill: (r) => void r.counter({ name: 'x_total', help: 'Things.', labelNames: ['code'] }),
    want: '',
  },
  {
    name: 'label pairs sorted by name, series by value, floats as Go prints them',
    fill: (r) => {
      const c = r.counter({ name: 'req_total', help: 'Requests.', labelNames: ['verb', 'code'] });
      c.inc({ verb: 'LIST', code: '200' }, 1000000);
      c.inc({ verb: 'GET', code: '404' });
      c.inc({ verb: 'GET', code: '200' }, 2.5);
    },
    want: [
      '# HELP req_total Requests.',
      '# TYPE req_total counter',
      'req_total{code="200",verb="GET"} 2.5',
      'req_total{code="200",verb="LIST"} 1e+06',
      'req_total{code="404",verb="GET"} 1',
      '',
    ].join('\n'),
  },
  {
    name: 'escaping: HELP keeps quotes, label values escape backslash, quote and newline',
    fill: (r) => {
      const g = r.gauge({ name: 'g', help: 'A "gauge"\\ with\nlines.', labelNames: ['path'] });
      g.set({ path: 'a\\b"c\nd' }, -0.5);
    },
    want: '# HELP g A "gauge"\\\\ with\\nlines.\n# TYPE g gauge\ng{path="a\\\\b\\"c\\nd"} -0.5\n',
  },
  {
    name: 'a gauge that went back to zero stays listed',
    fill: (r) => {
      const g = r.gauge({ name: 'open', help: 'Open.', labelNames: ['verb'] });
      g.inc({ verb: 'WATCH' });
      g.dec({ verb: 'WATCH' });
    },
    want: '# HELP open Open.\n# TYPE open gauge\nopen{verb="WATCH"} 0\n',
  },
  {
    name: 'histogram: cumulative buckets, le last, +Inf, _sum and _count',
    fill: (r) => {
      const h = r.histogram({ name: 'lat_seconds', help: 'Latency.', labelNames: ['verb'], buckets: [0.005, 0.1, 1] });
      h.observe({ verb: 'GET' }, 0.001);
      h.observe({ verb: 'GET' }, 0.05);
      h.observe({ verb: 'GET' }, 0.1);
      h.observe({ verb: 'GET' }, 7);
    },
    want: [
      '# HELP lat_seconds Latency.',
      '# TYPE lat_seconds histogram',
      'lat_seconds_bucket{verb="GET",le="0.005"} 1',
      'lat_seconds_bucket{verb="GET",le="0.1"} 3',
      'lat_seconds_bucket{verb="GET",le="1"} 3',
      'lat_seconds_bucket{verb="GET",le="+Inf"} 4',
      'lat_seconds_sum{verb="GET"} 7.151',
      'lat_seconds_count{verb="GET"} 4',
      '',
    ].join('\n'),
  },
  {
    name: 'an unlabelled histogram is shown empty; extreme bounds print in exponent form',
    fill: (r) => void r.histogram({ name: 'h', help: 'H.', buckets: [0.00001, 1000000] }),
    want: [
      '# HELP h H.',
      '# TYPE h histogram',
      'h_bucket{le="1e-05"} 0',
      'h_bucket{le="1e+06"} 0',
      'h_bucket{le="+Inf"} 0',
      'h_sum 0',
      'h_count 0',
      '',
    ].join('\n'),
  },
  {
    name: 'families are sorted by name',
    fill: (r) => {
      r.gauge({ name: 'b', help: 'B.' }).set({}, 2);
      r.counter({ name: 'a_total', help: 'A.' }).inc({});
    },
    want: '# HELP a_total A.\n# TYPE a_total counter\na_total 1\n# HELP b B.\n# TYPE b gauge\nb 2\n',
  },
];

for (const c of cases) {
  test(`text exposition: ${c.name}`, () => {
    const registry = new MetricsRegistry();
    c.fill(registry);
    assert.equal(registry.text(), c.want);
  });
}

test('misuse is an error', () => {
  const registry = new MetricsRegistry();
  const counter = registry.counter({ name: 'c_total', help: 'C.', labelNames: ['a'] });
  const bad: [string, () => void][] = [
    ['duplicate name', () => registry.gauge({ name: 'c_total', help: 'again' })],
    ['invalid metric name', () => registry.gauge({ name: '1x', help: '' })],
    ['invalid label name', () => registry.gauge({ name: 'x', help: '', labelNames: ['__x'] })],
    ['le in a histogram', () => registry.histogram({ name: 'y', help: '', labelNames: ['le'] })],
    ['unsorted buckets', () => registry.histogram({ name: 'z', help: '', buckets: [1, 1] })],
    ['a counter going down', () => counter.inc({ a: 'x' }, -1)],
    ['a missing label', () => counter.inc({} as { a: string })],
    ['an extra label', () => counter.inc({ a: 'x', b: 'y' } as { a: string })],
  ];
  for (const [what, fn] of bad) assert.throws(fn, Error, what);
});

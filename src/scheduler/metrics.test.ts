import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchedulerMetrics } from './metrics.ts';
import { MetricsServer, parseAddress } from './metrics-server.ts';

test('scheduler metrics: attempts by result and profile, upstream buckets, pending pods read when scraped', () => {
  const m = new SchedulerMetrics();
  let lengths = { active: 3, backoff: 1, unschedulable: 2, gated: 0 };
  m.watchQueue(() => lengths);
  m.attempt('scheduled', 'default-scheduler', 0.003);
  m.attempt('scheduled', 'default-scheduler', 0.5);
  m.attempt('unschedulable', 'other', 0.0005);
  m.podScheduled(2, 1.5);
  const cases: { line: string; present: boolean }[] = [
    { line: 'scheduler_schedule_attempts_total{profile="default-scheduler",result="scheduled"} 2', present: true },
    { line: 'scheduler_schedule_attempts_total{profile="other",result="unschedulable"} 1', present: true },
    { line: 'scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="0.001"} 0', present: true },
    { line: 'scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="0.004"} 1', present: true },
    { line: 'scheduler_scheduling_attempt_duration_seconds_bucket{profile="default-scheduler",result="scheduled",le="16.384"} 2', present: true },
    { line: 'scheduler_e2e_scheduling_duration_seconds_count{profile="other",result="unschedulable"} 1', present: true },
    { line: 'scheduler_pod_scheduling_sli_duration_seconds_count{attempts="2"} 1', present: true },
    { line: 'scheduler_pending_pods{queue="active"} 3', present: true },
    { line: 'scheduler_pending_pods{queue="unschedulable"} 2', present: true },
    { line: 'scheduler_preemption_attempts_total 0', present: true },
    { line: 'scheduler_schedule_attempts_total{profile="default-scheduler",result="error"} 0', present: false },
  ];
  const text = m.text();
  for (const c of cases) assert.equal(text.split('\n').includes(c.line), c.present, c.line);
  lengths = { active: 0, backoff: 0, unschedulable: 0, gated: 4 };
  assert.ok(m.text().split('\n').includes('scheduler_pending_pods{queue="gated"} 4'));
});

test('metrics endpoint: /metrics, health paths, 404 and 405; closes on abort', async () => {
  const metrics = new SchedulerMetrics();
  metrics.attempt('error', 'default-scheduler', 0.01);
  const stop = new AbortController();
  let port = 0;
  const server = new MetricsServer({ metrics, address: '127.0.0.1:0' });
  let listening: () => void = () => {};
  const ready = new Promise<void>((resolve) => { listening = resolve; });
  const running = server.run(stop.signal, (p) => { port = p; listening(); });
  await Promise.race([ready, running]);
  const cases: { path: string; method?: string; status: number; body?: RegExp; type?: RegExp }[] = [
    { path: '/metrics', status: 200, body: /^scheduler_schedule_attempts_total\{profile="default-scheduler",result="error"\} 1$/m, type: /^text\/plain; version=0\.0\.4/ },
    { path: '/healthz', status: 200, body: /^ok$/ },
    { path: '/readyz?verbose', status: 200, body: /^ok$/ },
    { path: '/elsewhere', status: 404 },
    { path: '/metrics', method: 'POST', status: 405 },
  ];
  for (const c of cases) {
    const res = await fetch(`http://127.0.0.1:${port}${c.path}`, { method: c.method ?? 'GET' });
    const body = await res.text();
    assert.equal(res.status, c.status, c.path);
    if (c.body !== undefined) assert.match(body, c.body, c.path);
    if (c.type !== undefined) assert.match(res.headers.get('content-type') ?? '', c.type, c.path);
  }
  stop.abort();
  await running;
  await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`));
  assert.throws(() => new MetricsServer({ metrics, address: 'no-port' }), /invalid address "no-port"/);
  assert.deepEqual(parseAddress('[::1]:10251'), { host: '::1', port: 10251 });
});

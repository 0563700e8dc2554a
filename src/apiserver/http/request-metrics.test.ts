import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { notFound } from '../../api/status.ts';
import { MetricsRegistry } from '../../client/metrics/registry.ts';
import { RequestMetrics } from './request-metrics.ts';
import type { ApiResponse } from './types.ts';

function response(statusCode: number, headersSent: boolean): ApiResponse {
  const fail = (): never => assert.fail('not used');
  return { statusCode, headersSent, setHeader: fail, send: fail, json: fail, stream: fail };
}

const pods = { group: '', version: 'v1', resource: 'pods', scope: 'namespace' };

test('measure counts by code, times with the clock, and tracks open long-running requests', async () => {
  const clock = new FakeClock();
  const registry = new MetricsRegistry();
  const metrics = new RequestMetrics(registry, clock);

  await metrics.measure({ verb: 'LIST', ...pods }, response(200, true), async () => clock.advance(30));
  await assert.rejects(metrics.measure({ verb: 'GET', ...pods }, response(200, false), async () => {
    clock.advance(2);
    throw notFound({ group: '', resource: 'pods' }, 'x');
  }));
  await assert.rejects(metrics.measure({ verb: 'CREATE', ...pods, dryRun: true }, response(200, false), () => Promise.reject(new Error('bug'))));

  let release = (): void => undefined;
  const watch = metrics.measure({ verb: 'WATCH', ...pods, longRunning: true }, response(200, true), () => new Promise<void>((resolve) => (release = resolve)));
  await Promise.resolve();
  const open = registry.text();
  assert.match(open, /^apiserver_longrunning_requests\{component="apiserver",group="",resource="pods",scope="namespace",subresource="",verb="WATCH",version="v1"\} 1$/m);
  clock.advance(60_000);
  release();
  await watch;

  const text = registry.text();
  const line = (verb: string, code: string, dryRun = ''): string =>
    `apiserver_request_total{code="${code}",component="apiserver",dry_run="${dryRun}",group="",resource="pods",scope="namespace",subresource="",verb="${verb}",version="v1"} 1`;
  for (const want of [line('LIST', '200'), line('GET', '404'), line('CREATE', '500', 'All'), line('WATCH', '200')]) {
    assert.ok(text.includes(want + '\n'), `missing ${want}`);
  }
  assert.match(text, /^apiserver_longrunning_requests\{[^}]*verb="WATCH"[^}]*\} 0$/m);
  const listLabels = 'component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="LIST",version="v1"';
  assert.ok(text.includes(`apiserver_request_duration_seconds_bucket{${listLabels},le="0.025"} 0\n`));
  assert.ok(text.includes(`apiserver_request_duration_seconds_bucket{${listLabels},le="0.05"} 1\n`));
  assert.ok(text.includes(`apiserver_request_duration_seconds_sum{${listLabels}} 0.03\n`));
  assert.match(text, /apiserver_request_duration_seconds_bucket\{[^}]*verb="WATCH"[^}]*le="60"\} 1\n/);
});

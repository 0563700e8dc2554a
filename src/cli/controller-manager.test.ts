import assert from 'node:assert/strict';
import { it } from 'node:test';
import { controllerManagerFlagSpecs, controllerManagerSettings, parseDuration } from './controller-manager.ts';
import { parseFlags } from './flags.ts';

it('parses Go durations', () => {
  const cases: Array<[string, number | undefined]> = [['40s', 40_000], ['5s', 5_000], ['1m30s', 90_000], ['500ms', 500], ['1h', 3_600_000], ['0', 0], ['', undefined], ['40', undefined], ['5x', undefined]];
  for (const [text, want] of cases) assert.equal(parseDuration(text), want, text);
});

it('turns upstream flags into controller options', () => {
  const flags = parseFlags(['--node-monitor-grace-period', '20s', '--concurrent-gc-syncs', '3', '--cluster-cidr', '10.0.0.0/8', '--controllers', '*,-namespace'], controllerManagerFlagSpecs);
  assert.deepEqual(controllerManagerSettings(flags), {
    options: { nodeMonitorGracePeriodMs: 20_000, concurrentGcSyncs: 3, clusterCidr: '10.0.0.0/8' }, enabled: ['*', '-namespace'],
  });
});

it('takes upstream\'s client rate limit flags and refuses bad ones', () => {
  const cases: Array<{ argv: string[]; want?: Record<string, number>; error?: RegExp }> = [
    { argv: ['--kube-api-qps', '500', '--kube-api-burst', '1000'], want: { kubeApiQps: 500, kubeApiBurst: 1000 } },
    { argv: ['--kube-api-qps', '0.5'], want: { kubeApiQps: 0.5 } },
    { argv: ['--kube-api-qps', '0'], want: { kubeApiQps: 0 } },
    { argv: ['--kube-api-qps', 'fast'], error: /--kube-api-qps takes a number/ },
    { argv: ['--kube-api-qps', '-1'], error: /--kube-api-qps takes a number/ },
    { argv: ['--kube-api-burst', '1.5'], error: /--kube-api-burst takes a whole number/ },
  ];
  for (const c of cases) {
    const settings = (): unknown => controllerManagerSettings(parseFlags(c.argv, controllerManagerFlagSpecs)).options;
    if (c.error !== undefined) assert.throws(settings, c.error, c.argv.join(' '));
    else assert.deepEqual(settings(), c.want, c.argv.join(' '));
  }
});

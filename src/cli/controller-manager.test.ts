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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSchedulerConfig } from './config.ts';

test('parseSchedulerConfig reads a KubeSchedulerConfiguration file', () => {
  const c = parseSchedulerConfig(`
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 30
podInitialBackoffSeconds: 2
podMaxBackoffSeconds: 20
leaderElection:
  leaderElect: false
profiles:
- schedulerName: default-scheduler
- schedulerName: bin-packer
  plugins:
    score:
      disabled:
      - name: NodeResourcesBalancedAllocation
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
`);
  assert.deepEqual(c.profiles.map((p) => p.schedulerName), ['default-scheduler', 'bin-packer']);
  assert.equal(c.profiles[1]?.percentageOfNodesToScore, 30);
  assert.deepEqual(c.profiles[1]?.pluginArgs.get('NodeResourcesFit'), { scoringStrategy: { type: 'MostAllocated' } });
  assert.ok(c.profiles[1]?.plugins.find((p) => p.name === 'NodeResourcesBalancedAllocation')?.disabled.has('score'));
  assert.equal(c.podInitialBackoffMs, 2000);
  assert.equal(c.podMaxBackoffMs, 20_000);
  assert.equal(c.leaderElect, false);
  assert.throws(() => parseSchedulerConfig('apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n'), /unsupported apiVersion/);
});

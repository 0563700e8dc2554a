import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import { totalmem } from 'node:os';
import { linuxResources, oomScoreAdj, qosClass } from './qos.ts';

const pod = (...containers: Container[]): Pod => ({ metadata: {}, spec: { containers } });
const c = (requests: Record<string, string> = {}, limits: Record<string, string> = {}): Container => ({ name: 'c', resources: { requests, limits } });
const GIB = 1024 ** 3;

test('QoS class, oom_score_adj and Linux resources as upstream', () => {
  const cases: { name: string; pod: Pod; qos: string; oom: number; shares: number; quota?: number; memory?: number }[] = [
    { name: 'no resources', pod: pod(c()), qos: 'BestEffort', oom: 1000, shares: 2 },
    { name: 'zero requests are unset', pod: pod(c({ cpu: '0' })), qos: 'BestEffort', oom: 1000, shares: 2 },
    { name: 'limits = requests', pod: pod(c({ cpu: '500m', memory: '1Gi' }, { cpu: '500m', memory: '1Gi' })), qos: 'Guaranteed', oom: -997, shares: 512, quota: 50_000, memory: GIB },
    { name: 'limits only (requests default to them)', pod: pod(c({}, { cpu: '2', memory: '1Gi' })), qos: 'Guaranteed', oom: -997, shares: 2048, quota: 200_000, memory: GIB },
    { name: 'requests below limits', pod: pod(c({ cpu: '100m', memory: '2Gi' }, { memory: '4Gi' })), qos: 'Burstable', oom: 750, shares: 102, memory: 4 * GIB },
    { name: 'tiny memory request: just under BestEffort', pod: pod(c({ memory: '1' })), qos: 'Burstable', oom: 999, shares: 2 },
    { name: 'huge memory request: just above Guaranteed', pod: pod(c({ memory: '16Gi' })), qos: 'Burstable', oom: 3, shares: 2 },
    { name: 'small cpu limit: minimum quota', pod: pod(c({ cpu: '1m' }, { cpu: '1m' })), qos: 'Burstable', oom: 999, shares: 2, quota: 1000 },
  ];
  for (const t of cases) {
    const container = t.pod.spec?.containers[0] as Container;
    assert.equal(qosClass(t.pod), t.qos, t.name);
    assert.equal(oomScoreAdj(t.pod, container, 8 * GIB), t.oom, t.name);
    const r = linuxResources(t.pod, container, 8 * GIB);
    assert.equal(r.cpuShares, t.shares, t.name);
    assert.equal(r.cpuQuota, t.quota, t.name);
    assert.equal(r.cpuPeriod, t.quota === undefined ? undefined : 100_000, t.name);
    assert.equal(r.memoryLimitInBytes, t.memory, t.name);
  }
});

test('without a capacity given, the machine\'s memory is the capacity: the same answer on every call', () => {
  const burstable = pod(c({ memory: '1Gi' }));
  const container = burstable.spec?.containers[0] as Container;
  const want = oomScoreAdj(burstable, container, totalmem());
  for (let i = 0; i < 3; i++) {
    assert.equal(oomScoreAdj(burstable, container), want, `call ${i}`);
    assert.equal(linuxResources(burstable, container).oomScoreAdj, want, `call ${i}`);
  }
});

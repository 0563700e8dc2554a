import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Pod } from '../../../../api/types/core/v1/index.ts';
import { computePodQOS } from './qos.ts';

function podWith(containers: Array<Container['resources']>, init: Array<Container['resources']> = []): Pod {
  const make = (resources: Container['resources'], i: number, prefix: string): Container => ({ name: `${prefix}${i}`, image: 'x', ...(resources ? { resources } : {}) });
  return { spec: { containers: containers.map((r, i) => make(r, i, 'c')), initContainers: init.map((r, i) => make(r, i, 'i')) } };
}

test('computePodQOS', () => {
  const guaranteed = { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1Gi' } };
  const cases: Array<[string, Pod, string]> = [
    ['nothing requested', podWith([undefined]), 'BestEffort'],
    ['only other resources', podWith([{ limits: { 'ephemeral-storage': '1Gi' }, requests: { 'ephemeral-storage': '1Gi' } }]), 'BestEffort'],
    ['zero quantities do not count', podWith([{ requests: { cpu: '0' } }]), 'BestEffort'],
    ['requests equal limits everywhere', podWith([guaranteed, guaranteed]), 'Guaranteed'],
    ['one container without limits', podWith([guaranteed, undefined]), 'Burstable'],
    ['limits on cpu only', podWith([{ limits: { cpu: '1' }, requests: { cpu: '1' } }]), 'Burstable'],
    ['requests below limits', podWith([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }]), 'Burstable'],
    ['requests only', podWith([{ requests: { memory: '64Mi' } }]), 'Burstable'],
    ['init containers count', podWith([guaranteed], [{ requests: { cpu: '100m' } }]), 'Burstable'],
  ];
  for (const [name, pod, expected] of cases) assert.equal(computePodQOS(pod), expected, name);
});

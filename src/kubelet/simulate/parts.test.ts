import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Probe, Volume } from '../../api/types/core/v1/index.ts';
import { simulatedProbe } from './prober.ts';
import { neededObjects } from './volumes.ts';

test('volumes: what must exist before the pod starts', () => {
  const cases: [Volume, string][] = [
    [{ name: 'a', configMap: { name: 'cm' } }, 'configmap/cm'],
    [{ name: 'b', configMap: { name: 'cm', optional: true } }, 'configmap/cm?'],
    [{ name: 'c', secret: { secretName: 's' } }, 'secret/s'],
    [{ name: 'd', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }, { serviceAccountToken: { path: 'token' } }, { secret: { name: 'x', optional: true } }] } }, 'configmap/kube-root-ca.crt,secret/x?'],
    [{ name: 'e', emptyDir: {} }, ''],
    [{ name: 'f', downwardAPI: { items: [] } }, ''],
  ];
  for (const [volume, want] of cases) {
    assert.equal(neededObjects(volume).map((n) => `${n.kind}/${n.name}${n.optional ? '?' : ''}`).join(','), want, volume.name);
  }
});

test('probes: network handlers become `exec true` with their timing; exec probes are kept', () => {
  const timing = { periodSeconds: 3, failureThreshold: 2, initialDelaySeconds: 5 };
  const cases: [Probe | undefined, Probe | undefined][] = [
    [undefined, undefined],
    [{ httpGet: { path: '/healthz', port: 8080 }, ...timing }, { exec: { command: ['true'] }, ...timing }],
    [{ tcpSocket: { port: 'http' }, ...timing }, { exec: { command: ['true'] }, ...timing }],
    [{ grpc: { port: 9000 } }, { exec: { command: ['true'] } }],
    [{ exec: { command: ['cat', '/tmp/ok'] }, ...timing }, { exec: { command: ['cat', '/tmp/ok'] }, ...timing }],
  ];
  for (const [probe, want] of cases) assert.deepEqual(simulatedProbe(probe), want, JSON.stringify(probe));
});

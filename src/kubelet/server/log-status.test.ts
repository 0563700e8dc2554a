import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStatus, Pod } from '../../api/types/core/v1/index.ts';
import { logStatusError } from './log-status.ts';

const pod = (status: Partial<ContainerStatus> | undefined): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  status: { containerStatuses: status === undefined ? [] : [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, ...status }, { name: 'other', image: 'busybox', imageID: '', ready: true, restartCount: 0 }] },
});

const cases: Array<[string, Partial<ContainerStatus> | undefined, boolean, string | undefined]> = [
  ['running', { state: { running: { startedAt: '2024-01-01T00:00:00Z' } } }, false, undefined],
  ['no statuses reported yet', undefined, false, undefined],
  ['creating', { state: { waiting: { reason: 'ContainerCreating' } } }, false, 'container "c" in pod "p" is waiting to start: ContainerCreating'],
  ['image pull failed', { state: { waiting: { reason: 'ErrImagePull' } } }, false, 'container "c" in pod "p" is waiting to start: image can\'t be pulled'],
  ['image pull back-off', { state: { waiting: { reason: 'ImagePullBackOff' } } }, false, 'container "c" in pod "p" is waiting to start: trying and failing to pull image'],
  ['crash loop with an earlier run: its log', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://a' } } }, false, undefined],
  ['previous without one', { state: { running: {} } }, true, 'previous terminated container "c" in pod "p" not found'],
  ['previous after a restart', { state: { running: {} }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://a' } } }, true, undefined],
  ['terminated without an id', { state: { terminated: { exitCode: 0 } } }, false, 'container "c" in pod "p" is terminated'],
  ['no state at all', {}, false, 'container "c" in pod "p" is waiting to start - no logs yet'],
];

test('log status: a container the reported status does not list is not available', () => {
  assert.equal(logStatusError(pod({ state: { running: {} } }), 'nope', false), 'container "nope" in pod "p" is not available');
});

for (const [name, status, previous, expected] of cases) {
  test(`log status: ${name}`, () => {
    assert.equal(logStatusError(pod(status), 'c', previous), expected);
  });
}

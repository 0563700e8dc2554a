import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStatus, Pod } from '../../../../api/types/core/v1/index.ts';
import { podPrinter } from './printer.ts';

const NOW = Date.parse('2025-05-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');

function status(name: string, state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'x', imageID: '', ready: false, restartCount: 0, ...(state ? { state } : {}), ...extra };
}

const running = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => status(name, { running: { startedAt: ago(600) } }, { ready: true, ...extra });

function pod(extra: { init?: string[]; containers?: string[]; status?: Pod['status']; deleting?: boolean; sidecars?: string[] }): Pod {
  return {
    metadata: { name: 'web', creationTimestamp: ago(3600), ...(extra.deleting ? { deletionTimestamp: ago(5) } : {}) },
    spec: {
      nodeName: 'node-1',
      containers: (extra.containers ?? ['app']).map((name) => ({ name, image: 'x' })),
      initContainers: [
        ...(extra.init ?? []).map((name) => ({ name, image: 'x' })),
        ...(extra.sidecars ?? []).map((name) => ({ name, image: 'x', restartPolicy: 'Always' })),
      ],
    },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

test('pod columns: NAME READY STATUS RESTARTS AGE, then wide IP NODE NOMINATED NODE READINESS GATES', () => {
  assert.deepEqual(podPrinter.columns.map((c) => [c.name, c.priority]), [
    ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
  ]);
});

test('pod cells for typical pods', () => {
  const cases: Array<[string, Pod, unknown[]]> = [
    ['pending, nothing reported', pod({ status: { phase: 'Pending' } }), ['web', '0/1', 'Pending', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['running', pod({ status: { phase: 'Running', podIPs: [{ ip: '10.42.0.5' }], containerStatuses: [running('app')] } }), ['web', '1/1', 'Running', '0', '60m', '10.42.0.5', 'node-1', '<none>', '<none>']],
    ['crash looping, restarted 5 minutes ago', pod({
      status: {
        phase: 'Running',
        containerStatuses: [status('app', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } } })],
      },
    }), ['web', '0/1', 'CrashLoopBackOff', '4 (5m ago)', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['first init container running', pod({ init: ['setup'], status: { phase: 'Pending', initContainerStatuses: [status('setup', { running: {} })] } }),
      ['web', '0/1', 'Init:0/1', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['init container crash looping', pod({
      init: ['a', 'b'],
      status: { phase: 'Pending', initContainerStatuses: [status('a', { terminated: { exitCode: 0, reason: 'Completed' } }), status('b', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 2 })] },
    }), ['web', '0/1', 'Init:CrashLoopBackOff', '2', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['init container failed with a signal', pod({ init: ['a'], status: { phase: 'Pending', initContainerStatuses: [status('a', { terminated: { exitCode: 137, signal: 9 } })] } }),
      ['web', '0/1', 'Init:Signal:9', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['sidecar started counts as ready', pod({
      sidecars: ['proxy'],
      status: { phase: 'Running', initContainerStatuses: [running('proxy', { started: true })], containerStatuses: [running('app')] },
    }), ['web', '2/2', 'Running', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['completed', pod({ status: { phase: 'Succeeded', containerStatuses: [status('app', { terminated: { exitCode: 0, reason: 'Completed' } })] } }),
      ['web', '0/1', 'Completed', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['one container done, one running and ready', pod({
      containers: ['a', 'b'],
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [status('a', { terminated: { exitCode: 0, reason: 'Completed' } }), running('b')] },
    }), ['web', '1/2', 'Running', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['failed without reason', pod({ status: { phase: 'Failed', containerStatuses: [status('app', { terminated: { exitCode: 2 } })] } }),
      ['web', '0/1', 'ExitCode:2', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['terminating', pod({ deleting: true, status: { phase: 'Running', containerStatuses: [running('app')] } }),
      ['web', '1/1', 'Terminating', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['terminating but finished', pod({ deleting: true, status: { phase: 'Succeeded', containerStatuses: [status('app', { terminated: { exitCode: 0, reason: 'Completed' } })] } }),
      ['web', '0/1', 'Completed', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['node lost', pod({ status: { phase: 'Running', reason: 'NodeLost' } }), ['web', '0/1', 'NodeLost', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['node lost while deleting', pod({ deleting: true, status: { phase: 'Running', reason: 'NodeLost' } }), ['web', '0/1', 'Unknown', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['evicted', pod({ status: { phase: 'Failed', reason: 'Evicted' } }), ['web', '0/1', 'Evicted', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
    ['scheduling gated', pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }),
      ['web', '0/1', 'SchedulingGated', '0', '60m', '<none>', 'node-1', '<none>', '<none>']],
  ];
  for (const [name, p, expected] of cases) assert.deepEqual(podPrinter.cells(p, NOW), expected, name);
});

test('readiness gates and nominated node', () => {
  const p = pod({ status: { phase: 'Pending', nominatedNodeName: 'node-2', conditions: [{ type: 'example.com/ready', status: 'True' }] } });
  (p.spec ?? { containers: [] }).readinessGates = [{ conditionType: 'example.com/ready' }, { conditionType: 'example.com/other' }];
  assert.deepEqual(podPrinter.cells(p, NOW).slice(7), ['node-2', '1/2']);
});

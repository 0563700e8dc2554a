import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Image } from '../cri/types.ts';
import { defaultRouteInterface, goArch, parseMeminfo, parseOsRelease, type MachineFacts } from './machine.ts';
import type { Node } from '../../api/types/core/v1/index.ts';
import { bytesQuantity, nodeImages, realNodeStatus, runtimeProblems, type NodeStatusInputs } from './node-status.ts';
import { readyCondition } from './conditions.ts';
import { statusNeedsPost } from './heartbeat.ts';

const T0 = Date.UTC(2026, 0, 1);
const GiB = 1024 ** 3;
const facts: MachineFacts = {
  cpuCount: 2, memoryTotalBytes: 16393500 * 1024, memoryAvailableBytes: 8 * GiB,
  fsCapacityBytes: 100 * GiB, fsAvailableBytes: 50 * GiB, fsInodes: 1000, fsInodesFree: 900,
  kernelVersion: '6.1.0-18-amd64', osImage: 'Debian GNU/Linux 12 (bookworm)', architecture: 'amd64',
  machineID: 'm1', systemUUID: 'u1', bootID: 'b1', internalIP: '192.0.2.10',
};
const ready = [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, { type: 'NetworkReady', status: true, reason: '', message: '' }];
const image = (tags: string[], size: number): Image => ({ id: `sha256:${size}`, repoTags: tags, repoDigests: [], size, uid: null, username: '', pinned: false });

test('host parsers read /proc and /etc files as the kubelet does', () => {
  assert.deepEqual(parseMeminfo('MemTotal:       16393500 kB\nMemFree:  100 kB\nMemAvailable:    8000000 kB\n'), { totalBytes: 16393500 * 1024, availableBytes: 8000000 * 1024 });
  assert.deepEqual(parseMeminfo('MemTotal: 10 kB\nMemFree: 4 kB\n'), { totalBytes: 10240, availableBytes: 4096 });
  assert.throws(() => parseMeminfo('nothing'), /MemTotal/);
  const osCases: [string, string][] = [['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME=x', 'Debian GNU/Linux 12 (bookworm)'], ['PRETTY_NAME=Alpine', 'Alpine'], ['', 'Linux']];
  for (const [text, want] of osCases) assert.equal(parseOsRelease(text), want);
  const head = 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n';
  const routeCases: [string, string | undefined][] = [
    [`${head}eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\neth1\t00000000\t010200C0\t0003\t0\t0\t50\t00000000\n`, 'eth1'],
    [`${head}eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\n`, undefined],
    [`${head}eth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\n`, undefined],
  ];
  for (const [table, want] of routeCases) assert.equal(defaultRouteInterface(table), want);
  assert.equal(goArch('x64'), 'amd64');
  assert.equal(goArch('arm64'), 'arm64');
});

test('capacity, allocatable, addresses and nodeInfo come from the host and the runtime', () => {
  const status = realNodeStatus({ nodeName: 'n1', facts, containerRuntimeVersion: 'containerd://1.6.20', runtimeConditions: ready, images: [], kubeletPort: 10250 }, undefined, T0);
  assert.deepEqual(status.capacity, { cpu: '2', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16393500Ki', pods: '110' });
  assert.equal(status.allocatable?.['memory'], '16291100Ki', 'less the 100Mi hard eviction threshold');
  assert.equal(status.allocatable?.['ephemeral-storage'], bytesQuantity(100 * GiB - Math.floor(10 * GiB)));
  assert.deepEqual(status.addresses, [{ type: 'InternalIP', address: '192.0.2.10' }, { type: 'Hostname', address: 'n1' }]);
  assert.equal(status.nodeInfo?.containerRuntimeVersion, 'containerd://1.6.20');
  assert.equal(status.nodeInfo?.kubeletVersion, 'v1.33.0+k8ts');
  assert.equal(status.daemonEndpoints?.kubeletEndpoint?.Port, 10250);
  assert.deepEqual(status.conditions?.map((c) => `${c.type}=${c.status}:${c.reason}`),
    ['MemoryPressure=False:KubeletHasSufficientMemory', 'DiskPressure=False:KubeletHasNoDiskPressure', 'PIDPressure=False:KubeletHasSufficientPID', 'Ready=True:KubeletReady']);
  assert.equal(status.conditions?.[3]?.message, 'kubelet is posting ready status');
});

test('pressure and runtime problems turn conditions over with upstream wording', () => {
  const low = { ...facts, memoryAvailableBytes: 50 * 1024 * 1024, fsAvailableBytes: 5 * GiB };
  const status = realNodeStatus({ nodeName: 'n1', facts: low, containerRuntimeVersion: 'containerd://1.6.20', runtimeConditions: ready, images: [], kubeletPort: 10250 }, undefined, T0);
  assert.deepEqual(status.conditions?.slice(0, 2).map((c) => `${c.reason}|${c.message}`),
    ['KubeletHasInsufficientMemory|kubelet has insufficient memory available', 'KubeletHasDiskPressure|kubelet has disk pressure']);
  const cases: [Parameters<typeof runtimeProblems>[0], string[]][] = [
    [ready, []],
    [new Error('connection refused'), ['container runtime is down']],
    [[ready[0] as (typeof ready)[0], { type: 'NetworkReady', status: false, reason: 'NetworkPluginNotReady', message: 'Network plugin returns error: cni plugin not initialized' }],
      ['container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized']],
    [[], ['container runtime not ready: <nil>', 'container runtime network not ready: <nil>']],
  ];
  for (const [conditions, want] of cases) assert.deepEqual(runtimeProblems(conditions), want);
  assert.equal(readyCondition(['a', 'b']).message, '[a, b]');
  assert.equal(readyCondition(['a']).reason, 'KubeletNotReady');
});

test('images: largest first, digests then tags, at most five names', () => {
  const list = nodeImages([image(['small:1'], 10), image(['big:1', 'big:latest'], 1000), image([], 5)]);
  assert.deepEqual(list, [{ names: ['big:1', 'big:latest'], sizeBytes: 1000 }, { names: ['small:1'], sizeBytes: 10 }]);
  assert.equal(nodeImages([image(['a', 'b', 'c', 'd', 'e', 'f'], 1)])[0]?.names?.length, 5);
});

test('status is posted on change, on a Ready the controller overwrote, and every 5 minutes', () => {
  const inputs: NodeStatusInputs = { nodeName: 'n1', facts, containerRuntimeVersion: 'containerd://1.6.20', runtimeConditions: ready, images: [], kubeletPort: 10250 };
  const posted = realNodeStatus(inputs, undefined, T0);
  const node = { metadata: { name: 'n1' }, status: posted };
  const at = (ms: number, changes: Partial<NodeStatusInputs> = {}): boolean => statusNeedsPost(node, realNodeStatus({ ...inputs, ...changes }, posted.conditions, T0 + ms), T0 + ms);
  assert.equal(at(10_000), false, 'nothing changed');
  assert.equal(at(10_000, { images: [image(['x:1'], 1)] }), true, 'an image arrived');
  assert.equal(at(10_000, { runtimeConditions: new Error('down') }), true, 'not ready');
  assert.equal(at(5 * 60_000), true, 'report interval');
  const unknown: Node = { ...node, status: { ...posted, conditions: (posted.conditions ?? []).map((c) => c.type === 'Ready' ? { ...c, status: 'Unknown' } : c) } };
  assert.equal(statusNeedsPost(unknown, realNodeStatus(inputs, unknown.status?.conditions, T0 + 10_000), T0 + 10_000), true);
});

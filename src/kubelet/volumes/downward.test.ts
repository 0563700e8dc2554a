import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Pod, ResourceFieldSelector } from '../../api/types/core/v1/index.ts';
import { containerResourceValue, formatMap, podFieldValue } from './downward.ts';
import { parseMountPoints } from './mounts.ts';
import { memoryVolumeSize, podMemoryLimit } from './tmpfs-size.ts';

test('labels and annotations: sorted by byte order, values quoted as Go quotes them', () => {
  const cases: Array<[Record<string, string> | undefined, string]> = [
    [undefined, ''],
    [{ b: '2', a: '1' }, 'a="1"\nb="2"'],
    [{ 'x/y': 'multi\nline\t"q" \\ é' }, 'x/y="multi\\nline\\t\\"q\\" \\\\ é"'],
    [{ Z: '', a: '' }, 'Z=""\na=""'],
    [{ k: '\u0007\u007f' }, 'k="\\a\\x7f"'],
  ];
  for (const [map, want] of cases) assert.equal(formatMap(map), want, JSON.stringify(map));
});

test('pod fields a volume may show', () => {
  const pod: Pod = { metadata: { name: 'p', namespace: 'n', uid: 'u', labels: { a: '1' }, annotations: { 'x.io/y': 'z' } } };
  const cases: Array<[string, string | RegExp]> = [
    ['metadata.name', 'p'], ['metadata.namespace', 'n'], ['metadata.uid', 'u'], ['metadata.labels', 'a="1"'],
    ["metadata.labels['a']", '1'], ["metadata.labels['missing']", ''], ["metadata.annotations['x.io/y']", 'z'],
    ['spec.nodeName', /: unsupported fieldPath: spec\.nodeName$/], ['status.podIP', /: unsupported fieldPath: status\.podIP$/],
  ];
  for (const [path, want] of cases) {
    if (typeof want === 'string') assert.equal(podFieldValue(pod, path), want, path);
    else assert.throws(() => podFieldValue(pod, path), want, path);
  }
});

test('container resources: divisor, rounding up, node allocatable for missing limits', () => {
  const c: Container = { name: 'c', resources: { limits: { cpu: '1500m', memory: '100Mi', 'hugepages-2Mi': '4Mi' }, requests: { cpu: '250m', memory: '10M' } } };
  const bare: Container = { name: 'b' };
  const node = { cpu: '4', memory: '8Gi', 'ephemeral-storage': '20Gi' };
  const cases: Array<[Container, string, string | undefined, string | RegExp]> = [
    [c, 'limits.cpu', undefined, '2'],
    [c, 'limits.cpu', '1m', '1500'],
    [c, 'limits.cpu', '100m', '15'],
    [c, 'requests.cpu', '1m', '250'],
    [c, 'limits.memory', undefined, String(100 * 1048576)],
    [c, 'limits.memory', '1Mi', '100'],
    [c, 'limits.memory', '1Gi', '1'],
    [c, 'requests.memory', '1Mi', '10'],
    [c, 'limits.hugepages-2Mi', '1Mi', '4'],
    [bare, 'limits.cpu', '1m', '4000'],
    [bare, 'limits.memory', '1Gi', '8'],
    [bare, 'limits.ephemeral-storage', '1Gi', '20'],
    [bare, 'requests.cpu', undefined, '0'],
    [c, 'limits.gpu', undefined, /: unsupported container resource : limits\.gpu$/],
    [c, 'cpu', undefined, /: unsupported container resource : cpu$/],
  ];
  for (const [container, resource, divisor, want] of cases) {
    const ref: ResourceFieldSelector = { resource, ...(divisor === undefined ? {} : { divisor }) };
    if (typeof want === 'string') assert.equal(containerResourceValue(ref, container, node), want, `${container.name} ${resource} / ${divisor}`);
    else assert.throws(() => containerResourceValue(ref, container, node), want);
  }
});

test('memory-backed volume sizes and the pod memory limit', () => {
  const node = { memory: '1Gi' };
  const withLimits = (...limits: Array<string | undefined>): Pod => ({
    spec: { containers: limits.map((l, i) => ({ name: `c${i}`, ...(l === undefined ? {} : { resources: { limits: { memory: l } } }) })) },
  });
  assert.equal(podMemoryLimit(withLimits('64Mi', '64Mi')), 128n * 1048576n);
  assert.equal(podMemoryLimit(withLimits('64Mi', undefined)), undefined);
  const cases: Array<[Pod, string | undefined, bigint]> = [
    [withLimits(undefined), undefined, 1024n * 1048576n],
    [withLimits('64Mi'), undefined, 64n * 1048576n],
    [withLimits('64Mi'), '1Mi', 1048576n],
    [withLimits('64Mi'), '128Mi', 64n * 1048576n],
    [withLimits('2Gi'), undefined, 1024n * 1048576n],
    [withLimits(undefined), '0', 1024n * 1048576n],
  ];
  for (const [pod, sizeLimit, want] of cases) assert.equal(memoryVolumeSize(pod, sizeLimit, node), want, `${JSON.stringify(pod.spec?.containers)} ${sizeLimit}`);
});

test('mount points are read from mountinfo with their escapes decoded', () => {
  const text = [
    '36 35 98:0 /mnt1 /mnt1 rw,noatime master:1 - ext3 /dev/root rw,errors=continue',
    '40 27 0:50 / /var/lib/k8ts/pods/u/volumes/kubernetes.io~secret/my\\040secret rw,relatime - tmpfs tmpfs rw,size=1024k',
    '',
  ].join('\n');
  assert.deepEqual(parseMountPoints(text), ['/mnt1', '/var/lib/k8ts/pods/u/volumes/kubernetes.io~secret/my secret']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import { containerConfig, containerHash } from './container-config.ts';
import { ContainerConfigError } from './env.ts';

const pod: Pod = { metadata: { name: 'p', namespace: 'n', uid: 'u' }, spec: { containers: [], securityContext: { runAsUser: 1000, fsGroup: 3000 } } };
const volumes = new Map([['data', { hostPath: '/v/data', readOnly: false }], ['cfg', { hostPath: '/v/cfg', readOnly: true }]]);

test('containerConfig: mounts, security context, labels, log path', () => {
  const c: Container = {
    name: 'web', image: 'nginx:1.27', workingDir: '/srv', command: ['run', '$(MODE)'],
    volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'sub/dir' }, { name: 'data', mountPath: '/ro', readOnly: true }, { name: 'cfg', mountPath: '/etc/cfg' }],
    securityContext: { runAsGroup: 2000, readOnlyRootFilesystem: true, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, allowPrivilegeEscalation: false },
  };
  const cfg = containerConfig({ pod, container: c, attempt: 3, env: [{ key: 'MODE', value: 'fast' }], volumes, etcHostsPath: '/pods/u/etc-hosts', terminationLogPath: '/pods/u/containers/web/3-termination-log' });
  assert.deepEqual(cfg.metadata, { name: 'web', attempt: 3 });
  assert.deepEqual(cfg.command, ['run', 'fast']);
  assert.equal(cfg.workingDir, '/srv');
  assert.equal(cfg.logPath, 'web/3.log');
  assert.deepEqual(cfg.mounts?.map((m) => [m.containerPath, m.hostPath, m.readonly]), [
    ['/data', '/v/data/sub/dir', false], ['/ro', '/v/data', true], ['/etc/cfg', '/v/cfg', true],
    ['/etc/hosts', '/pods/u/etc-hosts', false], ['/dev/termination-log', '/pods/u/containers/web/3-termination-log', false],
  ]);
  assert.deepEqual(cfg.labels, { 'io.kubernetes.pod.name': 'p', 'io.kubernetes.pod.namespace': 'n', 'io.kubernetes.pod.uid': 'u', 'io.kubernetes.container.name': 'web' });
  assert.equal(cfg.annotations?.['io.kubernetes.container.restartCount'], '3');
  assert.equal(cfg.annotations?.['io.kubernetes.container.hash'], containerHash(c));
  const sc = cfg.linux?.securityContext;
  assert.deepEqual([sc?.runAsUser, sc?.runAsGroup, sc?.readonlyRootfs, sc?.noNewPrivs, sc?.supplementalGroups], [{ value: 1000 }, { value: 2000 }, true, true, [3000]]);
  assert.deepEqual(sc?.capabilities, { addCapabilities: ['NET_ADMIN'], dropCapabilities: ['ALL'] });
  assert.notEqual(containerHash({ ...c, image: 'nginx:1.28' }), containerHash(c), 'the image is part of the hash');
  assert.equal(containerHash({ ...c, resources: { limits: { cpu: '1' } } }), containerHash(c), 'resources are not');
});

test('containerConfig: bad mounts are configuration errors', () => {
  const cases: { name: string; mount: NonNullable<Container['volumeMounts']>[number]; error: RegExp }[] = [
    { name: 'unknown volume', mount: { name: 'nope', mountPath: '/x' }, error: /cannot find volume "nope"/ },
    { name: 'escaping subPath', mount: { name: 'data', mountPath: '/x', subPath: '../etc' }, error: /invalid subPath/ },
    { name: 'absolute subPath', mount: { name: 'data', mountPath: '/x', subPath: '/etc' }, error: /invalid subPath/ },
  ];
  for (const t of cases) {
    assert.throws(() => containerConfig({ pod, container: { name: 'c', volumeMounts: [t.mount] }, attempt: 0, env: [], volumes, etcHostsPath: undefined, terminationLogPath: '/t' }),
      (e: Error) => e instanceof ContainerConfigError && t.error.test(e.message), t.name);
  }
});

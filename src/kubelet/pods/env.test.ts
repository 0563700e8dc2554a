import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Container, Pod, Secret, Service } from '../../api/types/core/v1/index.ts';
import { ContainerConfigError, containerEnv, expand, serviceEnv, type EnvSources } from './env.ts';

test('expand: $(VAR) as upstream', () => {
  const vars: Record<string, string> = { A: 'a', EMPTY: '' };
  const cases: [string, string][] = [
    ['$(A)', 'a'], ['x$(A)y', 'xay'], ['$(EMPTY)!', '!'], ['$(B)', '$(B)'], ['$$(A)', '$(A)'], ['$$', '$'],
    ['$A', '$A'], ['$(A', '$(A'], ['a$', 'a$'], ['$(A)$(A)', 'aa'],
  ];
  for (const [input, want] of cases) assert.equal(expand(input, (n) => vars[n]), want, input);
});

test('serviceEnv: docker-link variables', () => {
  const svc: Service = { metadata: { name: 'my-db' }, spec: { clusterIP: '10.43.0.7', ports: [{ name: 'sql', port: 5432, protocol: 'TCP' }] } };
  assert.deepEqual(Object.fromEntries(serviceEnv(svc)), {
    MY_DB_SERVICE_HOST: '10.43.0.7', MY_DB_SERVICE_PORT: '5432', MY_DB_SERVICE_PORT_SQL: '5432', MY_DB_PORT: 'tcp://10.43.0.7:5432',
    MY_DB_PORT_5432_TCP: 'tcp://10.43.0.7:5432', MY_DB_PORT_5432_TCP_PROTO: 'tcp', MY_DB_PORT_5432_TCP_PORT: '5432', MY_DB_PORT_5432_TCP_ADDR: '10.43.0.7',
  });
  assert.deepEqual(serviceEnv({ metadata: { name: 'headless' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } }), []);
});

function sources(cms: Record<string, ConfigMap>, secrets: Record<string, Secret>, services: Service[] = []): EnvSources {
  return {
    configMap: async (_ns, name) => cms[name],
    secret: async (_ns, name) => secrets[name],
    services: async (_ns, links) => (links ? services : services.filter((s) => s.metadata?.name === 'kubernetes')),
    nodeAllocatable: async () => ({ cpu: '4', memory: '8Gi' }),
  };
}

test('containerEnv: sources, precedence, optional, errors', async () => {
  const pod: Pod = { metadata: { name: 'p', namespace: 'n', uid: 'u', labels: { tier: 'web' } }, spec: { nodeName: 'node1', containers: [] } };
  const kubernetes: Service = { metadata: { name: 'kubernetes' }, spec: { clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } };
  const other: Service = { metadata: { name: 'other' }, spec: { clusterIP: '10.43.0.9', ports: [{ port: 80 }] } };
  const src = sources({ cm: { metadata: { name: 'cm' }, data: { a: '1', 'bad=key': 'x' } } }, { s: { metadata: { name: 's' }, data: { k: Buffer.from('v').toString('base64') } } }, [kubernetes, other]);
  const cases: { name: string; container: Container; links?: boolean; want?: Record<string, string>; error?: string }[] = [
    { name: 'envFrom then env; env wins; keys with = skipped', container: { name: 'c', envFrom: [{ configMapRef: { name: 'cm' } }, { prefix: 'S_', secretRef: { name: 's' } }], env: [{ name: 'a', value: 'override' }] },
      want: { a: 'override', S_k: 'v' } },
    { name: 'fieldRef and resourceFieldRef (no limit: node allocatable)', container: { name: 'c', env: [
      { name: 'L', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
      { name: 'IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      { name: 'REQ', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } } },
    ], resources: { requests: { memory: '1536Ki' } } }, want: { L: 'web', IPS: '10.0.0.1', CPU: '4', REQ: '2' } },
    { name: 'missing ConfigMap', container: { name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'a' } } }] }, error: 'configmap "nope" not found' },
    { name: 'missing key', container: { name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm', key: 'zz' } } }] }, error: "couldn't find key zz in ConfigMap n/cm" },
    { name: 'missing secret key', container: { name: 'c', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'zz' } } }] }, error: "couldn't find key zz in Secret n/s" },
    { name: 'optional missing: left out', container: { name: 'c', envFrom: [{ secretRef: { name: 'nope', optional: true } }], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm', key: 'zz', optional: true } } }] }, want: {} },
  ];
  for (const c of cases) {
    const run = containerEnv({ ...pod, spec: { ...pod.spec, containers: [c.container], ...(c.links === false ? { enableServiceLinks: false } : {}) } }, c.container, ['10.0.0.1'], ['192.168.0.1'], src);
    if (c.error !== undefined) {
      await assert.rejects(run, (e: Error) => e instanceof ContainerConfigError && e.message === c.error, c.name);
      continue;
    }
    const env = Object.fromEntries((await run).map((e) => [e.key, e.value]));
    assert.equal(env.KUBERNETES_SERVICE_HOST, '10.43.0.1', `${c.name}: master service`);
    assert.equal(env.OTHER_SERVICE_HOST, '10.43.0.9', `${c.name}: service links`);
    for (const [k, v] of Object.entries(c.want ?? {})) assert.equal(env[k], v, `${c.name}: ${k}`);
    if (c.name.startsWith('optional')) assert.equal(env.X, undefined);
  }
  const noLinks = await containerEnv({ ...pod, spec: { containers: [], nodeName: 'node1', enableServiceLinks: false } }, { name: 'c' }, [], [], src);
  const names = noLinks.map((e) => e.key);
  assert.ok(names.includes('KUBERNETES_SERVICE_HOST') && !names.includes('OTHER_SERVICE_HOST'), 'enableServiceLinks: false keeps only the master service');
});

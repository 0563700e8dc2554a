import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, PodSpec, PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { defaultPullPolicy, imageTag } from './defaults-containers.ts';
import { defaultPod, defaultPodSpec, defaultPodTemplateSpec } from './defaults.ts';

const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 } as const;
const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 } as const;

test('a minimal pod gets every default of spec, container and admission', () => {
  const pod: Pod = { metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
  defaultPod(pod);
  assert.deepEqual(pod.spec, {
    containers: [{
      name: 'app', image: 'nginx', imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }],
    enableServiceLinks: true,
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    priority: 0,
    preemptionPolicy: 'PreemptLowerPriority',
    tolerations: [notReady, unreachable],
  });
});

test('image pull policy follows the tag', () => {
  const cases: Array<[string, string, 'Always' | 'IfNotPresent']> = [
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.27', '1.27', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'latest', 'Always'],
    ['registry.local:5000/team/app:v2', 'v2', 'IfNotPresent'],
    ['nginx@sha256:abcd', '', 'IfNotPresent'],
    ['nginx:latest@sha256:abcd', 'latest', 'Always'],
  ];
  for (const [image, tag, policy] of cases) {
    assert.equal(imageTag(image), tag, image);
    assert.equal(defaultPullPolicy(image), policy, image);
  }
});

test('container defaults: ports, probes, env field refs, lifecycle hooks, quantities', () => {
  const spec: PodSpec = {
    containers: [{
      name: 'app', image: 'app:1', imagePullPolicy: 'Never',
      ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      livenessProbe: { httpGet: { port: 80 } },
      readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
      startupProbe: { grpc: { port: 9000 } },
      lifecycle: { preStop: { httpGet: { port: 'http', path: '/stop' } } },
      resources: { limits: { cpu: '0.0001', memory: '128Mi' } },
    }],
  };
  defaultPodSpec(spec);
  const c = spec.containers[0];
  assert.equal(c?.imagePullPolicy, 'Never', 'an explicit policy stays');
  assert.deepEqual(c?.ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
  assert.deepEqual(c?.env?.[0]?.valueFrom?.fieldRef, { fieldPath: 'spec.nodeName', apiVersion: 'v1' });
  assert.deepEqual(c?.livenessProbe, { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  assert.equal(c?.readinessProbe?.periodSeconds, 5);
  assert.deepEqual(c?.startupProbe?.grpc, { port: 9000, service: '' });
  assert.deepEqual(c?.lifecycle?.preStop?.httpGet, { port: 'http', path: '/stop', scheme: 'HTTP' });
  assert.deepEqual(c?.resources?.limits, { cpu: '1m', memory: '128Mi' }, 'quantities round up to millis');
  assert.equal(c?.resources?.requests, undefined, 'templates and bare specs do not copy limits to requests');
});

test('volume defaults', () => {
  const spec: PodSpec = {
    containers: [{ name: 'app', image: 'app:1' }],
    volumes: [
      { name: 'scratch' },
      { name: 'host', hostPath: { path: '/var/log' } },
      { name: 'creds', secret: { secretName: 's' } },
      { name: 'conf', configMap: { name: 'c', defaultMode: 0o400 } },
      { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'all', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] } },
    ],
  };
  defaultPodSpec(spec);
  assert.deepEqual(spec.volumes, [
    { name: 'scratch', emptyDir: {} },
    { name: 'host', hostPath: { path: '/var/log', type: '' } },
    { name: 'creds', secret: { secretName: 's', defaultMode: 420 } },
    { name: 'conf', configMap: { name: 'c', defaultMode: 256 } },
    { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }], defaultMode: 420 } },
    { name: 'all', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace', apiVersion: 'v1' } }] } }], defaultMode: 420 } },
  ]);
});

test('pod-only defaults: requests from limits, host network ports, service links', () => {
  const pod: Pod = {
    metadata: { name: 'p' },
    spec: {
      hostNetwork: true,
      enableServiceLinks: false,
      containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }],
      initContainers: [{ name: 'init', image: 'init:1', resources: { limits: { memory: '64Mi' } } }],
    },
  };
  defaultPod(pod);
  assert.deepEqual(pod.spec?.containers[0]?.resources?.requests, { cpu: '500m', memory: '1Gi' });
  assert.deepEqual(pod.spec?.initContainers?.[0]?.resources?.requests, { memory: '64Mi' });
  assert.deepEqual(pod.spec?.containers[0]?.ports, [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  assert.equal(pod.spec?.enableServiceLinks, false);
});

test('templates get spec defaults but none of the pod-only or admission ones', () => {
  const template: PodTemplateSpec = { spec: { containers: [{ name: 'app', image: 'app:1', resources: { limits: { cpu: '1' } } }] } };
  defaultPodTemplateSpec(template);
  assert.equal(template.spec?.restartPolicy, 'Always');
  assert.equal(template.spec?.containers[0]?.resources?.requests, undefined);
  assert.equal(template.spec?.enableServiceLinks, undefined);
  assert.equal(template.spec?.serviceAccountName, undefined);
  assert.equal(template.spec?.tolerations, undefined);
  assert.equal(template.spec?.priority, undefined);
  const empty: PodTemplateSpec = {};
  defaultPodTemplateSpec(empty);
  assert.equal(empty.spec?.dnsPolicy, 'ClusterFirst', 'a missing spec is an empty one');
});

test('admission defaults respect what the pod says', () => {
  const cases: Array<{ name: string; spec: Partial<PodSpec>; check: (spec: PodSpec) => void }> = [
    { name: 'own service account', spec: { serviceAccountName: 'builder' }, check: (s) => assert.deepEqual([s.serviceAccountName, s.serviceAccount], ['builder', 'builder']) },
    { name: 'deprecated serviceAccount only', spec: { serviceAccount: 'legacy' }, check: (s) => assert.deepEqual([s.serviceAccountName, s.serviceAccount], ['legacy', 'legacy']) },
    { name: 'system priority class', spec: { priorityClassName: 'system-node-critical' }, check: (s) => assert.equal(s.priority, 2000001000) },
    { name: 'custom priority class is left to the stored value', spec: { priorityClassName: 'batch-low' }, check: (s) => assert.equal(s.priority, undefined) },
    { name: 'tolerate everything', spec: { tolerations: [{ operator: 'Exists' }] }, check: (s) => assert.deepEqual(s.tolerations, [{ operator: 'Exists' }]) },
    {
      name: 'own not-ready toleration', spec: { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] },
      check: (s) => assert.deepEqual(s.tolerations?.map((t) => [t.key, t.tolerationSeconds]), [['node.kubernetes.io/not-ready', 60], ['node.kubernetes.io/unreachable', 300]]),
    },
  ];
  for (const c of cases) {
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }], ...c.spec } };
    defaultPod(pod);
    c.check(pod.spec as PodSpec);
  }
  const mirror: Pod = { metadata: { name: 'm', annotations: { 'kubernetes.io/config.mirror': 'x' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } };
  defaultPod(mirror);
  assert.equal(mirror.spec?.serviceAccountName, undefined, 'mirror pods get no service account');
});

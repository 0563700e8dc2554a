// What kubectl 1.33 sends, end to end: the patch computed exactly as kubectl computes it
// (byte for byte, see /work/shared/KUBECTL-WIRE.md §3–4), and the live object the server makes
// of it. Client-side apply builds the last-applied annotation as kubectl does: the manifest
// with namespace filled in and `annotations: {}`, as compact JSON with sorted keys plus "\n".

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StructShape } from '../schema/shape.ts';
import { Deployment } from '../types/apps/v1/index.ts';
import { Pod } from '../types/core/v1/index.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './three-way.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
type Obj = Record<string, unknown>;

/** JSON with sorted keys, as Go's encoding/json writes maps. */
function goJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Obj)[k])])) : v;
  return JSON.stringify(sort(value));
}

/** The last-applied annotation kubectl writes for a manifest. */
function lastApplied(manifest: Obj): string {
  const metadata = { ...(manifest['metadata'] as Obj), annotations: {} };
  return goJson({ ...manifest, metadata }) + '\n';
}

/** kubectl apply: the patch for `manifest` against the live object `live`. */
function applyPatch(manifest: Obj, live: Obj, shape: StructShape = Deployment): Obj {
  const annotations = ((live['metadata'] as Obj)['annotations'] ?? {}) as Obj;
  const previous = annotations[LAST_APPLIED];
  const original = typeof previous === 'string' ? (JSON.parse(previous) as unknown) : undefined;
  const metadata = manifest['metadata'] as Obj;
  const modified = { ...manifest, metadata: { ...metadata, annotations: { ...(metadata['annotations'] as Obj | undefined), [LAST_APPLIED]: lastApplied(manifest) } } };
  return createThreeWayMergePatch(original, modified, live, shape);
}

const podManifest = (image: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'demo', namespace: 'default' },
  spec: { containers: [{ name: 'main', image, command: ['sleep', '3600'] }] },
});

test('kubectl apply to a pod: the patch of KUBECTL-WIRE.md, byte for byte', () => {
  const live = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'demo', namespace: 'default', uid: 'u1', resourceVersion: '7', annotations: { [LAST_APPLIED]: lastApplied(podManifest('busybox:1.36')) } },
    spec: {
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      nodeName: 'node-1',
    },
    status: { phase: 'Running' },
  };
  const patch = applyPatch(podManifest('busybox:1.37'), live, Pod);
  const annotation = JSON.stringify(lastApplied(podManifest('busybox:1.37')));
  assert.equal(
    JSON.stringify(patch),
    `{"metadata":{"annotations":{"${LAST_APPLIED}":${annotation}}},"spec":{"$setElementOrder/containers":[{"name":"main"}],"containers":[{"image":"busybox:1.37","name":"main"}]}}`,
  );
  const result = applyStrategicMergePatch(live, patch, Pod) as typeof live;
  assert.equal(result.spec.containers[0]?.image, 'busybox:1.37');
  assert.deepEqual({ ...result.spec.containers[0], image: 'busybox:1.36' }, live.spec.containers[0], 'defaulted fields stay');
  assert.equal(result.spec.nodeName, 'node-1');
  assert.equal(result.metadata.annotations[LAST_APPLIED], lastApplied(podManifest('busybox:1.37')));
  assert.deepEqual(applyPatch(podManifest('busybox:1.37'), result, Pod), {}, 'applying again: unchanged, no PATCH');
});

const deployManifest = (image: string, env: Obj[], ports: Obj[]): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image, env, ports }] } },
  },
});

const v1 = deployManifest('nginx:1.26', [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], [{ containerPort: 80 }, { containerPort: 9090, name: 'metrics' }]);
const v2 = deployManifest('nginx:1.27', [{ name: 'A', value: '1' }], [{ containerPort: 80 }]);

/** The live Deployment after `kubectl apply` of v1, defaulting, and `kubectl scale --replicas=5`. */
function liveDeployment(): Obj {
  const container = {
    name: 'web',
    image: 'nginx:1.26',
    env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
    ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 9090, name: 'metrics', protocol: 'TCP' }],
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd1', generation: 2, labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1', [LAST_APPLIED]: lastApplied(v1) } },
    spec: {
      replicas: 5,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container], restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: { observedGeneration: 2, replicas: 5 },
  };
}

test('kubectl apply to a Deployment: new image, env var and container port removed, scaled replicas kept', () => {
  const live = liveDeployment();
  const patch = applyPatch(v2, live);
  const annotation = JSON.stringify(lastApplied(v2));
  assert.equal(
    JSON.stringify(patch),
    `{"metadata":{"annotations":{"${LAST_APPLIED}":${annotation}}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],` +
      '"containers":[{"$setElementOrder/env":[{"name":"A"}],"$setElementOrder/ports":[{"containerPort":80}],"env":[{"$patch":"delete","name":"B"}],' +
      '"image":"nginx:1.27","name":"web","ports":[{"$patch":"delete","containerPort":9090}]}]}}}}',
  );
  const result = applyStrategicMergePatch(live, patch, Deployment) as ReturnType<typeof liveDeployment> & { spec: { replicas: number; template: { spec: { containers: Obj[] } } } };
  const expected = liveDeployment() as typeof result;
  const container = expected.spec.template.spec.containers[0] as Obj;
  Object.assign(container, { image: 'nginx:1.27', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, protocol: 'TCP' }] });
  (expected.metadata as { annotations: Obj }).annotations[LAST_APPLIED] = lastApplied(v2);
  assert.deepEqual(result, expected);
  assert.equal(result.spec.replicas, 5, 'replicas set by kubectl scale stay');
  assert.deepEqual(applyPatch(v2, result), {}, 'applying again: unchanged');
});

test('kubectl apply without a last-applied annotation (object made by kubectl create)', () => {
  const live = liveDeployment();
  const metadata = live['metadata'] as Obj;
  metadata['annotations'] = { 'deployment.kubernetes.io/revision': '1' };
  metadata['labels'] = { app: 'web', team: 'a' };
  const patch = applyPatch(v2, live);
  const result = applyStrategicMergePatch(live, patch, Deployment) as { metadata: { labels: Obj; annotations: Obj }; spec: { template: { spec: { containers: Obj[] } } } };
  assert.deepEqual(result.metadata.labels, { app: 'web', team: 'a' }, 'nothing is deleted without a last-applied configuration');
  assert.equal(result.metadata.annotations[LAST_APPLIED], lastApplied(v2));
  const container = result.spec.template.spec.containers[0] as { image: string; env: Obj[] };
  assert.equal(container.image, 'nginx:1.27');
  assert.deepEqual(container.env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], 'env B stays: it was never known to be applied');
});

test('kubectl rollout restart: a pod-template annotation', () => {
  const live = liveDeployment();
  const restart = (obj: Obj, at: string): Obj => {
    const copy = structuredClone(obj) as { spec: { template: { metadata: { annotations?: Obj } } } };
    copy.spec.template.metadata.annotations = { ...copy.spec.template.metadata.annotations, 'kubectl.kubernetes.io/restartedAt': at };
    return copy as unknown as Obj;
  };
  const first = createTwoWayMergePatch(live, restart(live, '2025-06-01T10:00:00Z'), Deployment);
  assert.equal(JSON.stringify(first), '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-06-01T10:00:00Z"}}}}}');
  const once = applyStrategicMergePatch(live, first, Deployment) as Obj;
  assert.deepEqual(once, restart(live, '2025-06-01T10:00:00Z'));
  const second = createTwoWayMergePatch(once, restart(once, '2025-06-02T08:30:00Z'), Deployment);
  assert.equal(JSON.stringify(second), '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-06-02T08:30:00Z"}}}}}');
  assert.deepEqual(applyStrategicMergePatch(once, second, Deployment), restart(live, '2025-06-02T08:30:00Z'));
});

test('kubectl set image: one container of two', () => {
  const live = liveDeployment() as { spec: { template: { spec: { containers: Obj[] } } } };
  live.spec.template.spec.containers.push({ name: 'sidecar', image: 'envoy:1' });
  const updated = structuredClone(live);
  (updated.spec.template.spec.containers[0] as Obj)['image'] = 'nginx:1.28';
  const patch = createTwoWayMergePatch(live, updated, Deployment);
  assert.equal(JSON.stringify(patch), '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],"containers":[{"image":"nginx:1.28","name":"web"}]}}}}');
  assert.deepEqual(applyStrategicMergePatch(live, patch, Deployment), updated);
});

test('kubectl edit: a label removed, replicas changed, an env var added', () => {
  const live = liveDeployment() as { metadata: { labels: Obj }; spec: { replicas: number; template: { spec: { containers: Array<{ env: Obj[] }> } } } };
  const edited = structuredClone(live);
  edited.metadata.labels = {};
  edited.spec.replicas = 2;
  edited.spec.template.spec.containers[0]?.env.push({ name: 'C', value: '3' });
  const patch = createTwoWayMergePatch(live, edited, Deployment);
  assert.equal(
    JSON.stringify(patch),
    '{"metadata":{"labels":{"app":null}},"spec":{"replicas":2,"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],' +
      '"containers":[{"$setElementOrder/env":[{"name":"A"},{"name":"B"},{"name":"C"}],"env":[{"name":"C","value":"3"}],"name":"web"}]}}}}',
  );
  assert.deepEqual(applyStrategicMergePatch(live, patch, Deployment), edited);
});

test('kubectl patch errors, as kubectl prints them after "Error from server: "', () => {
  const live = liveDeployment() as { spec: { template: { spec: Obj } } };
  live.spec.template.spec['volumes'] = [{ name: 'pods', emptyDir: {} }];
  const cases: Array<[unknown, string, number]> = [
    [{ spec: { template: { spec: { containers: [{ image: 'nginx' }] } } } }, 'map: map[image:nginx] does not contain declared merge key: name', 500],
    [{ spec: { template: { spec: { volumes: [{ hostPath: { path: '/var/lib/kubelet/pods' } }] } } } }, 'map: map[hostPath:map[path:/var/lib/kubelet/pods]] does not contain declared merge key: name', 500],
    [{ spec: { template: { spec: { containers: { name: 'web' } } } } }, 'cannot restore slice from map', 422],
    [{ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } }, 'invalid patch format of retainKeys', 400],
  ];
  for (const [patch, message, code] of cases) {
    assert.throws(() => applyStrategicMergePatch(live, patch, Deployment), { name: 'StrategicMergeError', message, code }, message);
  }
});

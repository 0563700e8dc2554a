// Pod subresources through real kubectl: binding (what a scheduler does), the status
// subresource, and eviction honouring a PodDisruptionBudget.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestServer } from './harness.ts';

let server: TestServer;
const ns = 'pods-e2e';

before(async () => {
  server = await TestServer.start();
  await ok('create', 'namespace', ns);
});

after(async () => {
  await server?.stop();
});

async function ok(...args: string[]): Promise<string> {
  const result = await server.kubectl('1.33', args);
  assert.equal(result.code, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function raw(path: string, body: object): Promise<{ code: number; stdout: string; stderr: string }> {
  return server.kubectl('1.33', ['create', '--raw', path, '-f', '-'], { input: JSON.stringify(body) });
}

test('a pod gets upstream defaults and prints Pending', async () => {
  await ok('run', 'web', '-n', ns, '--image=busybox:1.36', '--labels=app=web', '--', 'sleep', '3600');
  const pod = JSON.parse(await ok('get', 'pod', 'web', '-n', ns, '-o', 'json')) as { spec: Record<string, unknown>; status: Record<string, unknown> };
  assert.equal(pod.spec['restartPolicy'], 'Always');
  assert.equal(pod.spec['terminationGracePeriodSeconds'], 30);
  assert.equal(pod.spec['dnsPolicy'], 'ClusterFirst');
  assert.equal(pod.spec['serviceAccountName'], 'default');
  assert.equal((pod.spec['containers'] as Array<Record<string, unknown>>)[0]?.['imagePullPolicy'], 'IfNotPresent');
  assert.equal(pod.status['phase'], 'Pending');
  assert.equal(pod.status['qosClass'], 'BestEffort');
  assert.match(await ok('get', 'pods', '-n', ns), /^web\s+0\/1\s+Pending\s+0\s+\d+s$/m);
});

test('binding places a pod once; a second binding conflicts', async () => {
  const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } };
  const first = await raw(`/api/v1/namespaces/${ns}/pods/web/binding`, binding);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(await ok('get', 'pod', 'web', '-n', ns, '-o', 'jsonpath={.spec.nodeName}'), 'node-1');
  const second = await raw(`/api/v1/namespaces/${ns}/pods/web/binding`, { ...binding, target: { ...binding.target, name: 'node-2' } });
  assert.notEqual(second.code, 0);
  assert.match(second.stderr, /is already assigned to node "node-1"/);
});

test('eviction is refused while the disruption budget allows none, and goes through when it allows one', async () => {
  await ok('patch', 'pod', 'web', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Running"}}');
  await ok('create', 'poddisruptionbudget', 'web-pdb', '-n', ns, '--selector=app=web', '--min-available=1');
  const setAllowed = (n: number): Promise<string> => ok('patch', 'pdb', 'web-pdb', '-n', ns, '--subresource=status', '--type=merge', '-p',
    JSON.stringify({ status: { disruptionsAllowed: n, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, observedGeneration: 1 } }));
  await setAllowed(0);
  const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: ns } };
  const refused = await raw(`/api/v1/namespaces/${ns}/pods/web/eviction`, eviction);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /Cannot evict pod as it would violate the pod's disruption budget/);
  await setAllowed(1);
  const evicted = await raw(`/api/v1/namespaces/${ns}/pods/web/eviction`, eviction);
  assert.equal(evicted.code, 0, evicted.stderr);
  assert.equal(await ok('get', 'pdb', 'web-pdb', '-n', ns, '-o', 'jsonpath={.status.disruptionsAllowed}'), '0');
  // The pod is bound, so it is deleted gracefully: it carries a deletionTimestamp now.
  assert.notEqual(await ok('get', 'pod', 'web', '-n', ns, '-o', 'jsonpath={.metadata.deletionTimestamp}'), '');
});

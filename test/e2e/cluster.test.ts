// The whole control plane as a user runs it: `k8ts server` (API server, scheduler and
// controller-manager in one process) with simulated nodes from `k8ts simulate`, driven by
// real kubectl: a Deployment's pods scheduled and Running, a rolling update, an undo, and
// deletion with each cascade mode.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { TestServer } from './harness.ts';
import { pollUntil } from '../../src/client/informers/wait.ts';

let server: TestServer;
let simulate: ChildProcess;
const root = new URL('../..', import.meta.url).pathname;

before(async () => {
  server = await TestServer.start();
  simulate = spawn(process.execPath, [`${root}bin/k8ts.js`, 'simulate', '--kubeconfig', server.kubeconfig, '--nodes', '3'], { stdio: 'ignore' });
  await until('3 Ready nodes', async () => (await ok('get', 'nodes', '--no-headers')).split('\n').filter((l) => /\sReady\s/.test(l)).length === 3);
});

after(async () => {
  if (simulate?.exitCode === null) {
    const exited = new Promise((resolve) => simulate.once('exit', resolve));
    simulate.kill('SIGTERM');
    await exited;
  }
  await server?.stop();
});

async function ok(...args: string[]): Promise<string> {
  const result = await server.kubectl('1.33', args);
  assert.equal(result.code, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const until = async (what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> => {
  await pollUntil(what, condition, { timeoutMs, intervalMs: 250, context: () => `--- server log ---\n${server.log.slice(-3000)}` });
};

const runningPods = async (selector: string): Promise<string[]> =>
  (await ok('get', 'pods', '-l', selector, '--no-headers', '-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase,NODE:.spec.nodeName'))
    .split('\n').filter((l) => /\sRunning\s+sim-node-\d$/.test(l));

test('a Deployment of 10 replicas gets 10 pods scheduled to the nodes and Running', async () => {
  await ok('create', 'deployment', 'web', '--image=busybox:1.36', '--replicas=10');
  await until('10 Running pods', async () => (await runningPods('app=web')).length === 10);
  assert.match(await ok('rollout', 'status', 'deployment/web', '--timeout=30s'), /successfully rolled out/);
  const nodes = new Set((await runningPods('app=web')).map((l) => l.split(/\s+/)[2]));
  assert.equal(nodes.size, 3, 'the scheduler spreads the replicas over the nodes');
  const events = await ok('get', 'events', '--field-selector', 'reason=Scheduled', '-o', 'jsonpath={.items[0].message}');
  assert.match(events, /^Successfully assigned default\/web-[a-z0-9]+-[a-z0-9]+ to sim-node-\d$/);
});

test('set image rolls out a new ReplicaSet; rollout undo brings the old one back', async () => {
  await ok('set', 'image', 'deployment/web', 'busybox=busybox:1.37');
  assert.match(await ok('rollout', 'status', 'deployment/web', '--timeout=60s'), /successfully rolled out/);
  assert.equal(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'busybox:1.37');
  assert.match(await ok('rollout', 'history', 'deployment/web'), /^1\s+<none>\n2\s+<none>/m);
  await ok('rollout', 'undo', 'deployment/web');
  assert.match(await ok('rollout', 'status', 'deployment/web', '--timeout=60s'), /successfully rolled out/);
  assert.equal(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'busybox:1.36');
  await until('10 Running pods of the first template', async () => (await runningPods('app=web')).length === 10);
});

test('deleting a Deployment with --cascade=orphan keeps its ReplicaSets; background deletes them and their pods', async () => {
  await ok('delete', 'deployment', 'web', '--cascade=orphan');
  await until('the ReplicaSets to lose their owner', async () => {
    const sets = JSON.parse(await ok('get', 'rs', '-l', 'app=web', '-o', 'json')) as { items: Array<{ metadata: { ownerReferences?: unknown[] } }> };
    return sets.items.length >= 1 && sets.items.every((rs) => (rs.metadata.ownerReferences ?? []).length === 0);
  });
  assert.equal((await runningPods('app=web')).length, 10, 'their pods keep running');
  await ok('delete', 'rs', '-l', 'app=web');
  await until('the pods to be gone', async () => (await ok('get', 'pods', '-l', 'app=web', '--no-headers')).trim() === '');
});

test('kubectl delete namespace with a workload in it completes', async () => {
  await ok('create', 'namespace', 'doomed');
  await ok('create', 'deployment', 'inside', '-n', 'doomed', '--image=busybox:1.36', '--replicas=2');
  await until('2 Running pods in the namespace', async () => (await ok('get', 'pods', '-n', 'doomed', '--no-headers')).split('\n').filter((l) => /Running/.test(l)).length === 2);
  assert.match(await ok('delete', 'namespace', 'doomed', '--timeout=60s'), /namespace "doomed" deleted/);
  const gone = await server.kubectl('1.33', ['get', 'namespace', 'doomed']);
  assert.match(gone.stderr, /NotFound/);
});

// The pod lifecycle against a real API server, with the in-memory runtime on a FakeClock:
// what a user sees in the pod's status and events as pods start, crash, complete, wait for
// init containers, resolve their environment, and are deleted; and an agent restart.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ConfigMap, ContainerStatus, Pod, Secret } from '../../api/types/core/v1/index.ts';
import type { ApiCall } from '../../client/rest/client.ts';
import type { ResourceType } from '../../client/rest/types.ts';
import { PODS } from './api-sources.ts';
import { startHarness, type Harness } from './testing.fixture.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

const CONFIGMAPS: ResourceType = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const SECRETS: ResourceType = { group: '', version: 'v1', resource: 'secrets', namespaced: true };

function pod(ns: string, name: string, spec: Partial<NonNullable<Pod['spec']>>): Pod {
  return { metadata: { name, namespace: ns }, spec: { containers: [], terminationGracePeriodSeconds: 30, ...spec } };
}

function main(p: Pod | undefined): ContainerStatus | undefined {
  return p?.status?.containerStatuses?.[0];
}

function condition(p: Pod | undefined, type: string): string | undefined {
  return p?.status?.conditions?.find((c) => c.type === type)?.status;
}

test('a pod runs: Running and Ready with an IP, status and events as upstream, /etc/hosts written', async () => {
  await h.namespace('run');
  await h.create(pod('run', 'web', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.local'] }] }));
  const p = await h.waitFor('Running', async () => { const x = await h.get('run', 'web'); return x?.status?.phase === 'Running' && condition(x, 'Ready') === 'True' ? x : undefined; });
  const s = p.status ?? {};
  assert.match(s.podIP ?? '', /^10\.244\.241\.\d+$/);
  assert.deepEqual(s.podIPs, [{ ip: s.podIP }]);
  assert.equal(s.hostIP, '127.0.0.1');
  assert.equal(s.qosClass, 'BestEffort');
  assert.ok(s.startTime);
  for (const type of ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready']) assert.equal(condition(p, type), 'True', type);
  const c = main(p);
  assert.ok(c?.state?.running?.startedAt);
  assert.equal(c?.ready, true);
  assert.equal(c?.started, true);
  assert.equal(c?.restartCount, 0);
  assert.equal(c?.image, 'busybox:1.36');
  assert.match(c?.imageID ?? '', /^sha256:/);
  assert.match(c?.containerID ?? '', /^k8ts-fake:\/\/[0-9a-f]{64}$/);
  const reasons = await h.waitFor('events', async () => {
    const r = (await h.events('run')).map((e) => `${e.reason}: ${e.message}`);
    return r.length >= 3 ? r : undefined;
  }, 0, 50);
  assert.deepEqual(reasons.sort(), ['Created: Created container: c', 'Pulled: Container image "busybox:1.36" already present on machine', 'Started: Started container c']);
  for (const e of await h.events('run')) {
    assert.equal(e.involvedObject.fieldPath, 'spec.containers{c}');
    assert.deepEqual(e.source, { component: 'kubelet', host: 'pods-test-node' });
  }
  const hosts = readFileSync(join(h.dir, 'pods', p.metadata?.uid ?? '', 'etc-hosts'), 'utf8');
  assert.match(hosts, new RegExp(`^${(s.podIP ?? '').replaceAll('.', '\\.')}\\tweb$`, 'm'));
  assert.match(hosts, /^10\.1\.2\.3\tfoo\.local$/m);
  const id = (c?.containerID ?? '').replace(/^.*:\/\//, '');
  const config = h.runtime.configOf(id);
  assert.ok(config?.mounts?.some((m) => m.containerPath === '/etc/hosts'));
  assert.equal(h.lifecycle.runningPods() >= 1, true);
});

test('restart policies: what a container that exits leaves in the status', async () => {
  await h.namespace('policy');
  const cases: { name: string; policy: 'Never' | 'OnFailure'; command: string[]; phase: string; exitCode: number; reason: string }[] = [
    { name: 'never-fails', policy: 'Never', command: ['sh', '-c', 'exit 3'], phase: 'Failed', exitCode: 3, reason: 'Error' },
    { name: 'never-ok', policy: 'Never', command: ['true'], phase: 'Succeeded', exitCode: 0, reason: 'Completed' },
    { name: 'onfailure-ok', policy: 'OnFailure', command: ['sh', '-c', 'echo done; exit 0'], phase: 'Succeeded', exitCode: 0, reason: 'Completed' },
  ];
  for (const c of cases) await h.create(pod('policy', c.name, { restartPolicy: c.policy, containers: [{ name: 'c', image: 'busybox:1.36', command: c.command }] }));
  for (const c of cases) {
    const p = await h.waitFor(`${c.name} ${c.phase}`, async () => { const x = await h.get('policy', c.name); return x?.status?.phase === c.phase ? x : undefined; });
    const t = main(p)?.state?.terminated;
    assert.equal(t?.exitCode, c.exitCode, c.name);
    assert.equal(t?.reason, c.reason, c.name);
    assert.equal(main(p)?.restartCount, 0, c.name);
    assert.equal(condition(p, 'Ready'), 'False', c.name);
    assert.equal(p.status?.conditions?.find((x) => x.type === 'Ready')?.reason, 'PodCompleted', c.name);
  }
});

test('restartPolicy Always: a crashing container restarts at once, then in CrashLoopBackOff 10 s, then 20 s', async () => {
  await h.namespace('crash');
  await h.create(pod('crash', 'loop', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }));
  const first = await h.waitFor('CrashLoopBackOff', async () => {
    const x = await h.get('crash', 'loop');
    return main(x)?.state?.waiting?.reason === 'CrashLoopBackOff' ? x : undefined;
  });
  assert.equal(main(first)?.restartCount, 1, 'the first restart is immediate');
  assert.match(main(first)?.state?.waiting?.message ?? '', /^back-off 10s restarting failed container=c pod=loop_crash\(/);
  assert.equal(main(first)?.lastState?.terminated?.exitCode, 1);
  assert.equal(first.status?.phase, 'Running');
  assert.equal(condition(first, 'Ready'), 'False');
  // Within 10 s of the last exit nothing restarts; just after, it does.
  await h.advance(7_000);
  assert.equal(main(await h.get('crash', 'loop'))?.restartCount, 1);
  const second = await h.waitFor('restart 2', async () => {
    const x = await h.get('crash', 'loop');
    return main(x)?.restartCount === 2 && main(x)?.state?.waiting?.reason === 'CrashLoopBackOff' ? x : undefined;
  }, 1000, 6);
  assert.match(main(second)?.state?.waiting?.message ?? '', /^back-off 20s /);
  await h.advance(15_000);
  assert.equal(main(await h.get('crash', 'loop'))?.restartCount, 2, 'the back-off doubled');
  await h.waitFor('restart 3', async () => (main(await h.get('crash', 'loop'))?.restartCount === 3 ? true : undefined), 1000, 8);
  const events = await h.events('crash');
  const backoff = events.find((e) => e.reason === 'BackOff');
  assert.equal(backoff?.type, 'Warning');
  assert.match(backoff?.message ?? '', /^Back-off restarting failed container c in pod loop_crash\(/);
  assert.ok((backoff?.count ?? 0) >= 2, 'repeats are aggregated into one event');
});

test('init containers run in order, each to completion, before the app containers', async () => {
  await h.namespace('init');
  await h.create(pod('init', 'p', {
    initContainers: [{ name: 'first', image: 'busybox:1.36', command: ['sleep', '5'] }, { name: 'second', image: 'busybox:1.36', command: ['true'] }],
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
  }));
  const pending = await h.waitFor('first init running', async () => {
    const x = await h.get('init', 'p');
    return x?.status?.initContainerStatuses?.[0]?.state?.running !== undefined ? x : undefined;
  }, 0, 60);
  assert.equal(pending.status?.phase, 'Pending');
  assert.equal(condition(pending, 'Initialized'), 'False');
  assert.equal(pending.status?.conditions?.find((c) => c.type === 'Initialized')?.message, 'containers with incomplete status: [first second]');
  assert.equal(pending.status?.initContainerStatuses?.[1]?.state?.waiting?.reason, 'PodInitializing');
  assert.equal(main(pending)?.state?.waiting?.reason, 'PodInitializing');
  const running = await h.waitFor('Running', async () => { const x = await h.get('init', 'p'); return x?.status?.phase === 'Running' ? x : undefined; });
  assert.deepEqual(running.status?.initContainerStatuses?.map((s) => [s.name, s.state?.terminated?.reason]), [['first', 'Completed'], ['second', 'Completed']]);
  assert.equal(condition(running, 'Initialized'), 'True');
  const firstDone = Date.parse(running.status?.initContainerStatuses?.[0]?.state?.terminated?.finishedAt ?? '');
  const appStarted = Date.parse(main(running)?.state?.running?.startedAt ?? '');
  assert.ok(appStarted >= firstDone, 'app started after the init containers');
});

test('environment: ConfigMap, Secret, fieldRef, resourceFieldRef, envFrom with prefix, $(VAR) expansion; a missing ConfigMap blocks the start', async () => {
  await h.namespace('env');
  await h.create(pod('env', 'p', {
    containers: [{
      name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo $(GREETING) $(NAME)'], args: ['$(MISSING)', '$$(ESCAPED)'],
      resources: { limits: { memory: '64Mi', cpu: '500m' } },
      envFrom: [{ prefix: 'CM_', configMapRef: { name: 'settings' } }],
      env: [
        { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'settings', key: 'greeting' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
        { name: 'OPTIONAL', valueFrom: { secretKeyRef: { name: 'absent', key: 'x', optional: true } } },
        { name: 'NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'COMBINED', value: '$(NAME)-$(CM_color)' },
      ],
    }],
  }));
  const blocked = await h.waitFor('CreateContainerConfigError', async () => {
    const x = await h.get('env', 'p');
    return main(x)?.state?.waiting?.reason === 'CreateContainerConfigError' ? x : undefined;
  });
  assert.equal(main(blocked)?.state?.waiting?.message, 'configmap "settings" not found');
  assert.equal(blocked.status?.phase, 'Pending');
  await h.client.resource<ConfigMap>(CONFIGMAPS).namespace('env').create({ metadata: { name: 'settings' }, data: { greeting: 'hello', color: 'blue' } });
  await h.client.resource<Secret>(SECRETS).namespace('env').create({ metadata: { name: 'creds' }, data: { password: Buffer.from('s3cret').toString('base64') } });
  const p = await h.waitFor('Running', async () => { const x = await h.get('env', 'p'); return x?.status?.phase === 'Running' ? x : undefined; });
  const config = h.runtime.configOf((main(p)?.containerID ?? '').replace(/^.*:\/\//, ''));
  const env = Object.fromEntries((config?.envs ?? []).map((e) => [e.key, e.value]));
  assert.equal(env.GREETING, 'hello');
  assert.equal(env.PASSWORD, 's3cret');
  assert.equal(env.OPTIONAL, undefined);
  assert.equal(env.NAME, 'p');
  assert.equal(env.NODE, 'pods-test-node');
  assert.equal(env.IP, p.status?.podIP);
  assert.equal(env.MEM, '64');
  assert.equal(env.CPU, '500');
  assert.equal(env.CM_color, 'blue');
  assert.equal(env.COMBINED, 'p-blue');
  assert.deepEqual(config?.command, ['sh', '-c', 'echo hello p']);
  assert.deepEqual(config?.args, ['$(MISSING)', '$(ESCAPED)']);
  assert.equal(config?.linux?.resources?.memoryLimitInBytes, 64 * 1024 * 1024);
  assert.equal(config?.linux?.resources?.cpuQuota, 50_000);
  assert.equal(p.status?.qosClass, 'Guaranteed');
  assert.equal(config?.linux?.resources?.oomScoreAdj, -997);
});

test('graceful deletion: preStop runs, the container gets the grace period, then the pod object is deleted', async () => {
  await h.namespace('del');
  await h.create(pod('del', 'p', {
    terminationGracePeriodSeconds: 20,
    containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }],
  }));
  const p = await h.waitFor('Running', async () => { const x = await h.get('del', 'p'); return x?.status?.phase === 'Running' ? x : undefined; });
  const uid = p.metadata?.uid ?? '';
  await h.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true }).namespace('del').delete('p');
  // preStop takes 5 s of the 20; SIGTERM is ignored, so the stop waits out the remaining 15 s.
  await h.waitFor('Killing event', async () => ((await h.events('del')).some((e) => e.reason === 'Killing' && e.message === 'Stopping container c') ? true : undefined), 0, 60);
  await h.advance(5_000);
  await h.advance(12_000);
  assert.ok(await h.get('del', 'p'), 'still there inside the grace period');
  await h.waitFor('pod gone', async () => ((await h.get('del', 'p')) === undefined ? true : undefined), 1000, 10);
  assert.equal((await h.runtime.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': uid } })).length, 0, 'sandbox removed');
  assert.ok(h.volumes.tornDown.includes(uid), 'volumes torn down');
});

test('images: a missing image is ErrImagePull, then ImagePullBackOff; Never with an absent image is ErrImageNeverPull', async () => {
  await h.namespace('img');
  await h.create(pod('img', 'missing', { containers: [{ name: 'c', image: 'example.com/nothing:1' }] }));
  await h.create(pod('img', 'never', { containers: [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'Never' }] }));
  await h.create(pod('img', 'pulls', { containers: [{ name: 'c', image: 'nginx:1.27', command: ['nginx'] }] }));
  const pull = await h.waitFor('ErrImagePull', async () => { const x = await h.get('img', 'missing'); return main(x)?.state?.waiting?.reason === 'ErrImagePull' ? x : undefined; }, 0, 60);
  assert.match(main(pull)?.state?.waiting?.message ?? '', /example\.com\/nothing:1: not found/);
  const backoff = await h.waitFor('ImagePullBackOff', async () => { const x = await h.get('img', 'missing'); return main(x)?.state?.waiting?.reason === 'ImagePullBackOff' ? x : undefined; }, 500, 20);
  assert.match(main(backoff)?.state?.waiting?.message ?? '', /^Back-off pulling image "example\.com\/nothing:1"/);
  const never = await h.waitFor('ErrImageNeverPull', async () => { const x = await h.get('img', 'never'); return main(x)?.state?.waiting?.reason === 'ErrImageNeverPull' ? x : undefined; }, 0, 60);
  assert.equal(main(never)?.state?.waiting?.message, 'Container image "nginx:1.27" is not present with pull policy of Never');
  await h.waitFor('pulled and running', async () => ((await h.get('img', 'pulls'))?.status?.phase === 'Running' ? true : undefined), 0, 60);
  const events = (await h.events('img')).filter((e) => e.involvedObject.name === 'pulls').map((e) => e.reason);
  assert.ok(events.includes('Pulling') && events.includes('Pulled'), events.join(','));
  const failed = (await h.events('img')).filter((e) => e.involvedObject.name === 'missing' && e.reason === 'Failed').map((e) => e.message ?? '');
  assert.ok(failed.some((m) => m.startsWith('Failed to pull image "example.com/nothing:1": ')), failed.join('\n'));
  assert.ok(failed.includes('Error: ErrImagePull'));
});

test('liveness failure from the prober: Killing event, the container restarts; readiness comes from the prober', async () => {
  await h.namespace('live');
  await h.create(pod('live', 'p', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: { exec: { command: ['true'] } } }] }));
  const started = await h.waitFor('running', async () => { const x = await h.get('live', 'p'); return main(x)?.state?.running !== undefined ? x : undefined; }, 0, 60);
  assert.equal(main(started)?.ready, false, 'not ready before the readiness probe succeeds');
  assert.equal(condition(started, 'Ready'), 'False');
  const id = (main(started)?.containerID ?? '').replace(/^.*:\/\//, '');
  assert.equal(h.prober.added.get(id), 'c', 'registered with the prober');
  h.prober.states.set(id, { ready: true, started: true });
  h.lifecycle.probeEvents.changed(started.metadata?.uid ?? '');
  await h.waitFor('Ready', async () => (condition(await h.get('live', 'p'), 'Ready') === 'True' ? true : undefined), 0, 60);
  h.lifecycle.probeEvents.unhealthy(started, 'c', id, 'Container c failed liveness probe');
  await h.waitFor('Killing', async () => ((await h.events('live')).some((e) => e.reason === 'Killing' && e.message === 'Container c failed liveness probe, will be restarted') ? true : undefined), 0, 60);
  await h.advance(30_000);
  const restarted = await h.waitFor('restarted', async () => { const x = await h.get('live', 'p'); return main(x)?.restartCount === 1 && main(x)?.state?.running !== undefined ? x : undefined; });
  assert.equal(main(restarted)?.lastState?.terminated?.exitCode, 137);
  assert.equal(h.prober.added.has(id), false, 'the old container left the prober');
});

test('agent restart: running containers are adopted untouched; leftovers of pods that are gone are removed', async () => {
  await h.namespace('adopt');
  await h.create(pod('adopt', 'p', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
  const before = await h.waitFor('Running', async () => { const x = await h.get('adopt', 'p'); return x?.status?.phase === 'Running' ? x : undefined; });
  await h.stopLifecycle();
  // An orphan: a sandbox of a pod the API server does not know.
  const orphan = await h.runtime.runPodSandbox({ metadata: { name: 'ghost', namespace: 'adopt', uid: 'ghost-uid' }, labels: { 'io.kubernetes.pod.uid': 'ghost-uid' } });
  h.startLifecycle();
  await h.waitFor('orphan removed', async () => ((await h.runtime.listPodSandbox({ id: orphan })).length === 0 ? true : undefined), 0, 60);
  await h.advance(3_000);
  const afterRestart = await h.get('adopt', 'p');
  assert.equal(main(afterRestart)?.containerID, main(before)?.containerID, 'the same container');
  assert.equal(main(afterRestart)?.restartCount, 0);
  assert.equal(afterRestart?.status?.podIP, before.status?.podIP);
  assert.equal(afterRestart?.status?.phase, 'Running');
});

test('a changed container image replaces the container ("definition changed"); a finished pod releases its volumes', async () => {
  await h.namespace('change');
  const created = await h.create(pod('change', 'p', { terminationGracePeriodSeconds: 3, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
  const before = await h.waitFor('Running', async () => { const x = await h.get('change', 'p'); return x?.status?.phase === 'Running' ? x : undefined; }, 0, 60);
  await h.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true }).namespace('change')
    .patch('p', 'strategic', { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  await h.waitFor('Killing', async () => ((await h.events('change')).some((e) => e.reason === 'Killing' && e.message === 'Container c definition changed, will be restarted') ? true : undefined), 0, 60);
  await h.advance(3_000);
  const after = await h.waitFor('replaced', async () => { const x = await h.get('change', 'p'); return main(x)?.image === 'nginx:1.27' && main(x)?.state?.running !== undefined ? x : undefined; });
  assert.notEqual(main(after)?.containerID, main(before)?.containerID);
  assert.equal(main(after)?.restartCount, 1);
  await h.namespace('finish');
  const done = await h.create(pod('finish', 'job', { restartPolicy: 'Never', volumes: [{ name: 'scratch', emptyDir: {} }],
    containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'], volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }] }));
  await h.waitFor('Succeeded', async () => ((await h.get('finish', 'job'))?.status?.phase === 'Succeeded' ? true : undefined), 0, 60);
  await h.waitFor('volumes torn down', async () => (h.volumes.tornDown.includes(done.metadata?.uid ?? '') ? true : undefined), 0, 60);
  assert.ok(created.metadata?.uid);
});

test('sidecars: an init container with restartPolicy Always runs beside the app and stops when the pod completes', async () => {
  await h.namespace('sidecar');
  await h.create(pod('sidecar', 'p', {
    restartPolicy: 'Never',
    initContainers: [
      { name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] },
      { name: 'setup', image: 'busybox:1.36', command: ['true'] },
    ],
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '30'] }],
  }));
  const running = await h.waitFor('Running', async () => { const x = await h.get('sidecar', 'p'); return x?.status?.phase === 'Running' ? x : undefined; }, 1000, 10);
  const [proxy, setup] = running.status?.initContainerStatuses ?? [];
  assert.ok(proxy?.state?.running, 'the sidecar keeps running');
  assert.equal(proxy?.ready, true);
  assert.equal(setup?.state?.terminated?.reason, 'Completed');
  assert.equal(condition(running, 'Initialized'), 'True');
  assert.equal(condition(running, 'Ready'), 'True');
  const done = await h.waitFor('Succeeded', async () => { const x = await h.get('sidecar', 'p'); return x?.status?.phase === 'Succeeded' ? x : undefined; });
  assert.equal(done.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode, 0, 'the sidecar was stopped (its TERM trap exits 0)');
});

test('termination message: FallbackToLogsOnError reports the tail of the log of a failed container', async () => {
  await h.namespace('msg');
  await h.create(pod('msg', 'p', { restartPolicy: 'Never', containers: [{
    name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; echo cannot open config >&2; exit 2'], terminationMessagePolicy: 'FallbackToLogsOnError',
  }] }));
  const p = await h.waitFor('Failed', async () => { const x = await h.get('msg', 'p'); return x?.status?.phase === 'Failed' ? x : undefined; }, 0, 60);
  assert.equal(main(p)?.state?.terminated?.message, 'starting\ncannot open config\n');
  assert.equal(main(p)?.state?.terminated?.exitCode, 2);
});

test('relist: a pod is not synced again for the containers its own sync started, but is for a container that exits', async () => {
  await h.namespace('relist');
  await h.create(pod('relist', 'r', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
  const p = await h.waitFor('Running', async () => { const x = await h.get('relist', 'r'); return main(x)?.state?.running !== undefined ? x : undefined; });
  const uid = p.metadata?.uid ?? '';
  // Every sync of the pod reads its sandboxes by its uid.
  let syncs = 0;
  const runtime = h.runtime;
  const list = runtime.listPodSandbox.bind(runtime);
  runtime.listPodSandbox = (filter) => {
    if (filter?.labelSelector?.['io.kubernetes.pod.uid'] === uid) syncs++;
    return list(filter);
  };
  try {
    await h.advance(3_000);
    assert.equal(syncs, 0, 'three relists saw only what the sync had started');
    const id = (main(p)?.containerID ?? '').replace(/^.*:\/\//, '');
    await runtime.stopContainer(id, 0);
    const restarted = await h.waitFor('a restart', async () => { const x = await h.get('relist', 'r'); return main(x)?.restartCount === 1 ? x : undefined; });
    assert.ok(syncs > 0, 'the exit was noticed by the relist');
    assert.equal(main(restarted)?.lastState?.terminated?.exitCode !== undefined, true);
  } finally {
    runtime.listPodSandbox = list;
  }
});

test('a sync that changes nothing writes nothing: a label change is synced without a status write', async () => {
  await h.namespace('quiet');
  await h.create(pod('quiet', 'q', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
  await h.waitFor('Running', async () => { const x = await h.get('quiet', 'q'); return condition(x, 'Ready') === 'True' ? x : undefined; });
  await h.advance(2_000);
  // The pod workers write through the harness's client: count their status writes of this pod.
  let writes = 0;
  const client = h.client;
  const request = client.request.bind(client);
  client.request = <R>(call: ApiCall): Promise<R> => {
    if (call.method === 'PATCH' && call.path === '/api/v1/namespaces/quiet/pods/q/status') writes++;
    return request<R>(call);
  };
  try {
    await client.resource<Pod>(PODS).namespace('quiet').patch('q', 'merge', { metadata: { labels: { touched: 'yes' } } });
    await h.advance(3_000);
    assert.equal(writes, 0, 'the status did not change');
    // A change that does alter the status is still written.
    const p = await h.get('quiet', 'q');
    await h.runtime.stopContainer((main(p)?.containerID ?? '').replace(/^.*:\/\//, ''), 0);
    await h.waitFor('the restart written', async () => (writes > 0 ? true : undefined));
  } finally {
    client.request = request;
  }
});

// The Deployment controller against a real server, driven by real kubectl: rollout, rolling
// update bounds, undo, pause/resume, scaling mid-rollout, rollout status, history cleanup.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { controllerRefOf, isPodAvailable } from '../replicaset/pod-utils.ts';
import { REPLICA_SETS } from '../replicaset/resources.ts';
import { type Cluster, eventually, startCluster } from './cluster.fixture.ts';

let c: Cluster;
const ns = 'deploy-e2e';

before(async () => {
  c = await startCluster();
  await c.kubectl('create', 'namespace', ns);
});
after(async () => {
  await c?.stop();
});

function manifest(name: string, replicas: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns },
    spec: {
      replicas, selector: { matchLabels: { app: name } }, ...extra,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] } },
    },
  });
}

async function apply(text: string): Promise<void> {
  const r = await c.server.kubectl('1.33', ['apply', '-f', '-'], { input: text });
  assert.equal(r.code, 0, r.stderr);
}

async function deployment(name: string): Promise<Deployment> {
  return JSON.parse(await c.kubectl('get', 'deployment', name, '-n', ns, '-o', 'json')) as Deployment;
}

async function replicaSets(app: string): Promise<ReplicaSet[]> {
  return (await c.client.resource<ReplicaSet>(REPLICA_SETS).namespace(ns).list({ labelSelector: `app=${app}` })).items;
}

async function livePods(app: string): Promise<Pod[]> {
  return (await c.pods.namespace(ns).list({ labelSelector: `app=${app}` })).items.filter((p) => p.metadata?.deletionTimestamp === undefined);
}

async function settled(name: string, replicas: number): Promise<void> {
  await eventually(`${name} rolled out`, async () => {
    const d = await deployment(name);
    return d.status?.updatedReplicas === replicas && d.status.availableReplicas === replicas && d.status.replicas === replicas
      && (d.status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
  }, 30_000);
}

test('a Deployment of 10 replicas makes 10 pods owned by one ReplicaSet', async () => {
  await apply(manifest('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
  await eventually('10 pods', async () => (await livePods('web')).length === 10);
  const rss = await replicaSets('web');
  assert.equal(rss.length, 1);
  const rs = rss[0];
  const hash = rs?.metadata?.labels?.['pod-template-hash'] ?? '';
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(rs?.metadata?.name, `web-${hash}`);
  assert.equal(rs?.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.equal(rs?.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], '10');
  assert.equal(rs?.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '11');
  for (const pod of await livePods('web')) assert.equal(controllerRefOf(pod)?.uid, rs?.metadata?.uid);
  await c.markReady(ns, 'app=web');
  await settled('web', 10);
  const d = await deployment('web');
  const available = d.status?.conditions?.find((x) => x.type === 'Available');
  const progressing = d.status?.conditions?.find((x) => x.type === 'Progressing');
  assert.equal(available?.reason, 'MinimumReplicasAvailable');
  assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
  const status = await c.server.kubectl('1.33', ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=10s']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /successfully rolled out/);
  await eventually('events', async () => /ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-\w+ from 0 to 10/.test(await c.kubectl('describe', 'deployment', 'web', '-n', ns))
    && /SuccessfulCreate\s+\S+\s+replicaset-controller\s+Created pod: web-/.test(await c.kubectl('describe', 'rs', '-n', ns, '-l', 'app=web')));
});

test('kubectl set image rolls with maxSurge=1/maxUnavailable=0: never above 11 pods nor below 10 available', async () => {
  const watchStop = new AbortController();
  let maxPods = 0;
  let minAvailable = Infinity;
  const pods = new Map<string, Pod>();
  let synced = false;
  const watcher = (async () => {
    const initial = await c.pods.namespace(ns).list({ labelSelector: 'app=web' });
    for (const p of initial.items) pods.set(p.metadata?.name ?? '', p);
    synced = true;
    for await (const ev of c.pods.namespace(ns).watch({ labelSelector: 'app=web', resourceVersion: initial.metadata?.resourceVersion ?? '', signal: watchStop.signal })) {
      if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') continue;
      const name = ev.object.metadata?.name ?? '';
      if (ev.type === 'DELETED' || ev.object.metadata?.deletionTimestamp !== undefined) pods.delete(name);
      else pods.set(name, ev.object);
      const live = [...pods.values()];
      maxPods = Math.max(maxPods, live.length);
      minAvailable = Math.min(minAvailable, live.filter((p) => isPodAvailable(p, 0, Date.now())).length);
    }
  })();
  await eventually('watch started', () => synced);
  const stopReady = c.autoReady(ns, 'app=web', 50);
  await c.kubectl('set', 'image', 'deployment/web', '-n', ns, 'app=busybox:1.37');
  const status = await c.server.kubectl('1.33', ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'], { timeoutMs: 70_000 });
  await stopReady();
  watchStop.abort();
  await watcher;
  assert.equal(status.code, 0, status.stderr + status.stdout);
  assert.ok(maxPods <= 11, `at most 11 pods, saw ${maxPods}`);
  assert.ok(minAvailable >= 10, `at least 10 available, saw ${minAvailable}`);
  const rss = await replicaSets('web');
  assert.equal(rss.length, 2);
  const byRev = new Map(rss.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs]));
  assert.equal(byRev.get('2')?.spec?.replicas, 10);
  assert.equal(byRev.get('1')?.spec?.replicas, 0);
  const history = await c.kubectl('rollout', 'history', 'deployment/web', '-n', ns);
  assert.match(history, /^1\s/m);
  assert.match(history, /^2\s/m);
});

test('kubectl rollout undo scales the previous ReplicaSet back up', async () => {
  const before = await replicaSets('web');
  const first = before.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1');
  const stopReady = c.autoReady(ns, 'app=web', 50);
  await c.kubectl('rollout', 'undo', 'deployment/web', '-n', ns);
  await settled('web', 10);
  await stopReady();
  const rss = await replicaSets('web');
  assert.equal(rss.length, 2, 'the old template is reused, not copied');
  const back = rss.find((rs) => rs.metadata?.uid === first?.metadata?.uid);
  assert.equal(back?.spec?.replicas, 10);
  assert.equal(back?.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.equal(back?.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  const d = await deployment('web');
  assert.equal(d.spec?.template.spec?.containers[0]?.image, 'busybox:1.36');
});

test('pause holds a template change; resume rolls it out', async () => {
  await c.kubectl('rollout', 'pause', 'deployment/web', '-n', ns);
  await c.kubectl('set', 'image', 'deployment/web', '-n', ns, 'app=busybox:1.38');
  await eventually('paused condition', async () => (await deployment('web')).status?.conditions?.some((x) => x.reason === 'DeploymentPaused') === true);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await replicaSets('web')).length, 2, 'no new ReplicaSet while paused');
  const stopReady = c.autoReady(ns, 'app=web', 50);
  await c.kubectl('rollout', 'resume', 'deployment/web', '-n', ns);
  const status = await c.server.kubectl('1.33', ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'], { timeoutMs: 70_000 });
  await stopReady();
  assert.equal(status.code, 0, status.stderr);
  assert.equal((await replicaSets('web')).length, 3);
});

test('kubectl scale during a rollout scales the ReplicaSets proportionally', async () => {
  await apply(manifest('api', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
  await eventually('10 api pods', async () => (await livePods('api')).length === 10);
  await c.markReady(ns, 'app=api');
  await settled('api', 10);
  // New pods never become ready: the rollout stalls with both ReplicaSets populated.
  await c.kubectl('set', 'image', 'deployment/api', '-n', ns, 'app=busybox:1.37');
  await eventually('rollout stalled mid-way', async () => {
    const rss = await replicaSets('api');
    // 10 → +3 surge (13), old down by 2 (maxUnavailable), new up to 5: stuck at 8 + 5.
    return rss.length === 2 && rss.map((rs) => rs.spec?.replicas ?? 0).sort((a, b) => a - b).join() === '5,8';
  });
  await c.kubectl('scale', 'deployment/api', '-n', ns, '--replicas=20');
  await eventually('proportional scale', async () => {
    const rss = await replicaSets('api');
    const total = rss.reduce((s, rs) => s + (rs.spec?.replicas ?? 0), 0);
    return total === 23 && rss.every((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'] === '20');
  });
  const sizes = (await replicaSets('api')).map((rs) => rs.spec?.replicas ?? 0).sort((a, b) => a - b);
  // Grown to 20 + 3: old 8 → round(8·23/13) = 14, new 5 → round(5·23/13) = 9.
  assert.deepEqual(sizes, [9, 14]);
  const stopReady = c.autoReady(ns, 'app=api', 50);
  await settled('api', 20);
  await stopReady();
});

test('kubectl rollout restart rolls every pod through a new ReplicaSet', async () => {
  const before = new Set((await livePods('web')).map((p) => p.metadata?.name));
  const stopReady = c.autoReady(ns, 'app=web', 50);
  await c.kubectl('rollout', 'restart', 'deployment/web', '-n', ns);
  const status = await c.server.kubectl('1.33', ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'], { timeoutMs: 70_000 });
  await stopReady();
  assert.equal(status.code, 0, status.stderr);
  const after = await livePods('web');
  assert.equal(after.length, 10);
  assert.ok(after.every((p) => !before.has(p.metadata?.name)), 'every pod replaced');
});

test('revisionHistoryLimit removes the oldest empty ReplicaSets', async () => {
  await c.kubectl('patch', 'deployment/web', '-n', ns, '--type=merge', '-p', '{"spec":{"revisionHistoryLimit":1}}');
  await eventually('history pruned to one old ReplicaSet', async () => (await replicaSets('web')).length === 2);
});

test('Recreate replaces every pod at once', async () => {
  await apply(manifest('batch', 3, { strategy: { type: 'Recreate' } }));
  await eventually('3 pods', async () => (await livePods('batch')).length === 3);
  await c.markReady(ns, 'app=batch');
  await settled('batch', 3);
  const stopReady = c.autoReady(ns, 'app=batch', 50);
  await c.kubectl('set', 'image', 'deployment/batch', '-n', ns, 'app=busybox:1.37');
  await settled('batch', 3);
  await stopReady();
  const rss = await replicaSets('batch');
  assert.equal(rss.length, 2);
  assert.deepEqual(rss.map((rs) => rs.spec?.replicas ?? 0).sort(), [0, 3]);
});

test('minReadySeconds: ready pods count as available only after it has passed', async () => {
  await apply(manifest('steady', 2, { minReadySeconds: 2 }));
  await eventually('2 pods', async () => (await livePods('steady')).length === 2);
  await c.markReady(ns, 'app=steady');
  await eventually('ready, not yet available', async () => {
    const d = await deployment('steady');
    return d.status?.readyReplicas === 2 && (d.status.availableReplicas ?? 0) === 0;
  });
  await settled('steady', 2);
});

test('progressDeadlineSeconds: a stalled rollout reports ProgressDeadlineExceeded', async () => {
  await apply(manifest('slow', 2, { progressDeadlineSeconds: 2 }));
  await eventually('deadline exceeded', async () => (await deployment('slow')).status?.conditions?.some((x) => x.type === 'Progressing' && x.reason === 'ProgressDeadlineExceeded' && x.status === 'False') === true, 15_000);
  const status = await c.server.kubectl('1.33', ['rollout', 'status', 'deployment/slow', '-n', ns, '--timeout=10s']);
  assert.notEqual(status.code, 0);
  assert.match(status.stderr, /exceeded its progress deadline/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import { replicasOf } from './annotations.ts';
import { type SimulatedApps, simulateApps } from './apps.fixture.ts';
import { rolloutRolling } from './rolling.ts';
import { isScalingEvent, syncScaleOnly } from './scale.ts';
import { Syncer } from './syncer.ts';

const template = (image: string): NonNullable<Deployment['spec']>['template'] => ({
  metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image }] },
});

function deployment(replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', uid: 'd-uid', generation: 1 },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } }, template: template('app:1'), revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
    status: {},
  };
}

function syncerFor(apps: SimulatedApps): Syncer {
  return new Syncer({ client: apps.client, clock: new FakeClock(), cachedReplicaSet: (_ns, name) => apps.replicaSet(name), enqueueAfter: () => undefined });
}

/** What DeploymentController.sync does for an unpaused RollingUpdate Deployment; a failed sync is retried later, as the queue would. */
async function sync(s: Syncer, apps: SimulatedApps): Promise<void> {
  const d = apps.deployment();
  const rsList = apps.replicaSets();
  try {
    if (await isScalingEvent(s, d, rsList)) await syncScaleOnly(s, d, rsList);
    else await rolloutRolling(s, d, rsList);
  } catch {
    // Conflicts and refused steps: the next pass reads fresher state.
  }
}

function isImage(image: string) {
  return (rs: ReplicaSet): boolean => rs.spec?.template?.spec?.containers[0]?.image === image;
}

/** Runs sync + one ReplicaSet controller pass until `done`, at most `steps` times; answers the passes taken. */
async function runUntil(apps: SimulatedApps, s: Syncer, done: () => boolean, steps: number): Promise<number> {
  for (let i = 1; i <= steps; i++) {
    await sync(s, apps);
    apps.tick();
    if (done()) return i;
  }
  throw new Error(`not done after ${steps} passes: ${JSON.stringify(apps.replicaSets().map((rs) => [rs.spec?.template?.spec?.containers[0]?.image, replicasOf(rs), rs.status]))}`);
}

test('a capacity-bound rolling update never scales the old ReplicaSet up, and completes', async () => {
  // 100 replicas, 25 % surge asks for 125 pods; 110 slots leave 15 of them Pending. The
  // ReplicaSet controller deletes at most 10 pods a pass, so a scaled-down ReplicaSet reports
  // more available pods than its spec for several passes.
  const apps = simulateApps(deployment(100), 110, 10);
  const s = syncerFor(apps);
  const availableOf = (image: string): number => apps.replicaSets().filter(isImage(image)).reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  await runUntil(apps, s, () => availableOf('app:1') === 100, 100);

  apps.edit((d) => {
    if (d.spec !== undefined) d.spec.template = template('app:2');
  });
  const writesBefore = apps.writes.length;
  await runUntil(apps, s, () => {
    const all = apps.replicaSets();
    const fresh = all.find(isImage('app:2'));
    return fresh?.status?.availableReplicas === 100 && replicasOf(fresh) === 100 && all.filter(isImage('app:1')).every((rs) => replicasOf(rs) === 0 && rs.status?.replicas === 0);
  }, 500);

  const oldName = apps.replicaSets().find(isImage('app:1'))?.metadata?.name;
  const oldWrites = apps.writes.slice(writesBefore).filter((w) => w.name === oldName);
  assert.ok(oldWrites.some((w) => w.to < w.from), 'the old ReplicaSet was scaled down');
  const ups = oldWrites.filter((w) => w.to > w.from);
  assert.deepEqual(ups, [], 'the old ReplicaSet is never scaled up mid-rollout');
});

interface Case {
  readonly name: string;
  /** The old ReplicaSet: spec and available replicas (its status may lag a scale-down). */
  readonly old: { spec: number; available: number };
  readonly fresh: { spec: number; available: number };
  /** The old ReplicaSet's replicas after the sync, or the error it fails with. */
  readonly want: number | RegExp;
}

// Deployment of 100 replicas, 25 % / 25 %: at least 75 available, at most 125 pods.
const cases: Case[] = [
  { name: 'status still counts pods being deleted: refused, not scaled up', old: { spec: 60, available: 100 }, fresh: { spec: 40, available: 40 },
    want: /^when cleaning up unhealthy replicas, got invalid request to scale down ns\/web-old 60 -> 100$/ },
  { name: 'unhealthy old replicas are removed first, then healthy ones down to the minimum', old: { spec: 100, available: 80 }, fresh: { spec: 25, available: 0 }, want: 75 },
  { name: 'healthy old replicas go while the new ones are available', old: { spec: 75, available: 75 }, fresh: { spec: 50, available: 50 }, want: 25 },
  { name: 'nothing goes below the minimum available', old: { spec: 75, available: 75 }, fresh: { spec: 50, available: 0 }, want: 75 },
];

for (const c of cases) {
  test(`old ReplicaSet during a rollout: ${c.name}`, async () => {
    const d = deployment(100);
    if (d.spec !== undefined) d.spec.template = template('app:2');
    const apps = simulateApps(d, 1000, 1000);
    const rs = (name: string, image: string, size: { spec: number; available: number }, revision: string): ReplicaSet => ({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name, namespace: 'ns', labels: { app: 'web' },
        annotations: { 'deployment.kubernetes.io/revision': revision, 'deployment.kubernetes.io/desired-replicas': '100', 'deployment.kubernetes.io/max-replicas': '125' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }],
      },
      spec: { replicas: size.spec, selector: { matchLabels: { app: 'web' } }, template: template(image) },
      status: { replicas: Math.max(size.spec, size.available), availableReplicas: size.available, readyReplicas: size.available },
    });
    apps.seed(rs('web-old', 'app:1', c.old, '1'));
    apps.seed(rs('web-new', 'app:2', c.fresh, '2'));
    const s = syncerFor(apps);
    const run = rolloutRolling(s, apps.deployment(), apps.replicaSets());
    if (c.want instanceof RegExp) {
      await assert.rejects(run, { message: c.want });
      assert.equal(replicasOf(apps.replicaSet('web-old')), c.old.spec);
    } else {
      await run;
      assert.equal(replicasOf(apps.replicaSet('web-old')), c.want);
    }
    assert.ok(apps.writes.every((w) => w.name !== 'web-old' || w.to <= w.from), 'no write raises the old ReplicaSet');
  });
}

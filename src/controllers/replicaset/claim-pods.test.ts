import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { claimObjects, type ClaimActions } from './claim.ts';
import { claimPods } from './claim-pods.ts';
import { PodTally } from './pod-tally.ts';
import { filterActivePods, selectorOf } from './pod-utils.ts';
import { countPods } from './status.ts';

interface Shape { owner?: string; labels: Record<string, string>; ready?: boolean; deleting?: boolean }

function pod(name: string, shape: Shape): Pod {
  return {
    metadata: {
      name, namespace: 'ns', uid: `uid-${name}`, labels: shape.labels,
      ...(shape.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: shape.owner, uid: shape.owner, controller: true }] }),
      ...(shape.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: shape.ready === true ? 'True' : 'False' }] },
  };
}

function replicaSet(deleting = false): ReplicaSet {
  return {
    metadata: { name: 'rs', namespace: 'ns', uid: 'rs', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
  };
}

/** Actions that record what they were asked; adoption is refused when `adoptable` is false. */
function recording(adoptable = true): { actions: ClaimActions<Pod>; log: string[] } {
  const log: string[] = [];
  return {
    log,
    actions: {
      canAdopt: () => Promise.resolve(adoptable),
      adopt: (p) => { log.push(`adopt ${p.metadata?.name}`); return Promise.resolve(); },
      release: (p) => { log.push(`release ${p.metadata?.name}`); return Promise.resolve(); },
    },
  };
}

const names = (pods: readonly Pod[]): string[] => pods.map((p) => p.metadata?.name ?? '').sort();

const web = { app: 'web', tier: 'fe' };
const cases: Array<{ what: string; rs: ReplicaSet; pods: Pod[]; adoptable?: boolean; claimed: string[]; writes: string[] }> = [
  {
    what: 'its matching pods are kept, inactive ones left out, others\' pods ignored',
    rs: replicaSet(),
    pods: [pod('a', { owner: 'rs', labels: web, ready: true }), pod('b', { owner: 'rs', labels: { app: 'web' } }), pod('gone', { owner: 'rs', labels: web, deleting: true }), pod('theirs', { owner: 'other', labels: web })],
    claimed: ['a', 'b'], writes: [],
  },
  {
    what: 'pods that stopped matching are released, matching orphans adopted',
    rs: replicaSet(),
    pods: [pod('a', { owner: 'rs', labels: web }), pod('stray', { owner: 'rs', labels: { app: 'db' } }), pod('orphan', { labels: web, ready: true }), pod('stranger', { labels: { app: 'db' } })],
    claimed: ['a', 'orphan'], writes: ['adopt orphan', 'release stray'],
  },
  {
    what: 'an owner that may not adopt (gone or changed) adopts nothing',
    rs: replicaSet(), adoptable: false,
    pods: [pod('a', { owner: 'rs', labels: web }), pod('orphan', { labels: web })],
    claimed: ['a'], writes: [],
  },
  {
    what: 'an owner being deleted neither adopts nor releases, and keeps what matches',
    rs: replicaSet(true),
    pods: [pod('a', { owner: 'rs', labels: web }), pod('stray', { owner: 'rs', labels: { app: 'db' } }), pod('orphan', { labels: web })],
    claimed: ['a'], writes: [],
  },
];

test('claiming over the tally decides as claimObjects over the list of pods', async () => {
  for (const c of cases) {
    const tally = new PodTally();
    for (const p of c.pods) tally.set(p);
    const selector = selectorOf(c.rs.spec?.selector);
    assert.ok(selector !== undefined);
    const active = filterActivePods(c.pods);
    const orphans = active.filter((p) => p.metadata?.ownerReferences === undefined);
    const viaTally = recording(c.adoptable);
    const claimed = await claimPods(c.rs, selector, tally.groups('ns', 'rs'), orphans, viaTally.actions);
    assert.deepEqual(names(claimed.pods.list()), c.claimed, c.what);
    assert.equal(claimed.pods.count, c.claimed.length, c.what);
    assert.deepEqual(viaTally.log.sort(), c.writes, c.what);
    // The reference: claimObjects over every active pod of the namespace, counted from the list.
    const viaList = recording(c.adoptable);
    const listed = await claimObjects(c.rs, selector, active, viaList.actions);
    assert.deepEqual(names(listed), c.claimed, `${c.what} (claimObjects)`);
    assert.deepEqual(viaList.log.sort(), c.writes, `${c.what} (claimObjects)`);
    assert.deepEqual(claimed.counts, countPods(c.rs, listed), `${c.what}: counts`);
  }
});

test('a failed release is reported after the other pods were claimed', async () => {
  const tally = new PodTally();
  for (const p of [pod('a', { owner: 'rs', labels: web }), pod('stray', { owner: 'rs', labels: { app: 'db' } })]) tally.set(p);
  const log: string[] = [];
  const actions: ClaimActions<Pod> = {
    canAdopt: () => Promise.resolve(true),
    adopt: () => Promise.resolve(),
    release: (p) => { log.push(`release ${p.metadata?.name}`); return Promise.reject(Object.assign(new Error('conflict'), { code: 409 })); },
  };
  await assert.rejects(claimPods(replicaSet(), selectorOf(replicaSet().spec?.selector) ?? assert.fail(), tally.groups('ns', 'rs'), [], actions), /conflict/);
  assert.deepEqual(log, ['release stray']);
});

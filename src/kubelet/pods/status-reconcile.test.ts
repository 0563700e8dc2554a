// The kubelet writes its status again when someone else changed what it owns: the node
// lifecycle controller marking a silent node's pods Ready=False, the node then coming back.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Pod, PodStatus } from '../../api/types/core/v1/index.ts';
import { cacheCaughtUp, ownedStatusFingerprint, STATUS_RECONCILE_MS } from './status-reconcile.ts';
import { startHarness, type Harness } from './testing.fixture.ts';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

test('fingerprint: the phase and the kubelet\'s own conditions count, others\' conditions and details do not', () => {
  const base: PodStatus = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }] };
  const cases: Array<{ what: string; status: PodStatus | undefined; same: boolean }> = [
    { what: 'the same', status: base, same: true },
    { what: 'conditions in another order, other timestamps', status: { phase: 'Running', conditions: [{ type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }, { type: 'Ready', status: 'True' }] }, same: true },
    { what: 'a readiness gate of someone else', status: { ...base, conditions: [...base.conditions ?? [], { type: 'example.com/gate', status: 'False' }] }, same: true },
    { what: 'a new pod IP (not compared)', status: { ...base, podIP: '10.0.0.9' }, same: true },
    { what: 'Ready=False written by the node lifecycle controller', status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }, { type: 'ContainersReady', status: 'True' }] }, same: false },
    { what: 'another phase', status: { ...base, phase: 'Failed' }, same: false },
    { what: 'no status', status: undefined, same: false },
  ];
  for (const c of cases) assert.equal(ownedStatusFingerprint(c.status) === ownedStatusFingerprint(base), c.same, c.what);
});

test('the cache is compared only once it holds our write', () => {
  const cases: Array<[string | undefined, string | undefined, boolean]> = [
    ['120', '120', true], ['121', '120', true], ['119', '120', false], ['9', '10', false], ['100', '99', true],
    [undefined, '5', false], ['5', undefined, false], ['abc', 'abc', true], ['abd', 'abc', false], ['1e3', '5', false],
  ];
  for (const [cached, written, want] of cases) assert.equal(cacheCaughtUp(cached, written), want, `${cached} vs ${written}`);
});

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

const ready = (p: Pod | undefined): string | undefined => p?.status?.conditions?.find((c) => c.type === 'Ready')?.status;

test('a pod marked Ready=False by someone else is Ready again once the kubelet reconciles its status', async () => {
  await h.namespace('reconcile');
  await h.create({ metadata: { name: 'web', namespace: 'reconcile' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  await h.waitFor('Ready', async () => (ready(await h.get('reconcile', 'web')) === 'True' ? true : undefined));
  // What the node lifecycle controller writes for the pods of a node that stopped heartbeating.
  await h.client.resource<Pod>(PODS).namespace('reconcile').patch('web', 'strategic',
    { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'NodeNotReady' }] } }, { subresource: 'status' });
  assert.equal(ready(await h.get('reconcile', 'web')), 'False');
  const back = await h.waitFor('Ready again', async () => {
    const p = await h.get('reconcile', 'web');
    return ready(p) === 'True' ? p : undefined;
  }, STATUS_RECONCILE_MS / 4, 12);
  assert.equal(back.status?.phase, 'Running');
});

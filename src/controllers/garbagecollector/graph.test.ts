import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OwnerReference } from '../../api/types/meta/v1/index.ts';
import type { KubeObject } from '../../client/rest/types.ts';
import { GraphBuilder, type GraphEvent } from './graph-builder.ts';
import { decideDeletingDependents, decideItem, GraphNode, referenceDiffs, type ItemDecision, type OwnerState } from './graph.ts';

const ref = (uid: string, extra: Partial<OwnerReference> = {}): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name: `cm-${uid}`, uid, ...extra });

describe('decideItem', () => {
  const cases: Array<{ name: string; owners: OwnerReference[]; states: Record<string, OwnerState>; finalizers?: string[]; hasDependents?: boolean; cycle?: boolean; want: ItemDecision }> = [
    { name: 'no owners: keep', owners: [], states: {}, want: { action: 'keep' } },
    { name: 'solid owner: keep', owners: [ref('a')], states: { a: 'solid' }, want: { action: 'keep' } },
    { name: 'dangling owner: background delete', owners: [ref('a')], states: { a: 'dangling' }, want: { action: 'delete', policy: 'Background', unblock: false } },
    { name: 'solid and dangling: drop the dangling reference', owners: [ref('a'), ref('b')], states: { a: 'solid', b: 'dangling' }, want: { action: 'removeReferences', uids: ['b'] } },
    { name: 'solid and waiting: drop the waiting reference', owners: [ref('a'), ref('b')], states: { a: 'waiting', b: 'solid' }, want: { action: 'removeReferences', uids: ['a'] } },
    { name: 'waiting owner, no dependents: background delete', owners: [ref('a')], states: { a: 'waiting' }, want: { action: 'delete', policy: 'Background', unblock: false } },
    { name: 'waiting owner, with dependents: foreground delete', owners: [ref('a')], states: { a: 'waiting' }, hasDependents: true, want: { action: 'delete', policy: 'Foreground', unblock: false } },
    { name: 'waiting owner, cycle: unblock then foreground', owners: [ref('a')], states: { a: 'waiting' }, hasDependents: true, cycle: true, want: { action: 'delete', policy: 'Foreground', unblock: true } },
    { name: 'orphan finalizer on the item: orphan delete', owners: [ref('a')], states: { a: 'dangling' }, finalizers: ['orphan'], want: { action: 'delete', policy: 'Orphan', unblock: false } },
    { name: 'foreground finalizer on the item: foreground delete', owners: [ref('a')], states: { a: 'dangling' }, finalizers: ['foregroundDeletion'], want: { action: 'delete', policy: 'Foreground', unblock: false } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = decideItem({ owners: c.owners, finalizers: c.finalizers ?? [], hasDependents: c.hasDependents ?? false, dependentDeletingDependents: c.cycle ?? false },
        new Map(Object.entries(c.states)));
      assert.deepEqual(got, c.want);
    });
  }
});

describe('decideDeletingDependents', () => {
  it('waits for blocking dependents only, and removes the finalizer when none is left', () => {
    const owner = new GraphNode({ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'o', namespace: 'ns' }, [], false);
    const blocking = new GraphNode({ apiVersion: 'v1', kind: 'Secret', name: 'b', uid: 'b', namespace: 'ns' }, [ref('o', { blockOwnerDeletion: true })], false);
    const free = new GraphNode({ apiVersion: 'v1', kind: 'Secret', name: 'f', uid: 'f', namespace: 'ns' }, [ref('o')], false);
    owner.dependents.add(blocking).add(free);
    const next = decideDeletingDependents(owner);
    assert.equal(next.removeFinalizer, false);
    assert.deepEqual(!next.removeFinalizer && next.waitFor.map((n) => n.identity.uid), ['b']);
    owner.dependents.delete(blocking);
    assert.deepEqual(decideDeletingDependents(owner), { removeFinalizer: true });
  });
});

function obj(uid: string, owners: OwnerReference[] = [], extra: { deletionTimestamp?: string; finalizers?: string[] } = {}): KubeObject {
  return { metadata: { name: `cm-${uid}`, namespace: 'ns', uid, resourceVersion: '1', ownerReferences: owners, ...extra } };
}
function ev(type: 'add' | 'update', o: KubeObject, old?: KubeObject): GraphEvent {
  const m = o.metadata!;
  return { type, object: o, ...(old === undefined ? {} : { old }), identity: { apiVersion: 'v1', kind: 'ConfigMap', name: m.name!, uid: m.uid!, namespace: 'ns' } };
}

describe('GraphBuilder', () => {
  const setup = (): { b: GraphBuilder; deletes: string[]; orphans: string[] } => {
    const deletes: string[] = [];
    const orphans: string[] = [];
    const b = new GraphBuilder({ attemptToDelete: (n) => deletes.push(n.identity.uid), attemptToOrphan: (n) => orphans.push(n.identity.uid) });
    return { b, deletes, orphans };
  };

  it('creates a virtual owner for an unseen owner and asks the collector to check it', () => {
    const { b, deletes } = setup();
    b.process(ev('add', obj('dep', [ref('own')])));
    assert.equal(b.nodes.get('own')?.virtual, true);
    assert.deepEqual(deletes, ['own']);
    b.process(ev('add', obj('own')));
    assert.equal(b.nodes.get('own')?.virtual, false);
    assert.equal(b.nodes.get('own')?.dependents.size, 1);
  });

  it('an owner deleted: dependents are looked at and the owner is remembered as absent', () => {
    const { b, deletes } = setup();
    b.process(ev('add', obj('own')));
    b.process(ev('add', obj('dep', [ref('own')])));
    const identity = b.nodes.get('own')!.identity;
    b.process({ type: 'delete', object: obj('own'), identity, virtual: false });
    assert.equal(b.nodes.has('own'), false);
    assert.deepEqual(deletes, ['dep']);
    assert.equal(b.isAbsent(identity), true);
  });

  it('a virtual delete of a virtual owner removes it and wakes its dependents', () => {
    const { b, deletes } = setup();
    b.process(ev('add', obj('dep', [ref('ghost')])));
    b.process({ type: 'delete', identity: b.nodes.get('ghost')!.identity, virtual: true });
    assert.equal(b.nodes.has('ghost'), false);
    assert.deepEqual(deletes, ['ghost', 'dep']);
  });

  it('a virtual delete never removes an observed node under other coordinates', () => {
    const { b } = setup();
    b.process(ev('add', obj('own')));
    b.process({ type: 'delete', identity: { apiVersion: 'v1', kind: 'Secret', name: 'x', uid: 'own', namespace: 'ns' }, virtual: true });
    assert.equal(b.nodes.has('own'), true);
  });

  it('the orphan finalizer starts orphaning; foreground marks the node and wakes dependents and itself', () => {
    const { b, deletes, orphans } = setup();
    const o = obj('own');
    b.process(ev('add', o));
    b.process(ev('add', obj('dep', [ref('own', { blockOwnerDeletion: true })])));
    b.process(ev('update', obj('own', [], { deletionTimestamp: 't', finalizers: ['orphan'] }), o));
    assert.deepEqual(orphans, ['own']);
    const { b: b2, deletes: d2 } = setup();
    b2.process(ev('add', o));
    b2.process(ev('add', obj('dep', [ref('own', { blockOwnerDeletion: true })])));
    b2.process(ev('update', obj('own', [], { deletionTimestamp: 't', finalizers: ['foregroundDeletion'] }), o));
    assert.equal(b2.nodes.get('own')?.deletingDependents, true);
    assert.deepEqual(d2, ['dep', 'own']);
    assert.deepEqual(deletes, []);
  });

  it('a dependent dropping its blocking reference wakes a foreground owner', () => {
    const { b, deletes } = setup();
    b.process(ev('add', obj('own', [], { deletionTimestamp: 't', finalizers: ['foregroundDeletion'] })));
    const dep = obj('dep', [ref('own', { blockOwnerDeletion: true })]);
    b.process(ev('add', dep));
    deletes.length = 0;
    b.process(ev('update', obj('dep', []), dep));
    assert.deepEqual(deletes, ['own']);
    assert.equal(b.nodes.get('own')?.dependents.size, 0);
  });
});

describe('referenceDiffs', () => {
  const uids = (refs: readonly OwnerReference[]): string[] => refs.map((r) => r.uid);
  const cases: Array<{ name: string; old: OwnerReference[]; next: OwnerReference[]; added: string[]; removed: string[]; changed: string[] }> = [
    { name: 'unchanged', old: [ref('a'), ref('b', { controller: true })], next: [ref('a'), ref('b', { controller: true })], added: [], removed: [], changed: [] },
    { name: 'same references, other order', old: [ref('a'), ref('b')], next: [ref('b'), ref('a')], added: [], removed: [], changed: [] },
    { name: 'one added, one removed', old: [ref('a'), ref('b')], next: [ref('a'), ref('c')], added: ['c'], removed: ['b'], changed: [] },
    { name: 'blockOwnerDeletion dropped', old: [ref('a', { blockOwnerDeletion: true })], next: [ref('a')], added: [], removed: [], changed: ['a'] },
    { name: 'an absent flag is not false', old: [ref('a')], next: [ref('a', { controller: false })], added: [], removed: [], changed: ['a'] },
    { name: 'renamed owner, same uid', old: [ref('a')], next: [{ ...ref('a'), name: 'other' }], added: [], removed: [], changed: ['a'] },
    { name: 'all gone', old: [ref('a')], next: [], added: [], removed: ['a'], changed: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = referenceDiffs(c.old, c.next);
      assert.deepEqual([uids(d.added), uids(d.removed), d.changed.map((x) => x.next.uid)], [c.added, c.removed, c.changed]);
    });
  }
});

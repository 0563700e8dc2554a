import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionsFor, mergeConditions, type DeletionReport } from './conditions.ts';

const empty: DeletionReport = { discoveryErrors: [], parsingErrors: [], contentErrors: [], remaining: new Map(), finalizers: new Map() };

describe('namespace deletion conditions', () => {
  it('all False with the upstream reasons when the namespace is empty', () => {
    assert.deepEqual(conditionsFor(empty).map((c) => [c.type, c.status, c.reason]), [
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
    ]);
  });

  it('says what remains and which finalizers hold it, sorted', () => {
    const c = conditionsFor({ ...empty, remaining: new Map([['pods', 2], ['configmaps', 1]]), finalizers: new Map([['example.com/x', 3]]) });
    assert.deepEqual(c[3], { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps has 1 resource instances, pods has 2 resource instances' });
    assert.deepEqual(c[4], { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/x in 3 resource instances' });
  });

  it('merge keeps transition times of unchanged statuses and reports no change as undefined', () => {
    const first = mergeConditions([], conditionsFor(empty), 't1');
    assert.ok(first !== undefined && first.every((c) => c.lastTransitionTime === 't1'));
    assert.equal(mergeConditions(first, conditionsFor(empty), 't2'), undefined);
    const next = mergeConditions(first, conditionsFor({ ...empty, remaining: new Map([['pods', 1]]) }), 't3');
    assert.equal(next?.find((c) => c.type === 'NamespaceContentRemaining')?.lastTransitionTime, 't3');
    assert.equal(next?.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')?.lastTransitionTime, 't1');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterAll, framework, makeNode, makePod, snapshot } from '../../testing.fixture.ts';

test('NodeName: a pod that names a node fits only there', () => {
  const snap = snapshot([makeNode('a'), makeNode('b')]);
  assert.deepEqual(filterAll(framework(), snap, makePod('free')), { a: '', b: '' });
  assert.deepEqual(filterAll(framework(), snap, makePod('pinned', { nodeName: 'b' })), { a: "node(s) didn't match the requested node name", b: '' });
});

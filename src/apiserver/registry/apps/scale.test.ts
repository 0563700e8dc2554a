import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replicasScale } from './scale.ts';

test('the scale subresource reads spec/status replicas and the selector as a selector string', () => {
  const rs = { spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] } }, status: { replicas: 2 } };
  assert.equal(replicasScale.specReplicas(rs), 3);
  assert.equal(replicasScale.statusReplicas(rs), 2);
  assert.equal(replicasScale.selector(rs), 'app=web,tier in (a,b)');
  const scaled = replicasScale.withSpecReplicas(rs, 7);
  assert.equal(scaled.spec?.replicas, 7);
  assert.equal(rs.spec.replicas, 3, 'the stored object is not changed in place');
  assert.equal(replicasScale.statusReplicas({}), 0);
  assert.equal(replicasScale.selector({ spec: {} }), '', 'no selector selects nothing');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { PodTemplateSpec } from '../../api/types/core/v1/index.ts';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets } from './replica-sets.ts';

function template(image: string, labels: Record<string, string> = { app: 'web' }): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [{ name: 'c', image }] } };
}

test('templates compare equal once the pod-template-hash label is dropped', () => {
  const cases: Array<{ what: string; a: PodTemplateSpec | undefined; b: PodTemplateSpec | undefined; want: boolean }> = [
    { what: 'same content, other objects', a: template('nginx:1'), b: template('nginx:1'), want: true },
    { what: 'only the hash label differs', a: template('nginx:1', { app: 'web', 'pod-template-hash': 'abc' }), b: template('nginx:1'), want: true },
    { what: 'the hash was the only label', a: { metadata: { labels: { 'pod-template-hash': 'abc' } }, spec: { containers: [] } }, b: { spec: { containers: [] } }, want: true },
    { what: 'another image', a: template('nginx:1'), b: template('nginx:2'), want: false },
    { what: 'another label', a: template('nginx:1', { app: 'web', tier: 'fe' }), b: template('nginx:1'), want: false },
    { what: 'none against some', a: undefined, b: template('nginx:1'), want: false },
    { what: 'none against none', a: undefined, b: undefined, want: true },
  ];
  for (const c of cases) {
    assert.equal(equalIgnoreHash(c.a, c.b), c.want, c.what);
    // Asked again (the forms are remembered per template object): the same answer, both ways.
    assert.equal(equalIgnoreHash(c.b, c.a), c.want, `${c.what}, reversed`);
  }
});

test('the new ReplicaSet is the oldest running the Deployment\'s template; the others are old', () => {
  const rs = (name: string, created: string, t: PodTemplateSpec): ReplicaSet => ({ metadata: { name, uid: name, creationTimestamp: created }, spec: { selector: {}, template: t } });
  const d: Deployment = { metadata: { name: 'web' }, spec: { selector: {}, template: template('nginx:2') } };
  const rss = [
    rs('v1', '2026-01-01T00:00:00Z', template('nginx:1', { app: 'web', 'pod-template-hash': 'h1' })),
    rs('v2-late', '2026-01-03T00:00:00Z', template('nginx:2', { app: 'web', 'pod-template-hash': 'h3' })),
    rs('v2', '2026-01-02T00:00:00Z', template('nginx:2', { app: 'web', 'pod-template-hash': 'h2' })),
  ];
  assert.equal(findNewReplicaSet(d, rss)?.metadata?.name, 'v2');
  assert.deepEqual(findOldReplicaSets(d, rss).map((r) => r.metadata?.name), ['v1', 'v2-late']);
  const changed: Deployment = { ...d, spec: { selector: {}, template: template('nginx:3') } };
  assert.equal(findNewReplicaSet(changed, rss), undefined, 'a new template object is judged by its own content');
});

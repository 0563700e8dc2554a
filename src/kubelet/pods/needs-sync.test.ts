import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { needsSync } from './needs-sync.ts';

const spec = { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] };
const base: Pod = {
  metadata: { name: 'p', namespace: 'n', uid: 'u', resourceVersion: '10', labels: { app: 'a' }, managedFields: [{ manager: 'kubelet' }] },
  spec,
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] },
};

test('needsSync: the kubelet\'s own status write is not worth a sync; spec, metadata and others\' conditions are', () => {
  const cases: { name: string; pod: Pod; want: boolean }[] = [
    { name: 'our status write came back (new resourceVersion, managedFields, status)', want: false, pod: {
      metadata: { ...base.metadata, resourceVersion: '11', managedFields: [{ manager: 'kubelet' }, { manager: 'k8ts-simulate' }] }, spec,
      status: { phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] } } },
    { name: 'the same spec with keys in another order', want: false, pod: {
      ...base, spec: { containers: [{ command: ['sleep', '3600'], image: 'busybox:1.36', name: 'c' }], nodeName: 'node-1' } } },
    { name: 'a new image', want: true, pod: { ...base, spec: { ...spec, containers: [{ name: 'c', image: 'busybox:1.37', command: ['sleep', '3600'] }] } } },
    { name: 'deletion started', want: true, pod: { ...base, metadata: { ...base.metadata, deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 30 } } },
    { name: 'a label changed', want: true, pod: { ...base, metadata: { ...base.metadata, labels: { app: 'b' } } } },
    { name: 'a readiness gate set by its owner', want: true, pod: { ...base, status: { ...base.status, conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'example.com/gate', status: 'True' }] } } },
    { name: 'a condition the kubelet owns, set by someone else', want: false, pod: { ...base, status: { ...base.status, conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }] } } },
  ];
  for (const c of cases) assert.equal(needsSync(base, c.pod), c.want, c.name);
});

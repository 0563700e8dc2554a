// How the pod workers write a pod's status: a sandbox recreated with a new IP replaces the old
// one in podIPs (a merge by key would keep both, which the API server refuses as two IPv4s).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { startHarness, type Harness } from './testing.fixture.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

test('a sandbox lost and made again: the new IP replaces the old one in podIPs', async () => {
  await h.namespace('ips');
  await h.create({ metadata: { name: 'p', namespace: 'ips' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  const first = await h.waitFor('Running', async () => { const x = await h.get('ips', 'p'); return x?.status?.phase === 'Running' && x.status.podIP !== undefined ? x : undefined; }, 0, 60);
  const uid = first.metadata?.uid ?? '';
  const [sandbox] = await h.runtime.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': uid } });
  assert.ok(sandbox, 'the pod has a sandbox');
  await h.runtime.stopPodSandbox(sandbox.id);
  const again = await h.waitFor('a new IP', async () => {
    const x: Pod | undefined = await h.get('ips', 'p');
    return x?.status?.podIP !== undefined && x.status.podIP !== first.status?.podIP && x.status.containerStatuses?.[0]?.state?.running !== undefined ? x : undefined;
  }, 1000, 60);
  assert.deepEqual(again.status?.podIPs, [{ ip: again.status?.podIP }]);
});

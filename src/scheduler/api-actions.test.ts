// The PodScheduled=False write after a failed attempt: written when the condition or the
// nomination changes, skipped when a retry fails the same way (as upstream's updatePod).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../api/clock.ts';
import type { Pod } from '../api/types/core/v1/index.ts';
import type { RestClient } from '../client/rest/client.ts';
import { SchedulerApi } from './api-actions.ts';

function recordingClient(): { client: RestClient; patches: unknown[] } {
  const patches: unknown[] = [];
  const resource = { namespace: () => resource, patch: async (_name: string, _type: string, body: unknown) => { patches.push(body); return {}; } };
  return { client: { resource: () => resource } as unknown as RestClient, patches };
}

const failed = (reason: string, message: string, nominated?: string): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  status: {
    conditions: [{ type: 'PodScheduled', status: 'False', reason, message, lastTransitionTime: '2026-11-26T00:00:00Z' }],
    ...(nominated === undefined ? {} : { nominatedNodeName: nominated }),
  },
});

test('markUnschedulable writes only what changes', async () => {
  const cases: Array<{ name: string; pod: Pod; reason: string; message: string; nominated?: string; writes: boolean }> = [
    { name: 'first failure', pod: { metadata: { name: 'p', namespace: 'default' } }, reason: 'Unschedulable', message: '0/1 nodes are available', writes: true },
    { name: 'same failure again', pod: failed('Unschedulable', '0/1 nodes are available'), reason: 'Unschedulable', message: '0/1 nodes are available', writes: false },
    { name: 'new message', pod: failed('Unschedulable', '0/1 nodes are available'), reason: 'Unschedulable', message: '0/2 nodes are available', writes: true },
    { name: 'new reason', pod: failed('Unschedulable', 'x'), reason: 'SchedulerError', message: 'x', writes: true },
    { name: 'new nomination', pod: failed('Unschedulable', 'x'), reason: 'Unschedulable', message: 'x', nominated: 'n1', writes: true },
    { name: 'same nomination', pod: failed('Unschedulable', 'x', 'n1'), reason: 'Unschedulable', message: 'x', nominated: 'n1', writes: false },
  ];
  for (const c of cases) {
    const { client, patches } = recordingClient();
    await new SchedulerApi(client, new FakeClock(Date.parse('2026-11-26T01:00:00Z'))).markUnschedulable(c.pod, c.reason, c.message, c.nominated);
    assert.equal(patches.length, c.writes ? 1 : 0, c.name);
  }
});

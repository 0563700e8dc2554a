import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { ApiCall, RestClient } from '../../client/rest/client.ts';
import { accessReviewAuthorizer } from './access-review.ts';

function fakeClient(answer: (call: ApiCall) => boolean | Error): { client: RestClient; calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  const client = {
    request: async (call: ApiCall) => {
      calls.push(call);
      const result = answer(call);
      if (result instanceof Error) throw result;
      return { status: { allowed: result } };
    },
  } as unknown as RestClient;
  return { client, calls };
}

test('a review asks about the node subresource and its answer is cached for its TTL', async () => {
  const clock = new FakeClock(0);
  const { client, calls } = fakeClient((call) => (call.body as { spec: { groups: string[] } }).spec.groups.includes('system:masters'));
  const authorize = accessReviewAuthorizer({ client, nodeName: 'n1', clock, log: () => undefined });
  const admin = { name: 'kube-apiserver-kubelet-client', groups: ['system:masters', 'system:authenticated'] };
  const someone = { name: 'someone', groups: ['system:authenticated'] };
  assert.equal(await authorize(admin, 'create', 'nodes/proxy'), true);
  assert.deepEqual((calls[0]?.body as { spec: unknown }).spec, {
    user: 'kube-apiserver-kubelet-client', groups: ['system:masters', 'system:authenticated'],
    resourceAttributes: { verb: 'create', group: '', version: 'v1', resource: 'nodes', subresource: 'proxy', name: 'n1' },
  });
  assert.equal(await authorize(admin, 'create', 'nodes/proxy'), true);
  assert.equal(calls.length, 1, 'the allowed answer is cached');
  assert.equal(await authorize(someone, 'get', 'nodes/stats'), false);
  clock.advance(31_000);
  assert.equal(await authorize(someone, 'get', 'nodes/stats'), false);
  assert.equal(calls.length, 3, 'a denial is asked again after 30 s');
  clock.advance(5 * 60_000);
  await authorize(admin, 'create', 'nodes/proxy');
  assert.equal(calls.length, 4, 'an allowance is asked again after 5 minutes');
});

test('a failed review denies and is not cached', async () => {
  let fail = true;
  const { client, calls } = fakeClient(() => (fail ? new Error('connection refused') : true));
  const logs: string[] = [];
  const authorize = accessReviewAuthorizer({ client, nodeName: 'n1', clock: new FakeClock(0), log: (m) => logs.push(m) });
  const user = { name: 'u', groups: [] };
  assert.equal(await authorize(user, 'get', 'nodes/proxy'), false);
  assert.match(logs[0] ?? '', /access review for u failed, denying: connection refused/);
  fail = false;
  assert.equal(await authorize(user, 'get', 'nodes/proxy'), true);
  assert.equal(calls.length, 2);
});

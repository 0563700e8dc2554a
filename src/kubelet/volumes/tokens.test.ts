import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { TokenRequest } from '../../api/types/authentication/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { TokenManager, type TokenAsk } from './tokens.ts';

/** A client whose serviceaccounts/token answers like the API server, stamped with the fake time. */
function tokenServer(clock: FakeClock): { client: RestClient; requests: TokenRequest[]; failing: { now: boolean } } {
  const requests: TokenRequest[] = [];
  const failing = { now: false };
  const create = async (req: TokenRequest, options: { subresource?: string }): Promise<TokenRequest> => {
    assert.equal(options.subresource, 'token');
    if (failing.now) throw new Error('connection refused');
    requests.push(req);
    const seconds = req.spec.expirationSeconds ?? 3600;
    const exp = Math.floor(clock.now() / 1000) + seconds;
    return { ...req, status: { token: `t${requests.length}`, expirationTimestamp: new Date(exp * 1000).toISOString().replace(/\.\d+Z$/, 'Z') } };
  };
  const client = { resource: () => ({ namespace: () => ({ create }) }) } as unknown as RestClient;
  return { client, requests, failing };
}

const ask = (expirationSeconds: number, audience = ''): TokenAsk => ({ namespace: 'ns', serviceAccount: 'sa', audience, expirationSeconds, podName: 'p', podUid: 'u1' });

test('a token is asked again after 80% of its lifetime, or after 24 hours, never before', async () => {
  const cases: Array<{ name: string; seconds: number; notYetMs: number; dueMs: number }> = [
    { name: 'one hour', seconds: 3600, notYetMs: 2870_000, dueMs: 2881_000 },
    { name: 'ten minutes', seconds: 600, notYetMs: 470_000, dueMs: 481_000 },
    { name: 'two days: the 24 h cap', seconds: 48 * 3600, notYetMs: 24 * 3600_000 - 11_000, dueMs: 24 * 3600_000 + 1000 },
  ];
  for (const c of cases) {
    const clock = new FakeClock(Date.UTC(2026, 10, 26, 2, 0, 0));
    const server = tokenServer(clock);
    const tokens = new TokenManager(server.client, clock);
    const signal = new AbortController().signal;
    assert.equal(tokens.needsRefresh(ask(c.seconds)), true, `${c.name}: nothing cached`);
    assert.equal(await tokens.token(ask(c.seconds), signal), 't1');
    clock.advance(c.notYetMs);
    assert.equal(tokens.needsRefresh(ask(c.seconds)), false, `${c.name}: not yet`);
    assert.equal(await tokens.token(ask(c.seconds), signal), 't1', c.name);
    clock.advance(c.dueMs - c.notYetMs);
    assert.equal(tokens.needsRefresh(ask(c.seconds)), true, `${c.name}: due`);
    assert.equal(await tokens.token(ask(c.seconds), signal), 't2', c.name);
    assert.deepEqual(server.requests[0]?.spec, { audiences: [], expirationSeconds: c.seconds, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u1' } });
  }
});

test('each audience has its own token; a failed refresh keeps a token that is still valid', async () => {
  const clock = new FakeClock(Date.UTC(2026, 10, 26, 2, 0, 0));
  const server = tokenServer(clock);
  const tokens = new TokenManager(server.client, clock);
  const signal = new AbortController().signal;
  assert.equal(await tokens.token(ask(3600), signal), 't1');
  assert.equal(await tokens.token(ask(3600, 'vault'), signal), 't2');
  assert.deepEqual(server.requests[1]?.spec.audiences, ['vault']);
  clock.advance(3000_000);
  server.failing.now = true;
  assert.equal(await tokens.token(ask(3600), signal), 't1', 'still valid for 10 minutes');
  clock.advance(700_000);
  await assert.rejects(tokens.token(ask(3600), signal), /failed to fetch token: connection refused/);
  tokens.forgetPod('u1');
  assert.equal(tokens.needsRefresh(ask(3600, 'vault')), true);
});

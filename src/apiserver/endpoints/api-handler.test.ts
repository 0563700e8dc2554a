import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueCertificate } from '../../client/pki/authority.ts';
import { InflightLimiter } from '../http/inflight.ts';
import { h1request, h2request, startServer, testPki, type RunningServer } from '../http/test-server.fixture.ts';
import type { ResourceRegistry } from '../registry/registry.ts';
import { createApiHandler } from './api-handler.ts';

// One read seat and no waiting: a second read while the first is held is refused at once.
let release: () => void = () => undefined;
let held: Promise<void> = Promise.resolve();
/** Called by the first request to reach the hook, in its seat. */
let entered: () => void = () => undefined;
let running: RunningServer;

before(async () => {
  running = await startServer({
    handler: createApiHandler({
      // Paths outside /api and /apis reach only the `before` hooks, never the registry.
      registry: undefined as unknown as ResourceRegistry,
      serverAddress: () => '127.0.0.1',
      inflight: new InflightLimiter({ maxReadOnly: 1, maxMutating: 1, maxWaitMs: 0 }),
      before: [async (req, res) => {
        if (req.path !== '/hold') return false;
        entered();
        await held;
        res.json(200, { held: true });
        return true;
      }],
    }),
  });
});

after(async () => {
  await running.stop();
});

const controller = issueCertificate(testPki().ca, { commonName: 'system:kube-controller-manager', usage: 'client' });

test('a request refused for want of a seat gets upstream\'s 429: text, Retry-After: 1; the admin is served meanwhile', async () => {
  held = new Promise((resolve) => (release = resolve));
  const seated = new Promise<void>((resolve) => (entered = resolve));
  const first = h2request(running.port, '/hold', { identity: controller });
  await seated;
  for (const request of [h2request, h1request]) {
    const refused = await request(running.port, '/hold', { identity: controller });
    assert.equal(refused.status, 429);
    assert.equal(refused.body, 'Too many requests, please try again later.\n');
    assert.equal(refused.headers['retry-after'], '1');
    assert.match(String(refused.headers['content-type']), /^text\/plain/);
  }
  const admin = h2request(running.port, '/hold', { identity: testPki().admin });
  release();
  assert.equal((await admin).status, 200);
  assert.equal((await first).status, 200);
  assert.equal((await h2request(running.port, '/hold', { identity: controller })).status, 200);
});

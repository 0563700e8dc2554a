// End-to-end: two controller-managers against one `k8ts server --disable controller-manager`;
// one leads (Lease kube-system/kube-controller-manager), and when it stops the other takes over
// and the work goes on.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALL_CONTROLLERS } from '../../src/controllers/all.ts';
import { ControllerManager } from '../../src/controllers/manager/controller-manager.ts';
import { TestServer } from './harness.ts';

let server: TestServer;

async function kubectl(args: string[], input?: string): Promise<string> {
  const r = await server.kubectl('1.33', args, input === undefined ? {} : { input });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function danglingSecret(name: string): Promise<void> {
  await kubectl(['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default',
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: `00000000-0000-0000-0000-${name.padStart(12, '0').slice(-12)}` }] },
  }));
}

async function gone(name: string): Promise<boolean> {
  const r = await server.kubectl('1.33', ['-n', 'default', 'get', 'secret', name, '-o', 'name', '--ignore-not-found']);
  return r.code === 0 && r.stdout.trim() === '';
}

describe('controller-manager leader election', () => {
  before(async () => { server = await TestServer.start(['--disable', 'controller-manager']); });
  after(async () => { await server.stop(); });

  it('runs nothing in the server when disabled', async () => {
    await danglingSecret('a00001');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await gone('a00001'), false, 'a dependent was collected with the controller-manager disabled');
  });

  it('one instance leads; when it stops the other takes over and work continues', async () => {
    const kubeconfig = join(server.dataDir, 'cred', 'controller-manager.kubeconfig');
    const leaderElection = { leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 500 };
    const log = (): void => undefined;
    const stops = [new AbortController(), new AbortController()];
    const managers = stops.map((_s, i) => new ControllerManager({ kubeconfig, controllers: ALL_CONTROLLERS, leaderElection, identity: `cm-${i}`, log }));
    const runs = managers.map((m, i) => m.run(stops[i]!.signal));
    try {
      await eventually('a leader', () => managers.some((m) => m.isLeader()));
      const first = managers.findIndex((m) => m.isLeader());
      const second = 1 - first;
      await eventually('the first leader collects', () => gone('a00001'));
      assert.equal(managers[second]!.isLeader(), false, 'two leaders at once');
      const lease = await kubectl(['-n', 'kube-system', 'get', 'lease', 'kube-controller-manager', '-o', 'jsonpath={.spec.holderIdentity}']);
      assert.equal(lease, `cm-${first}`);

      stops[first]!.abort();
      await runs[first];
      await eventually('the second instance leads', () => managers[second]!.isLeader(), 10_000);
      await danglingSecret('b00002');
      await eventually('the new leader collects', () => gone('b00002'));
    } finally {
      for (const s of stops) s.abort();
      await Promise.all(runs);
    }
  });
});

// End-to-end: the namespace controller and the garbage collector, run in-process by `k8ts server`,
// driven with the real kubectl.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestServer } from './harness.ts';

let server: TestServer;

async function kubectl(args: string[], input?: string): Promise<string> {
  const r = await server.kubectl('1.33', args, input === undefined ? { timeoutMs: 90_000 } : { input, timeoutMs: 90_000 });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function exists(args: string[]): Promise<boolean> {
  const r = await server.kubectl('1.33', ['get', ...args, '-o', 'name', '--ignore-not-found']);
  return r.stdout.trim() !== '';
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${server.log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A ConfigMap `owner` owning Secrets a and b (blockOwnerDeletion set, as controllers do). */
async function ownerWithDependents(ns: string): Promise<string> {
  await kubectl(['create', 'namespace', ns]);
  await kubectl(['-n', ns, 'create', 'configmap', 'owner', '--from-literal=k=v']);
  const uid = (await kubectl(['-n', ns, 'get', 'configmap', 'owner', '-o', 'jsonpath={.metadata.uid}'])).trim();
  for (const name of ['a', 'b']) {
    await kubectl(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns,
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid, blockOwnerDeletion: true }] },
      stringData: { x: 'y' },
    }));
  }
  return uid;
}

describe('controller-manager in k8ts server', () => {
  before(async () => { server = await TestServer.start(); });
  after(async () => { await server.stop(); });

  it('kubectl delete ns waits until the namespace and its content are gone', async () => {
    await kubectl(['create', 'namespace', 'doomed']);
    await kubectl(['-n', 'doomed', 'create', 'configmap', 'c1', '--from-literal=a=b']);
    await kubectl(['-n', 'doomed', 'create', 'secret', 'generic', 's1', '--from-literal=a=b']);
    await kubectl(['-n', 'doomed', 'create', 'deployment', 'd1', '--image=busybox']);
    await kubectl(['delete', 'namespace', 'doomed', '--timeout=60s']);
    assert.equal(await exists(['namespace', 'doomed']), false);
  });

  it('keeps a namespace Terminating while a finalizer holds its content, with conditions saying why', async () => {
    await kubectl(['create', 'namespace', 'held']);
    await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'held', finalizers: ['example.com/hold'] } }));
    await kubectl(['delete', 'namespace', 'held', '--wait=false']);
    await eventually('NamespaceFinalizersRemaining', async () => (await kubectl(['get', 'ns', 'held', '-o', 'json'])).includes('example.com/hold in 1 resource instances'));
    await kubectl(['-n', 'held', 'patch', 'configmap', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    await eventually('namespace held gone', async () => !(await exists(['namespace', 'held'])), 60_000);
  });

  it('background cascade deletes the dependents', async () => {
    await ownerWithDependents('bg');
    await kubectl(['-n', 'bg', 'delete', 'configmap', 'owner', '--cascade=background']);
    await eventually('dependents gone', async () => !(await exists(['-n', 'bg', 'secret', 'a'])) && !(await exists(['-n', 'bg', 'secret', 'b'])));
  });

  it('foreground cascade deletes the dependents first, then the owner', async () => {
    await ownerWithDependents('fg');
    await kubectl(['-n', 'fg', 'delete', 'configmap', 'owner', '--cascade=foreground', '--wait=false']);
    await eventually('owner gone', async () => !(await exists(['-n', 'fg', 'configmap', 'owner'])));
    assert.equal(await exists(['-n', 'fg', 'secret', 'a']), false);
    assert.equal(await exists(['-n', 'fg', 'secret', 'b']), false);
  });

  it('orphan cascade keeps the dependents and removes their ownerReferences', async () => {
    await ownerWithDependents('orph');
    await kubectl(['-n', 'orph', 'delete', 'configmap', 'owner', '--cascade=orphan', '--wait=false']);
    await eventually('owner gone', async () => !(await exists(['-n', 'orph', 'configmap', 'owner'])));
    for (const name of ['a', 'b']) {
      const refs = await kubectl(['-n', 'orph', 'get', 'secret', name, '-o', 'jsonpath={.metadata.ownerReferences}']);
      assert.equal(refs.trim(), '', `secret ${name} still has ownerReferences: ${refs}`);
    }
  });

  it('collects a dependent whose owner never existed (dangling uid)', async () => {
    await kubectl(['create', 'namespace', 'dangle']);
    await kubectl(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'orphaned', namespace: 'dangle',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000001' }] },
    }));
    await eventually('dangling dependent collected', async () => !(await exists(['-n', 'dangle', 'secret', 'orphaned'])));
  });

  it('a live owner with another uid counts as missing', async () => {
    await kubectl(['create', 'namespace', 'uidm']);
    await kubectl(['-n', 'uidm', 'create', 'configmap', 'owner']);
    await kubectl(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'dep', namespace: 'uidm',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '00000000-0000-0000-0000-000000000002' }] },
    }));
    await eventually('dependent collected', async () => !(await exists(['-n', 'uidm', 'secret', 'dep'])));
    assert.equal(await exists(['-n', 'uidm', 'configmap', 'owner']), true);
  });
});

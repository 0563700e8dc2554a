import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hostComponent } from './component.ts';
import type { ApiServerReady, ApiServerSpec } from './protocol.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-hosted-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A kubeconfig for a server nothing listens on: the component keeps trying until it is stopped. */
function unreachableKubeconfig(): string {
  const path = join(dir, 'unreachable.kubeconfig');
  writeFileSync(path, [
    'apiVersion: v1', 'kind: Config', 'current-context: c',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: c, context: {cluster: c, user: u}}]', '',
  ].join('\n'));
  return path;
}

test('a hosted component that cannot start ends its thread and the server is told', async () => {
  const logged: string[] = [];
  const component = hostComponent({ component: 'scheduler', kubeconfig: join(dir, 'missing.kubeconfig') }, (m) => logged.push(m));
  await component.done;
  assert.match(logged.join('\n'), /scheduler ended \(thread exit code 1\)/);
});

test('a running hosted component stops when asked, well within the grace period', async () => {
  const logged: string[] = [];
  const component = hostComponent({ component: 'controller-manager', kubeconfig: unreachableKubeconfig(), options: {}, enabled: ['*'] }, (m) => logged.push(m));
  let ended = false;
  void component.done.then(() => (ended = true));
  // Still running (retrying its lease) until told to stop.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(ended, false);
  const asked = Date.now();
  component.stop();
  await component.done;
  assert.ok(Date.now() - asked < 5000, `stopped after ${Date.now() - asked} ms`);
  assert.deepEqual(logged, []);
});

const apiServerSpec = (endpoint: string): ApiServerSpec => ({
  component: 'apiserver', dataDir: join(dir, 'data'), endpoint, storeOptions: {},
  host: '127.0.0.1', port: 0, tlsSans: [], maxRequestsInflight: 0, maxMutatingRequestsInflight: 0,
});

test('a hosted API server says where it serves, then stops when asked and its thread ends cleanly', async () => {
  const logged: string[] = [];
  let readied: (message: ApiServerReady) => void = () => undefined;
  const told = new Promise<ApiServerReady>((resolve) => (readied = resolve));
  const component = hostComponent(apiServerSpec(`sqlite://${join(dir, 'data', 'state.db')}`), (m) => logged.push(m), (message) => readied(message));
  // Ready, or its thread ended first (then it never will be).
  const ready = await Promise.race([told, component.done.then((code) => assert.fail(`the thread ended (${code}) before the API server was ready: ${logged.join('; ')}`))]);
  assert.ok(ready.address.port > 0);
  assert.ok(existsSync(ready.kubeconfig), ready.kubeconfig);
  assert.ok(existsSync(ready.components.scheduler), ready.components.scheduler);
  component.stop();
  assert.equal(await component.done, 0);
  assert.deepEqual(logged, []);
});

test('a hosted API server that cannot open its datastore ends its thread with a failure code', async () => {
  const logged: string[] = [];
  const component = hostComponent(apiServerSpec('sqlite:///dev/null/state.db'), (m) => logged.push(m));
  assert.equal(await component.done, 1);
  assert.match(logged.join('\n'), /apiserver ended \(thread exit code 1\)/);
  // Stopping a thread that has ended asks nothing of it.
  component.stop();
});

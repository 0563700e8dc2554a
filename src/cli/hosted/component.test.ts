import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hostComponent } from './component.ts';

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

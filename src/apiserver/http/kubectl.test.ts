// Acceptance: the real kubectl, given the kubeconfig k8ts writes, talks to this server over
// TLS with the admin's client certificate.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { realClock } from '../../api/clock.ts';
import { MetricsRegistry } from '../../client/metrics/registry.ts';
import { writeKubeconfig } from '../../client/pki/write-kubeconfig.ts';
import { HealthChecks } from './health.ts';
import { RequestMetrics } from './request-metrics.ts';
import { ApiServer } from './server.ts';
import { ensureServerPki } from './server-pki.ts';

const kubectlPath = '/usr/bin/kubectl';
const skip = existsSync(kubectlPath) ? false : `${kubectlPath} is not installed`;
const run = promisify(execFile);

let dir = '';
let kubeconfig = '';
const controller = new AbortController();
let serving: Promise<void> | undefined;
const seen: { path: string; user: string }[] = [];

before(async () => {
  if (skip !== false) return;
  dir = await mkdtemp(join(tmpdir(), 'k8ts-kubectl-'));
  const pki = await ensureServerPki(dir);
  const registry = new MetricsRegistry();
  const health = new HealthChecks();
  health.add('etcd', () => undefined);
  const server = new ApiServer({
    host: '127.0.0.1',
    port: 0,
    tls: { certPem: pki.serving.certPem, keyPem: pki.serving.keyPem, clientCaPem: pki.ca.certPem },
    health,
    metrics: registry,
    requestMetrics: new RequestMetrics(registry, realClock),
    handler: async (req, res) => {
      seen.push({ path: req.path, user: req.user.name });
      res.json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
    },
  });
  serving = server.run(controller.signal);
  const { port } = await server.listening;
  kubeconfig = join(dir, 'kubeconfig.yaml');
  await writeKubeconfig(kubeconfig, { server: `https://127.0.0.1:${port}`, caPem: pki.ca.certPem, certPem: pki.admin.certPem, keyPem: pki.admin.keyPem });
});

after(async () => {
  controller.abort();
  await serving;
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function kubectl(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  // HOME points into the test's folder so kubectl's caches stay out of the user's.
  return run(kubectlPath, ['--kubeconfig', kubeconfig, ...args], { timeout: 30_000, env: { ...process.env, HOME: dir, KUBECONFIG: '' } });
}

test('kubectl get --raw /healthz, /livez, /readyz?verbose', { skip }, async () => {
  assert.equal((await kubectl('get', '--raw', '/healthz')).stdout, 'ok');
  assert.equal((await kubectl('get', '--raw', '/livez')).stdout, 'ok');
  assert.equal((await kubectl('get', '--raw', '/readyz?verbose')).stdout, '[+]ping ok\n[+]etcd ok\n[+]shutdown ok\nreadyz check passed\n');
});

test('kubectl get --raw /version', { skip }, async () => {
  const info = JSON.parse((await kubectl('get', '--raw', '/version')).stdout) as Record<string, string>;
  assert.equal(info['gitVersion'], 'v1.33.0+k8ts');
  assert.equal(info['major'], '1');
  assert.equal(info['minor'], '33');
});

test('kubectl get --raw /metrics', { skip }, async () => {
  const { stdout } = await kubectl('get', '--raw', '/metrics');
  assert.match(stdout, /^# TYPE apiserver_request_total counter$/m);
  assert.match(stdout, /^apiserver_request_total\{code="200",[^}]*verb="GET"[^}]*\} \d+$/m);
});

test('kubectl is the admin, and reads a Status as an error from the server', { skip }, async () => {
  await assert.rejects(kubectl('get', '--raw', '/api/v1/namespaces/default/pods/x'), (error: { stderr?: string }) => {
    assert.match(error.stderr ?? '', /NotFound|could not find the requested resource/);
    return true;
  });
  assert.deepEqual(seen.at(-1), { path: '/api/v1/namespaces/default/pods/x', user: 'admin' });
});

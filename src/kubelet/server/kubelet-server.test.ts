// The kubelet server over HTTPS with a stub runtime (no containers): authentication,
// authorization, the plain endpoints and their errors.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { createCertificateAuthority, issueCertificate, type CertAndKey } from '../../client/pki/authority.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import type { Container, ContainerStats, PodSandbox } from '../cri/types.ts';
import { LABEL_CONTAINER_NAME, LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID } from '../seams.ts';
import { KubeletServer } from './kubelet-server.ts';

const labels = { [LABEL_POD_NAME]: 'web', [LABEL_POD_NAMESPACE]: 'default', [LABEL_POD_UID]: 'uid-1' };
const sandbox: PodSandbox = { id: 'sb1', metadata: { name: 'web', uid: 'uid-1', namespace: 'default', attempt: 0 }, state: 'SANDBOX_READY', createdAt: 1_700_000_000_000_000_000, labels, annotations: {}, runtimeHandler: '' };
const container = (id: string, name: string): Container => ({ id, podSandboxId: 'sb1', metadata: { name, attempt: 0 }, image: null, imageRef: '', state: 'CONTAINER_RUNNING', createdAt: 1_700_000_001_000_000_000, labels: { ...labels, [LABEL_CONTAINER_NAME]: name }, annotations: {} });
const containers = [container('c1', 'app'), container('c2', 'sidecar')];
const stats = (id: string, cpu: number, memory: number): ContainerStats => ({
  attributes: { id, metadata: null },
  cpu: { timestamp: 1_700_000_002_000_000_000, usageCoreNanoSeconds: { value: cpu * 10 }, usageNanoCores: { value: cpu } },
  memory: { timestamp: 1_700_000_002_000_000_000, workingSetBytes: { value: memory }, usageBytes: { value: memory * 2 }, rssBytes: null },
  writableLayer: null,
});

let dir = '';
let logPath = '';
const matches = (wanted: Readonly<Record<string, string>> | undefined, have: Readonly<Record<string, string>>): boolean =>
  Object.entries(wanted ?? {}).every(([k, v]) => have[k] === v);
const runtime = {
  listPodSandbox: async (filter?: { labelSelector?: Record<string, string> }) => [sandbox].filter((s) => matches(filter?.labelSelector, s.labels)),
  listContainers: async (filter?: { labelSelector?: Record<string, string> }) => containers.filter((c) => matches(filter?.labelSelector, c.labels)),
  containerStatus: async (id: string) => ({ id, state: 'CONTAINER_RUNNING', logPath }),
  containerStats: async (id: string) => (id === 'c1' ? stats(id, 1000, 4096) : stats(id, 500, 1024)),
} as unknown as RuntimeService;

let ca: CertAndKey;
let admin: CertAndKey;
let denied: CertAndKey;
let server: KubeletServer;
const stop = new AbortController();
let running: Promise<void>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8ts-kubelet-server-'));
  logPath = join(dir, '0.log');
  await writeFile(logPath, '2024-05-01T10:00:00Z stdout F one\n2024-05-01T10:00:01Z stderr F two\n');
  ca = createCertificateAuthority('test-ca');
  const serving = issueCertificate(ca, { commonName: 'n1', ipAddresses: ['127.0.0.1'], usage: 'server' });
  admin = issueCertificate(ca, { commonName: 'apiserver', organizations: ['system:masters'], usage: 'client' });
  denied = issueCertificate(ca, { commonName: 'viewer', organizations: ['viewers'], usage: 'client' });
  server = new KubeletServer({
    runtime, nodeName: 'n1', port: 0, host: '127.0.0.1', clock: new FakeClock(1_700_000_010_000),
    tls: { key: serving.keyPem, cert: serving.certPem, ca: ca.certPem },
    authorize: (user, verb, resource) => user.groups.includes('system:masters') || (resource === 'nodes/stats' && verb === 'get'),
    pods: () => [{ metadata: { name: 'web', namespace: 'default' } }],
    log: () => undefined,
    nodeUsage: async () => ({ usageCoreNanoSeconds: 5e9, memory: { availableBytes: 1, usageBytes: 2, workingSetBytes: 3 }, bootTimeMs: 0 }),
  });
  running = server.run(stop.signal);
  for (let i = 0; i < 200 && server.address() === undefined; i++) await new Promise((r) => setTimeout(r, 10));
});

after(async () => {
  stop.abort();
  await running;
  await rm(dir, { recursive: true, force: true });
});

function call(path: string, identity: CertAndKey | undefined, method = 'GET'): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.address()?.port, path, method, ca: ca.certPem, ...(identity === undefined ? {} : { cert: identity.certPem, key: identity.keyPem }) }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    }).once('error', reject).end();
  });
}

const cases: Array<[string, string, 'none' | 'admin' | 'denied', number, string | RegExp]> = [
  ['no certificate', '/healthz', 'none', 401, 'Unauthorized'],
  ['healthz', '/healthz', 'admin', 200, 'ok'],
  ['forbidden proxy subresource', '/pods', 'denied', 403, 'Forbidden (user=viewer, verb=get, resource=nodes, subresource=proxy)'],
  ['stats allowed to the viewer', '/stats/summary', 'denied', 200, /"nodeName":"n1"/],
  ['log', '/containerLogs/default/web/app', 'admin', 200, 'one\ntwo\n'],
  ['log tail with timestamps', '/containerLogs/default/web/app?tailLines=1&timestamps=true', 'admin', 200, '2024-05-01T10:00:01Z two\n'],
  ['log with a bad parameter', '/containerLogs/default/web/app?tailLines=x', 'admin', 400, /tailLines must be an integer/],
  ['log of an unknown pod', '/containerLogs/default/nope/app', 'admin', 404, 'pod "nope" does not exist\n'],
  ['log of an unknown container', '/containerLogs/default/web/nope', 'admin', 404, 'container "nope" not found in pod "web"\n'],
  ['exec without an upgrade', '/exec/default/web/app?command=ls', 'admin', 400, 'Upgrade request required\n'],
  ['an unknown path', '/nothing', 'admin', 404, '404 page not found\n'],
  ['a malformed path', '/containerLogs/default/%E0%A4%A/app', 'admin', 400, 'malformed path\n'],
];

for (const [name, path, who, status, body] of cases) {
  test(`kubelet server: ${name}`, async () => {
    const identity = who === 'none' ? undefined : who === 'denied' ? denied : admin;
    const res = await call(path, identity);
    assert.equal(res.status, status, res.body);
    if (body instanceof RegExp) assert.match(res.body, body);
    else assert.equal(res.body, body);
  });
}

test('kubelet server: /pods is a PodList of what the pod workers know', async () => {
  const res = await call('/pods', admin);
  assert.deepEqual(JSON.parse(res.body), { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'web', namespace: 'default' } }] });
});

test('kubelet server: /stats/summary sums each pod\'s containers', async () => {
  const summary = JSON.parse((await call('/stats/summary', admin)).body) as { node: { cpu: { usageCoreNanoSeconds: number }; memory: { workingSetBytes: number } }; pods: Array<{ podRef: unknown; cpu: unknown; memory: unknown; containers: Array<{ name: string }> }> };
  assert.equal(summary.node.cpu.usageCoreNanoSeconds, 5e9);
  assert.equal(summary.node.memory.workingSetBytes, 3);
  assert.deepEqual(summary.pods.map((p) => p.podRef), [{ name: 'web', namespace: 'default', uid: 'uid-1' }]);
  assert.deepEqual(summary.pods[0]?.containers.map((c) => c.name), ['app', 'sidecar']);
  assert.deepEqual(summary.pods[0]?.cpu, { time: '2023-11-14T22:13:30Z', usageNanoCores: 1500, usageCoreNanoSeconds: 15000 });
  assert.deepEqual(summary.pods[0]?.memory, { time: '2023-11-14T22:13:30Z', usageBytes: 10240, workingSetBytes: 5120 });
});

test('kubelet server: /metrics in Prometheus text', async () => {
  const res = await call('/metrics', admin);
  assert.match(res.type, /^text\/plain; version=0.0.4/);
  assert.match(res.body, /^kubelet_running_pods 1$/m);
  assert.match(res.body, /^kubelet_http_requests_total\{long_running="false",method="GET",path="healthz",server_type="readwrite"\} \d+$/m);
});
